"""Speakers and contributors in the program sign up on the same form. Like press, they wait for
the secretariat's confirmation and do not take their organisation's places, so ticking
"speaker" is no way round the quota."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from samhandling.events.models import Registration, RegistrationStatus
from samhandling.events.services import registration_create

from .factories import ALTA, event, kommune, series
from .test_views import client, form_data

pytestmark = pytest.mark.django_db


def test_a_speaker_waits_for_confirmation_and_takes_no_place_of_the_organisation(
    demo, django_capture_on_commit_callbacks
):
    conference = event(series(max_per_organisation=1), capacity=50)
    alta = kommune(ALTA)
    registration_create(
        event=conference, name="A", email="a@alta.example", consent=True, organisation=alta
    )
    visitor = client()
    form = visitor.get(reverse("events:signup", args=[conference.pk])).content.decode()
    assert "Speaker or contributor in the program" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            reverse("events:signup", args=[conference.pk]),
            form_data(email="foredrag@alta.example", kind="speaker"),
        )
    assert response.status_code == 302  # Alta's one place is taken, but a speaker is no participant
    speaker = Registration.objects.get(email="foredrag@alta.example")
    assert (speaker.kind, speaker.status) == ("speaker", RegistrationStatus.PENDING)
    assert "We have your speaker request" in visitor.get(response["Location"]).content.decode()
    assert mail.outbox[-1].subject.startswith("We have your speaker request")
    assert "as a speaker or contributor" in mail.outbox[-1].body
    # A participant from Alta is still refused: the speaker did not change the count either way.
    refused = client().post(
        reverse("events:signup", args=[conference.pk]), form_data(email="b@alta.example")
    )
    assert refused.status_code == 409


def test_the_secretariat_confirms_a_speaker_in_the_speakers_words(
    demo, admin_client, django_capture_on_commit_callbacks
):
    admin = admin_client
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    conference = event()
    speaker = registration_create(
        event=conference, name="Ina", email="ina@example.org", consent=True, kind="speaker"
    ).registration
    listing = admin.get(reverse("wagtailsnippets_events_registration:list")).content.decode()
    assert "Approve speaker request" in listing  # the demo's press requests keep their words
    url = reverse("events_registration_action", args=[speaker.pk, "approve"])
    assert "Approve speaker request" in admin.get(url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url, follow=True)
    assert "The speaker request is approved." in response.content.decode()
    speaker.refresh_from_db()
    assert speaker.status == RegistrationStatus.CONFIRMED
    (message,) = mail.outbox
    assert message.subject.startswith("You are confirmed as a speaker")
    assert message.attachments  # the calendar file
