"""The secretariat's view: registrations and e-mails in the admin, and press approval."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samhandling.events.models import OutboxMessage, Registration, RegistrationStatus
from samhandling.events.services import registration_create

from .factories import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client, demo):
    return admin_client


def test_registrations_and_outbox_are_listed_and_exported(admin_client):
    conference = event()
    registration_create(event=conference, name="Kari", email="kari@example.org", consent=True)
    listing = admin_client.get(reverse("wagtailsnippets_events_registration:list"))
    assert listing.status_code == 200 and "Kari" in listing.content.decode()
    export = admin_client.get(
        reverse("wagtailsnippets_events_registration:list"), {"export": "csv"}
    )
    assert export.status_code == 200 and b"kari@example.org" in b"".join(export)
    outbox = admin_client.get(reverse("wagtailsnippets_events_outboxmessage:list"))
    assert outbox.status_code == 200
    assert OutboxMessage.objects.filter(to_email="kari@example.org").exists()


def test_the_secretariat_approves_a_press_request_through_the_service(
    admin_client, django_capture_on_commit_callbacks
):
    conference = event()
    press = registration_create(
        event=conference, name="Per", email="per@nordlys.example", consent=True, kind="press"
    ).registration
    url = reverse("events_registration_action", args=[press.pk, "approve"])
    listing = admin_client.get(reverse("wagtailsnippets_events_registration:list"))
    assert url in listing.content.decode()
    assert admin_client.get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url).status_code == 302
    press.refresh_from_db()
    assert press.status == RegistrationStatus.CONFIRMED
    assert mail.outbox and mail.outbox[0].to == ["per@nordlys.example"]
    assert (
        admin_client.get(reverse("events_registration_action", args=[press.pk, "x"])).status_code
        == 404
    )


def test_the_admin_can_add_a_registration_and_anonymous_visitors_cannot_act(admin_client):
    conference = event()
    Registration.objects.create(event=conference, name="A", email="a@example.org")
    Registration.objects.create(event=conference, name="B", email="b@example.org")
    other = Registration.objects.get(email="b@example.org")
    response = Client().post(reverse("events_registration_action", args=[other.pk, "cancel"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED


def test_event_pages_can_be_edited_and_previewed_in_the_admin(admin_client):
    from samhandling.events.models import EventPage

    conference = EventPage.objects.get(slug="dialogkonferanse-i-tromso-med-kommuner")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[conference.pk]))
    assert edit.status_code == 200 and "Radisson Blu" in edit.content.decode()
    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[conference.pk]))
    assert preview.status_code == 200 and "Del 1 Status for arbeidet" in preview.content.decode()
    series = conference.get_parent()
    for page in (series, series.get_parent()):  # the series and the events index
        assert (
            admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
        )
