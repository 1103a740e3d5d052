"""Fuzzing the hearing-response form and its private link with hypothesis (the strategies of
tests/test_fuzz_forms.py): arbitrary text, forged organisation, kind, section and question
values, missing and repeated fields. Whatever is sent: never a 5xx, and nothing half-saved (a
refused post adds no response and no e-mail; an accepted one adds exactly one of each)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samhandling.hearings.mail import HearingMail
from samhandling.hearings.responses import HearingResponse
from samhandling.organisations.models import Organisation
from tests.fuzzing import FORM_EXAMPLES, fixed_budget, record
from tests.public_forms import client_addresses, form_extras
from tests.test_fuzz_forms import forged_id, mutated

from .factories import make_hearing
from .response_posts import link_post, respond_url, response_post, visitor

pytestmark = pytest.mark.django_db
_addresses = client_addresses()


def counts() -> tuple[int, int]:
    return HearingResponse.objects.count(), HearingMail.objects.count()


def test_fuzz_the_response_form(demo):
    hearing = make_hearing(questions=("Støttar de modellen?",))
    molde = Organisation.objects.get(municipality_number="1506")
    question = hearing.questions.get()
    section = hearing.draft_sections[0].key
    client = visitor()
    valid = {
        **form_extras(client, respond_url(hearing)),
        **response_post(kind="organisation", organisation=molde),
        f"section_{section}": "Om del 1.",
        f"question_{question.pk}": "agree",
    }
    choices = {
        "organisation": forged_id,
        "kind": st.sampled_from(["organisation", "private", "other_organisation", "x", ""]),
        f"question_{question.pk}": st.sampled_from(["agree", "partly", "nope", ""]),
        "no_comments": st.sampled_from(["on", "", "0"]),
        "email": st.emails(),
    }

    @fixed_budget(FORM_EXAMPLES)
    @given(data=mutated(valid, choices))
    def respond(data):
        HearingResponse.objects.filter(status="confirmed").delete()
        before = counts()
        response = client.post(respond_url(hearing), data, REMOTE_ADDR=next(_addresses))
        record("public form: hearing response", response.status_code)
        assert response.status_code < 500
        if response.status_code == 302:
            assert counts() == (before[0] + 1, before[1] + 1)
        else:
            assert counts() == before, response.status_code

    respond()


def test_fuzz_the_private_link(demo):
    hearing = make_hearing()
    client = visitor()
    client.post(respond_url(hearing), response_post())
    token_like = st.text(max_size=120).filter(lambda t: "/" not in t and "?" not in t)

    @fixed_budget(FORM_EXAMPLES)
    @given(
        token=st.one_of(token_like, st.just("x" * 43)),
        action=st.sampled_from(["confirm", "withdraw", "", "delete"]),
    )
    def use(token, action):
        from urllib.parse import quote

        response = client.post(
            f"/hoyring/svar/{quote(token, safe='') or 'x'}/",
            link_post(action),
            REMOTE_ADDR=next(_addresses),
        )
        record("public form: hearing response link", response.status_code)
        assert response.status_code < 500

    use()
