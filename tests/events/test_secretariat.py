"""The secretariat's side of events: moving a participant, the quota board, check-in, telling
participants about a change, and reminders."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from samhandling.events.models import OutboxMessage, Registration, RegistrationStatus
from samhandling.events.notices import event_notify_change, registrations_send_reminders
from samhandling.events.services import (
    RegistrationRefused,
    registration_mark_attended,
    registration_move,
)
from samhandling.events.wagtail_hooks import offer_change_notification

from .factories import ALTA, BODO, NARVIK, TROMSO, event, events_index, kommune, series
from .test_services import sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client, demo):
    # The assertions read the English interface; the Norwegian one is covered by the .po checks.
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


def two_events(**series_fields):
    dialogue = series(**series_fields)
    return dialogue, event(dialogue, capacity=2), event(dialogue, days=34, capacity=2)


def kinds_to(email):
    return list(
        OutboxMessage.objects.filter(to_email=email).order_by("pk").values_list("kind", flat=True)
    )


# Moving a participant


def test_moving_frees_the_seat_for_the_first_waiting_and_mails_both(
    demo, django_capture_on_commit_callbacks
):
    _series, tromso, bodo = two_events(max_per_organisation=None)
    moving = sign_up(tromso, 1).registration
    sign_up(tromso, 2)
    waiting = sign_up(tromso, 3).registration
    assert waiting.status == RegistrationStatus.WAITING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = registration_move(registration=moving, to_event=bodo)
    assert (moved.event_id, moved.status) == (bodo.pk, RegistrationStatus.CONFIRMED)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert {tuple(message.to) for message in mail.outbox} == {
        ("deltakar1@example.org",),
        ("deltakar3@example.org",),
    }
    assert kinds_to("deltakar1@example.org")[-1] == "moved"
    moved_mail = next(m for m in mail.outbox if m.to == ["deltakar1@example.org"])
    assert bodo.title in moved_mail.subject and moved_mail.attachments


def test_moving_to_a_full_event_puts_the_participant_on_its_waiting_list(demo):
    _series, tromso, bodo = two_events(max_per_organisation=None)
    sign_up(bodo, 1)
    sign_up(bodo, 2)
    moving = sign_up(tromso, 3).registration
    moved = registration_move(registration=moving, to_event=bodo)
    assert (moved.status, moved.position) == (RegistrationStatus.WAITING, 1)
    assert Registration.objects.filter(event=tromso, status="confirmed").count() == 0


def test_a_move_outside_the_series_or_to_a_taken_address_changes_nothing(demo):
    _series, tromso, bodo = two_events(max_per_organisation=None)
    elsewhere = event(capacity=10)
    moving = sign_up(tromso, 1).registration
    sign_up(bodo, 1)  # the same e-mail address is already at Bodø
    for target, code in ((elsewhere, "other_series"), (bodo, "duplicate"), (tromso, "same_event")):
        with pytest.raises(RegistrationRefused) as refused:
            registration_move(registration=moving, to_event=target)
        assert refused.value.code == code
    moving.refresh_from_db()
    assert (moving.event_id, moving.status) == (tromso.pk, RegistrationStatus.CONFIRMED)
    assert kinds_to("deltakar1@example.org") == ["confirmation", "confirmation"]


def test_a_move_keeps_one_event_per_organisation(demo):
    _series, tromso, bodo = two_events(max_per_organisation=2, one_event_per_organisation=True)
    first = sign_up(tromso, 1, kommune(TROMSO)).registration
    sign_up(tromso, 2, kommune(TROMSO))
    with pytest.raises(RegistrationRefused) as refused:
        registration_move(registration=first, to_event=bodo)
    assert refused.value.code == "one_event_per_organisation"
    alone = sign_up(tromso, 3, kommune(BODO)).registration
    assert registration_move(registration=alone, to_event=bodo).event_id == bodo.pk


def test_the_admin_moves_a_participant_and_bad_input_changes_nothing(admin_client):
    _series, tromso, bodo = two_events(max_per_organisation=None)
    moving = sign_up(tromso, 1).registration
    listing = admin_client.get(reverse("wagtailsnippets_events_registration:list"))
    url = reverse("events_registration_move", args=[moving.pk])
    assert url in listing.content.decode()
    page = admin_client.get(url)
    assert page.status_code == 200 and bodo.title in page.content.decode()
    assert admin_client.post(url, {"to_event": "x"}).status_code == 400
    assert admin_client.post(url, {"to_event": event().pk}).status_code == 400
    moving.refresh_from_db()
    assert moving.event_id == tromso.pk
    assert admin_client.post(url, {"to_event": bodo.pk}).status_code == 302
    moving.refresh_from_db()
    assert moving.event_id == bodo.pk
    assert Client().post(url, {"to_event": tromso.pk}).status_code == 302  # to the login
    moving.refresh_from_db()
    assert moving.event_id == bodo.pk


# Quota board


def test_the_quota_board_shows_seats_and_who_has_not_signed_up(admin_client):
    dialogue, tromso, bodo = two_events(max_per_organisation=2)
    sign_up(tromso, 1, kommune(TROMSO))
    sign_up(tromso, 2, kommune(TROMSO))
    sign_up(bodo, 3, kommune(BODO))
    sign_up(bodo, 4, kommune(ALTA), kind="press")  # press do not use a seat
    url = reverse("events_series_quota", args=[dialogue.pk])
    board = admin_client.get(url)
    assert board.status_code == 200
    rows = {row["organisation"].pk: row for row in board.context_data["rows"]}
    assert (rows[kommune(TROMSO).pk]["used"], rows[kommune(TROMSO).pk]["left"]) == (2, 0)
    assert (rows[kommune(BODO).pk]["used"], rows[kommune(BODO).pk]["left"]) == (1, 1)
    assert rows[kommune(BODO).pk]["events"] == [bodo.title]
    assert rows[kommune(NARVIK).pk]["used"] == 0

    missing = admin_client.get(url, {"show": "missing"})
    names = [row["organisation"].display_name for row in missing.context_data["rows"]]
    assert kommune(NARVIK).name in names and kommune(ALTA).name in names
    assert kommune(TROMSO).name not in names
    assert missing.context_data["missing"] == len(names)

    export = admin_client.get(url, {"show": "missing", "export": "csv"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    exported = [line[0] for line in lines[1:]]
    assert exported == names

    searched = admin_client.get(url, {"q": kommune(BODO).name})
    assert [row["organisation"].pk for row in searched.context_data["rows"]] == [kommune(BODO).pk]
    assert Client().get(url).status_code == 302


def test_the_quota_board_is_linked_from_the_series_and_its_registrations(admin_client):
    dialogue, tromso, _bodo = two_events()
    sign_up(tromso, 1)
    url = reverse("events_series_quota", args=[dialogue.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[dialogue.pk]))
    assert url in edit.content.decode()
    explorer = admin_client.get(reverse("wagtailadmin_explore", args=[events_index().pk]))
    assert url in explorer.content.decode()
    listing = admin_client.get(reverse("wagtailsnippets_events_registration:list"))
    assert url in listing.content.decode()
    filtered = admin_client.get(
        reverse("wagtailsnippets_events_registration:list"), {"event": tromso.pk}
    )
    assert filtered.status_code == 200 and "Deltakar 1" in filtered.content.decode()
    other = event()
    sign_up(other, 9)
    per_series = admin_client.get(
        reverse("wagtailsnippets_events_registration:list"), {"series": dialogue.pk}
    ).content.decode()
    assert "Deltakar 1" in per_series and "Deltakar 9" not in per_series
    per_event = admin_client.get(
        reverse("wagtailsnippets_events_registration:list"), {"event": other.pk}
    ).content.decode()
    assert "Deltakar 9" in per_event and "Deltakar 1" not in per_event


# Check-in


def test_mark_attended_keeps_the_time_and_can_be_undone(demo):
    conference = event(capacity=1)
    confirmed = sign_up(conference, 1).registration
    waiting = sign_up(conference, 2).registration
    moment = timezone.now()
    checked = registration_mark_attended(registration=confirmed, attended=True, now=moment)
    assert checked.attended and checked.attended_at == moment
    undone = registration_mark_attended(registration=confirmed, attended=False)
    assert not undone.attended and undone.attended_at is None
    with pytest.raises(RegistrationRefused):
        registration_mark_attended(registration=waiting, attended=True)
    waiting.refresh_from_db()
    assert not waiting.attended


def test_the_check_in_page_searches_and_checks_in_without_javascript(admin_client):
    conference = event()
    kari = sign_up(conference, 1, kommune(TROMSO), name="Kari Nordmann").registration
    sign_up(conference, 2, name="Ola Hansen")
    url = reverse("events_event_checkin", args=[conference.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Kari Nordmann" in page.content.decode() and "Ola Hansen" in page.content.decode()
    for query in ("kari", "deltakar1@", kommune(TROMSO).name[:5]):
        found = admin_client.get(url, {"q": query}).content.decode()
        assert "Kari Nordmann" in found and "Ola Hansen" not in found, query
    attend = reverse("events_registration_attended", args=[kari.pk])
    assert attend in page.content.decode()
    assert admin_client.get(attend).status_code == 405
    assert admin_client.post(attend, {"attended": "yes"}).status_code == 400
    kari.refresh_from_db()
    assert not kari.attended
    response = admin_client.post(attend, {"attended": "1", "q": "kari"})
    assert response.status_code == 302 and "q=kari" in response["Location"]
    kari.refresh_from_db()
    assert kari.attended and kari.attended_at is not None
    assert "1 of 2" in admin_client.get(url).content.decode()
    admin_client.post(attend, {"attended": "0"})
    kari.refresh_from_db()
    assert not kari.attended
    assert Client().post(attend, {"attended": "1"}).status_code == 302  # to the login
    kari.refresh_from_db()
    assert not kari.attended
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[conference.pk]))
    assert url in edit.content.decode()


# Telling participants about a change


def _publish_as(user, page):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_publishing_a_changed_event_offers_to_notify_its_participants(admin_client):
    conference = event(capacity=5)
    sign_up(conference, 1)
    sign_up(conference, 2)
    cancelled = sign_up(conference, 3).registration
    Registration.objects.filter(pk=cancelled.pk).update(status=RegistrationStatus.CANCELLED)
    notify = reverse("events_event_notify", args=[conference.pk])

    conference.title = conference.title + " (new title only)"
    conference = _publish_as(admin_client.user, conference)
    request = _request(admin_client.user)
    offer_change_notification(request, conference)
    assert not list(get_messages(request))  # nothing a participant needs to know

    conference.start += datetime.timedelta(hours=1)
    conference.end += datetime.timedelta(hours=1)
    conference = _publish_as(admin_client.user, conference)
    request = _request(admin_client.user)
    with translation.override("en"):  # the admin's message in the language the test reads
        offer_change_notification(request, conference)
    (message,) = list(get_messages(request))
    assert notify in str(message) and "Notify 2 participants" in str(message)
    assert not OutboxMessage.objects.filter(kind="event_changed").exists()  # not until asked
    assert offer_change_notification in hooks.get_hooks("after_publish_page")


def test_the_program_counts_as_a_change_and_an_event_without_sign_ups_offers_nothing(
    admin_client,
):
    quiet = event()
    quiet.venue_name = "Somewhere else"
    quiet = _publish_as(admin_client.user, quiet)
    request = _request(admin_client.user)
    offer_change_notification(request, quiet)
    assert not list(get_messages(request))

    conference = event()
    sign_up(conference, 1)
    conference.program = [("pause", {"time": datetime.time(13), "text": "Kaffipause"})]
    conference = _publish_as(admin_client.user, conference)
    request = _request(admin_client.user)
    offer_change_notification(request, conference)
    assert len(list(get_messages(request))) == 1


def test_confirming_the_notification_mails_every_active_participant(
    admin_client, django_capture_on_commit_callbacks
):
    conference = event(capacity=1)
    sign_up(conference, 1)
    sign_up(conference, 2)  # waiting
    cancelled = sign_up(conference, 3).registration
    Registration.objects.filter(pk=cancelled.pk).update(status=RegistrationStatus.CANCELLED)
    url = reverse("events_event_notify", args=[conference.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "Notify 2 participants" in page.content.decode()
    assert Client().post(url).status_code == 302  # anonymous: to the login
    assert not OutboxMessage.objects.filter(kind="event_changed").exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deltakar1@example.org",
        "deltakar2@example.org",
    ]
    assert all(conference.title in m.subject for m in mail.outbox)
    assert event_notify_change(event=conference) == 2


# Reminders


def test_reminders_go_once_to_confirmed_participants_of_events_soon(
    demo, django_capture_on_commit_callbacks, settings
):
    settings.EVENTS_REMINDER_DAYS = 3
    soon = event(days=2, capacity=1)
    later = event(days=10)
    sign_up(soon, 1)
    sign_up(soon, 2)  # waiting: no reminder
    sign_up(later, 3)
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("events_send_reminders", stdout=out)
    assert "Queued 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["deltakar1@example.org"]]
    assert soon.title in mail.outbox[0].subject
    assert Registration.objects.get(email="deltakar1@example.org").reminder_sent_at is not None
    call_command("events_send_reminders", stdout=io.StringIO())
    assert registrations_send_reminders(days=3) == 0
    assert OutboxMessage.objects.filter(kind="reminder").count() == 1
    assert registrations_send_reminders(days=11) == 1  # the later event, when it comes closer
