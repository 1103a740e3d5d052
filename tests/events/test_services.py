"""Sign-up rules: capacity and waiting list, places per organisation across a series, one event
per organisation, press, cancelling, and e-mail through the outbox."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from samhandling.events.models import (
    OutboxMessage,
    OutboxStatus,
    Registration,
    RegistrationKind,
    RegistrationStatus,
)
from samhandling.events.selectors import registration_for_token
from samhandling.events.services import (
    RegistrationRefused,
    press_approve,
    press_reject,
    registration_cancel,
    registration_create,
    registration_update,
)

from .factories import ALTA, BODO, NARVIK, TROMSO, event, kommune, series

pytestmark = pytest.mark.django_db


def sign_up(event, n, organisation=None, **extra):
    values = {
        "event": event,
        "name": f"Deltakar {n}",
        "email": f"deltakar{n}@example.org",
        "consent": True,
        "organisation": organisation,
        "language": "en",
    }
    return registration_create(**{**values, **extra})


def test_sign_up_confirms_and_mails_a_calendar_file_and_a_private_link(
    demo, django_capture_on_commit_callbacks
):
    conference = event(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign_up(conference, 1, kommune(TROMSO), job_title="Kommuneoverlege")
    registration = outcome.registration
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.token_hash != outcome.token  # only the hash is stored
    assert registration_for_token(token=outcome.token) == registration

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["deltakar1@example.org"]
    assert conference.title in message.subject
    assert f"/p/{outcome.token}/" in message.body
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    component = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(component["summary"]) == conference.title
    assert component.decoded("dtstart") == conference.start
    stored = OutboxMessage.objects.get(registration=registration)
    assert stored.status == OutboxStatus.SENT
    assert outcome.token not in stored.body + stored.private_link  # no working link is kept


def test_full_event_puts_new_sign_ups_on_the_waiting_list_in_order(demo):
    conference = event(capacity=2)
    sign_up(conference, 1)
    sign_up(conference, 2)
    third = sign_up(conference, 3).registration
    fourth = sign_up(conference, 4).registration
    assert (third.status, third.position) == (RegistrationStatus.WAITING, 1)
    assert (fourth.status, fourth.position) == (RegistrationStatus.WAITING, 2)


def test_cancelling_gives_the_seat_to_the_first_on_the_waiting_list_and_mails_them(
    demo, django_capture_on_commit_callbacks
):
    conference = event(capacity=1)
    first = sign_up(conference, 1).registration
    waiting = sign_up(conference, 2).registration
    sign_up(conference, 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=first)
    assert promoted == waiting
    waiting.refresh_from_db()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert (waiting.status, waiting.position) == (RegistrationStatus.CONFIRMED, None)
    subjects = {m.to[0]: m for m in mail.outbox}
    assert "cancelled" in subjects["deltakar1@example.org"].subject
    promotion = subjects["deltakar2@example.org"]
    assert "seat" in promotion.subject and promotion.attachments
    assert Registration.objects.filter(event=conference, status="waiting").count() == 1


def test_an_organisation_has_at_most_its_places_across_the_series(demo):
    autumn = series(max_per_organisation=2)
    tromso, bodo = event(autumn), event(autumn)
    sign_up(tromso, 1, kommune(TROMSO))
    sign_up(bodo, 2, kommune(TROMSO))
    with pytest.raises(RegistrationRefused) as refusal:
        sign_up(bodo, 3, kommune(TROMSO))
    assert refusal.value.code == "organisation_cap"
    assert "Tromsø" in refusal.value.messages[0] and "2" in refusal.value.messages[0]
    assert Registration.objects.filter(event__in=[tromso, bodo]).count() == 2
    # Others are not affected, and press from the same organisation are not counted.
    sign_up(bodo, 4, kommune(BODO))
    press = sign_up(bodo, 5, kommune(TROMSO), kind=RegistrationKind.PRESS).registration
    assert press.status == RegistrationStatus.PENDING


def test_cancelled_sign_ups_free_the_organisations_place(demo):
    autumn = series(max_per_organisation=1)
    conference = event(autumn)
    first = sign_up(conference, 1, kommune(ALTA)).registration
    registration_cancel(registration=first)
    assert sign_up(conference, 2, kommune(ALTA)).registration.status == "confirmed"


def test_one_event_per_organisation_refuses_the_other_event_and_names_it(demo):
    autumn = series(max_per_organisation=2, one_event_per_organisation=True)
    tromso = event(autumn, title="Dialogkonferanse i Tromsø")
    bodo = event(autumn, title="Dialogkonferanse i Bodø")
    sign_up(tromso, 1, kommune(NARVIK))
    with pytest.raises(RegistrationRefused) as refusal:
        sign_up(bodo, 2, kommune(NARVIK))
    assert refusal.value.code == "one_event_per_organisation"
    assert "Dialogkonferanse i Tromsø" in refusal.value.messages[0]
    # The same event is fine, up to the cap.
    sign_up(tromso, 3, kommune(NARVIK))


def test_press_wait_for_approval_and_are_told(demo, django_capture_on_commit_callbacks):
    conference = event(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        press = sign_up(conference, 1, kind=RegistrationKind.PRESS).registration
        other = sign_up(conference, 2, kind=RegistrationKind.PRESS).registration
    assert press.status == RegistrationStatus.PENDING
    assert "press request" in mail.outbox[0].subject
    # Pending press do not take the seat.
    assert sign_up(conference, 3).registration.status == RegistrationStatus.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        assert press_approve(registration=press).status == RegistrationStatus.CONFIRMED
        assert press_reject(registration=other).status == RegistrationStatus.REJECTED
    assert "approved" in mail.outbox[-2].subject and mail.outbox[-2].attachments
    assert "not approved" in mail.outbox[-1].subject


def test_the_same_email_cannot_sign_up_twice_for_an_event(demo):
    conference = event()
    sign_up(conference, 1)
    with pytest.raises(RegistrationRefused) as refusal:
        sign_up(conference, 1, email="Deltakar1@Example.org ")
    assert refusal.value.code == "duplicate"
    assert Registration.objects.filter(event=conference).count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"cancelled": True}, "cancelled"),
        ({"days": -2}, "past"),
        ({"signup_deadline": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
        ({"signup_opens": timezone.now() + datetime.timedelta(days=3)}, "not_open"),
    ],
)
def test_sign_up_outside_the_window_is_refused_with_the_reason(demo, fields, code):
    conference = event(**fields)
    with pytest.raises(RegistrationRefused) as refusal:
        sign_up(conference, 1)
    assert refusal.value.code == code
    assert not Registration.objects.filter(event=conference).exists()


def test_sign_up_at_a_given_time_uses_that_time(demo):
    conference = event()
    late = conference.start + datetime.timedelta(minutes=1)
    with pytest.raises(RegistrationRefused):
        sign_up(conference, 1, now=late)


def test_a_mail_server_outage_keeps_the_sign_up_and_the_message_is_sent_later(
    demo, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(conference, 1).registration
    assert Registration.objects.filter(pk=registration.pk).exists()
    message = OutboxMessage.objects.get(registration=registration)
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 1)
    assert "ConnectionRefusedError" in message.last_error
    assert not mail.outbox

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("events_send_outbox", stdout=_Null())
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments
    assert "/p/" in mail.outbox[0].body  # the private link survived the outage


def test_update_changes_details_and_checks_a_new_organisation(demo):
    autumn = series(max_per_organisation=1)
    conference = event(autumn)
    sign_up(conference, 1, kommune(BODO))
    mine = sign_up(conference, 2, kommune(ALTA)).registration
    registration_update(registration=mine, data={"job_title": "Fastlege", "phone": "12345678"})
    mine.refresh_from_db()
    assert (mine.job_title, mine.phone) == ("Fastlege", "12345678")
    with pytest.raises(RegistrationRefused):
        registration_update(registration=mine, data={"organisation": kommune(BODO)})
    mine.refresh_from_db()
    assert mine.organisation == kommune(ALTA)


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def test_registrations_are_deleted_some_time_after_the_event(demo):
    old, recent = event(days=-200), event(days=-10)
    for conference in (old, recent):
        Registration.objects.create(event=conference, name="A", email="a@example.org")
    call_command("events_purge_registrations", stdout=_Null())
    assert not Registration.objects.filter(event=old).exists()
    assert Registration.objects.filter(event=recent).exists()
