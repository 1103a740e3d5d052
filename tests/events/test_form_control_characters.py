"""The public forms refuse control characters in text (a text area still takes tabs and line
breaks), with a message in the visitor's language, and save nothing."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samhandling.core.text import SafeTextFormMixin
from samhandling.events.forms import RegistrationDetailsForm, RegistrationForm
from samhandling.events.models import OutboxMessage, Registration
from samhandling.events.services import registration_create
from tests.conftest import HN_HOST
from tests.events.factories import ALTA, event, kommune
from tests.public_forms import manage_post, signup_post

pytestmark = pytest.mark.django_db


def visitor(language="en") -> Client:
    client = Client(HTTP_HOST=HN_HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "Ola\x07 Nordmann"),
        ("name", '\x1b=HYPERLINK("http://evil","x")'),
        ("job_title", "Lege\x0bspesialist"),
        ("name", "Kari\x85Nordmann"),
        ("phone", "123\t45678"),
        ("dietary_needs", "Ingen\x00nøtter"),
        ("accessibility_needs", "Rulle\x1fstol"),
    ],
)
def test_the_sign_up_refuses_a_control_character(demo, field, value):
    """(At either end, Django's form fields strip them as white space: no harm done.)"""
    conference = event()
    data = signup_post(organisation=kommune(ALTA), **{field: value})
    response = visitor().post(reverse("events:signup", args=[conference.pk]), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "control characters" in text or "Null characters" in text
    assert not Registration.objects.filter(event=conference).exists()


def test_the_message_is_in_the_sites_language(demo):
    conference = event()
    data = signup_post(organisation=kommune(ALTA), name="Ola\x07")
    response = visitor("nn").post(reverse("events:signup", args=[conference.pk]), data)
    assert "Fjern dei usynlege kontrollteikna" in response.content.decode()


def test_a_text_area_takes_tabs_and_line_breaks(demo):
    conference = event()
    data = signup_post(organisation=kommune(ALTA), dietary_needs="Ingen nøtter,\r\n\tingen egg")
    response = visitor().post(reverse("events:signup", args=[conference.pk]), data)
    assert response.status_code == 302
    saved = Registration.objects.get(event=conference)
    assert saved.dietary_needs == "Ingen nøtter,\r\n\tingen egg"


def test_the_manage_page_refuses_a_control_character_and_keeps_the_old_details(demo):
    conference = event()
    outcome = registration_create(
        event=conference,
        name="Ola Nordmann",
        email="ola@example.org",
        consent=True,
        organisation=kommune(ALTA),
        language="en",
    )
    messages = OutboxMessage.objects.count()
    data = manage_post(organisation=kommune(ALTA), name="Ola\x08 Nordmann")
    response = visitor().post(reverse("events:manage", args=[outcome.token]), data)
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    outcome.registration.refresh_from_db()
    assert outcome.registration.name == "Ola Nordmann"
    assert OutboxMessage.objects.count() == messages


def test_every_public_form_carries_the_mixin():
    """A public form added later is listed here (and inherits SafeTextFormMixin)."""
    for form in (RegistrationForm, RegistrationDetailsForm):
        assert issubclass(form, SafeTextFormMixin)
