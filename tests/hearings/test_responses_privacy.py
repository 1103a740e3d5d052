"""Hearing responses as personal data: a data request shows them by e-mail address; erasure
deletes a private person's response and blanks the person behind an organisation's response
(which stays the organisation's). The audit log names no person."""

import pytest

from samhandling.audit.registry import ACTIONS
from samhandling.hearings.responses import HearingResponse
from samhandling.organisations.models import Organisation
from samhandling.privacy.registry import erase_all, sources

from .factories import confirmed_response, make_hearing


@pytest.fixture
def hearing(demo):
    return make_hearing()


def _source():
    return next(s for s in sources() if s.key == "hearing_responses")


def test_a_data_request_finds_the_responses_of_an_address(hearing):
    confirmed_response(hearing, email="kari@example.org", general_answer="Mitt svar.")
    confirmed_response(hearing, email="other@example.org")
    records = _source().find(email="KARI@example.org")
    assert len(records) == 1
    assert records[0].data["general_answer"] == "Mitt svar."


def test_erasure_deletes_a_private_persons_response_and_blanks_an_organisations(hearing):
    from django.utils import timezone

    molde = Organisation.objects.get(municipality_number="1506")
    private = confirmed_response(hearing, email="kari@example.org", phone="999")
    official = confirmed_response(
        hearing, organisation=molde, email="kari@example.org", general_answer="Kommunen."
    )
    counts = erase_all(email="kari@example.org", now=timezone.now())["hearing_responses"]
    assert counts == {"deleted": 1, "blanked": 1}
    assert not HearingResponse.objects.filter(pk=private.pk).exists()
    official.refresh_from_db()
    assert (official.name, official.email, official.phone) == ("", "", "")
    assert official.organisation == molde and official.general_answer == "Kommunen."
    assert official.versions.get().content.get("name") == ""
    assert _source().find(email="kari@example.org") == []


def test_the_audit_actions_are_registered():
    for action in ("submit", "confirm", "change", "withdraw", "erase"):
        assert f"samhandling.hearing_response.{action}" in ACTIONS
