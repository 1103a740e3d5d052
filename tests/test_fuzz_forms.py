"""Fuzzing the public forms with hypothesis: the sign-up, the private manage page and the
language switch get arbitrary text (control characters, huge strings, any unicode, HTML,
formulas), forged choices and ids, missing and repeated fields. Whatever is sent: no response
5xx, and nothing half-saved: a refused request leaves the Registration and OutboxMessage rows
as they were; an accepted sign-up adds exactly its own registration and its e-mail.

The budget is fixed (tests/fuzzing.py); the figures are printed at the end of the run."""

import itertools
import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from samhandling.events.models import OutboxMessage, Registration
from samhandling.events.services import registration_create
from tests.conftest import HN_HOST
from tests.events.factories import ALTA, event, kommune
from tests.fuzzing import FORM_EXAMPLES, fixed_budget, record
from tests.public_forms import (
    client_addresses,
    form_extras,
    language_post,
    manage_post,
    signup_post,
)

pytestmark = pytest.mark.django_db

MISSING = object()
_emails = itertools.count(1)
_addresses = client_addresses()
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

control_characters = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    "\x7f\x85\x9f"
)
hostile_text = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda a, c, b: a + c + b,
        st.text(max_size=10),
        st.text(control_characters, min_size=1, max_size=4),
        st.text(max_size=10),
    ),
    st.text(min_size=1, max_size=4).map(lambda s: s * 20_000),
    st.sampled_from(
        [
            '=HYPERLINK("http://evil","x")',
            "<script>alert(1)</script>",
            "\x00",
            "",
            " ",
            "\u202eevil",
            "😀" * 300,
            "a\r\nb\tc",
        ]
    ),
)
forged_id = st.one_of(
    st.integers().map(str),
    st.sampled_from(["0", "-1", str(2**63), str(10**30), "1e3", "²", "٣", " 1", "other", ""]),
)


def mutated(valid: dict, extra_choices: dict):
    """`valid` with up to three fields replaced by hostile values, dropped or repeated."""
    names = sorted(valid)

    @st.composite
    def build(draw):
        data = dict(valid)
        for name in draw(st.sets(st.sampled_from(names), max_size=3)):
            options = [hostile_text, st.just(MISSING), st.lists(hostile_text, max_size=3)]
            if name in extra_choices:
                options.append(extra_choices[name])
            data[name] = draw(st.one_of(*options))
        return {name: value for name, value in data.items() if value is not MISSING}

    return build()


def counts() -> tuple[int, int]:
    return Registration.objects.count(), OutboxMessage.objects.count()


@pytest.fixture
def conference(demo):
    return event()


def test_fuzz_the_sign_up_form(conference):
    visitor = Client(HTTP_HOST=HN_HOST)
    signup_url = reverse("events:signup", args=[conference.pk])
    extras = form_extras(visitor, signup_url)
    alta = kommune(ALTA)
    valid = {
        **extras,
        **signup_post(organisation=alta),
    }  # the guard's fields as a person sends them
    choices = {
        "organisation": forged_id,
        "kind": st.sampled_from(["participant", "speaker", "press", "PRESS", "staff"]),
        "consent": st.sampled_from(["on", "", "off", "0"]),
        "email": st.emails(),
    }

    forged_event = st.integers(min_value=0, max_value=10**30).map(
        lambda n: reverse("events:signup", args=[1]).replace("/1/", f"/{n}/")
    )
    # Mostly the real addresses; one time in ten an event id that may not exist or fit.
    urls = st.integers(0, 9).flatmap(
        lambda k: forged_event if k == 0 else st.sampled_from([signup_url, conference.url])
    )

    @fixed_budget(FORM_EXAMPLES)
    @given(data=mutated(valid, choices), url=urls)
    def sign_up(data, url):
        if data.get("email") == valid["email"]:
            data["email"] = f"fuzz{next(_emails)}@example.org"  # a new person each time
        before = counts()
        response = visitor.post(url, data, REMOTE_ADDR=next(_addresses))
        record("public form: sign-up", response.status_code)
        assert response.status_code < 500
        registrations, messages = counts()
        if response.status_code == 302:  # accepted: to the receipt
            assert (registrations, messages) == (before[0] + 1, before[1] + 1)
            saved = Registration.objects.order_by("-pk").first()
            for field in ("name", "phone", "organisation_other", "job_title"):
                assert not CONTROL.search(getattr(saved, field)), field
        else:
            assert (registrations, messages) == before, response.status_code

    sign_up()


def test_fuzz_the_manage_page(conference):
    visitor = Client(HTTP_HOST=HN_HOST)
    alta = kommune(ALTA)
    choices = {
        "organisation": forged_id,
        "action": st.sampled_from(["update", "cancel", "", "delete"]),
        "confirmed": st.sampled_from(["", "0", "yes"]),
    }

    @fixed_budget(FORM_EXAMPLES)
    @given(data=mutated(manage_post(organisation=alta), choices))
    def manage(data):
        outcome = registration_create(
            event=conference,
            name="Ola Nordmann",
            email=f"manage{next(_emails)}@example.org",
            consent=True,
            organisation=alta,
            language="en",
        )
        url = reverse("events:manage", args=[outcome.token])
        fields = Registration.objects.filter(pk=outcome.registration.pk).values().get()
        before = counts()
        response = visitor.post(url, data, REMOTE_ADDR=next(_addresses))
        record("public form: manage", response.status_code)
        assert response.status_code < 500
        registrations, messages = counts()
        assert registrations == before[0]
        after = Registration.objects.filter(pk=outcome.registration.pk).values().get()
        if response.status_code == 302:  # saved (or cancelled): at most its notices
            assert before[1] <= messages <= before[1] + 2
            for field in ("name", "phone", "organisation_other", "job_title"):
                assert not CONTROL.search(after[field]), field
        else:
            assert messages == before[1] and after == fields, response.status_code

    manage()


def test_fuzz_the_language_switch(demo):
    visitor = Client(HTTP_HOST=HN_HOST)
    choices = {
        "language": st.sampled_from(["nn", "nb", "en", "se", "NB", "nb-NO", ""]),
        "next": st.sampled_from(["/", "//evil.example/", "https://evil.example/", "/sok/?q=x"]),
    }

    @fixed_budget(FORM_EXAMPLES // 2)
    @given(data=mutated(language_post(), choices))
    def switch(data):
        before = counts()
        response = visitor.post(reverse("set_language"), data, REMOTE_ADDR=next(_addresses))
        record("public form: language switch", response.status_code)
        assert response.status_code < 500
        assert counts() == before
        if response.status_code == 302:
            assert not response["Location"].startswith(("//", "http")), response["Location"]

    switch()
