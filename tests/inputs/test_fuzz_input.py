"""Fuzzing the participant's input form: hostile text (control characters, huge strings, HTML,
any unicode), missing and repeated fields. No response is 5xx; a refused post saves nothing; an
accepted one saves exactly one input, without control characters and at most 10,000 characters."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from samhandling.inputs.models import Input
from tests.conftest import HN_HOST
from tests.fuzzing import FORM_EXAMPLES, fixed_budget, record
from tests.public_forms import client_addresses
from tests.test_fuzz_forms import CONTROL, hostile_text

from .factories import event, registration

pytestmark = pytest.mark.django_db

_addresses = client_addresses()


def test_fuzz_the_input_form(demo):
    from tests.form_guard import guard_fields

    _reg, token = registration(event(days=5))
    visitor = Client(HTTP_HOST=HN_HOST)
    url = f"/p/{token}/innspel/"
    texts = st.one_of(hostile_text, st.lists(hostile_text, max_size=3), st.just(None))

    @fixed_budget(FORM_EXAMPLES)
    @given(text=texts)
    def send(text):
        data = guard_fields()
        if text is not None:
            data["text"] = text
        before = Input.objects.count()
        response = visitor.post(url, data, REMOTE_ADDR=next(_addresses))
        record("public form: input", response.status_code)
        assert response.status_code < 500
        if response.status_code == 302:
            assert Input.objects.count() == before + 1
            saved = Input.objects.order_by("-pk").first()
            assert not CONTROL.search(saved.text) and len(saved.text) <= 10_000
            saved.delete()  # the per-sign-up limit stays out of the way
        else:
            assert Input.objects.count() == before, response.status_code

    send()
