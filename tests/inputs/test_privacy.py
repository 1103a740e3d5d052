"""Participants' input in a personal data request, and erasure unlinks it but keeps the text."""

import pytest
from django.utils import timezone

from samhandling.inputs.models import Input
from samhandling.inputs.services import input_send
from samhandling.privacy.registry import erase_all, sources

from .factories import event, registration

pytestmark = pytest.mark.django_db


def test_input_is_found_and_unlinked_on_erasure(demo):
    page = event(days=5)
    reg, _token = registration(page, email="slett.meg@example.org")
    item = input_send(registration=reg, text="Mitt innspill")
    source = next(s for s in sources() if s.key == "inputs")
    records = source.find(email="slett.meg@example.org")
    assert len(records) == 1 and records[0].data["text"] == "Mitt innspill"
    counts = erase_all(email="slett.meg@example.org", now=timezone.now())
    assert counts["inputs"] == {"unlinked": 1}
    item.refresh_from_db()
    assert item.registration is None and item.text == "Mitt innspill"
    assert source.find(email="slett.meg@example.org") == []


def test_deleting_a_sign_up_keeps_the_input(demo):
    reg, _token = registration(event(days=5))
    item = input_send(registration=reg, text="Blir stående")
    reg.delete()
    assert Input.objects.get(pk=item.pk).registration is None
