"""The outbox in one process (any database): each message is claimed before it is sent, a message
being sent is left alone until its lease lapses, a mail server that never answers fails the
message instead of stalling the worker, and a burst of changes gives one e-mail."""

import datetime
import io

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from samhandling.core.outbox import lease
from samhandling.events.emails import outbox_retry, outbox_send
from samhandling.events.models import OutboxMessage, OutboxStatus, Registration
from samhandling.events.services import (
    registration_cancel,
    registration_create,
    registration_update,
)
from tests.conftest import HN_HOST
from tests.form_guard import guard_fields
from tests.smtp_sink import SilentServer, SmtpSink

from .factories import ALTA, BODO, event, kommune

pytestmark = pytest.mark.django_db


def sign_up(conference, n, **extra):
    return registration_create(
        event=conference,
        name=f"Deltakar {n}",
        email=f"deltakar{n}@example.org",
        consent=True,
        language="en",
        **extra,
    )


def send_outbox() -> str:
    out = io.StringIO()
    call_command("events_send_outbox", stdout=out)
    return out.getvalue()


def smtp_to(settings, port: int, *, timeout: float) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = timeout


def test_a_run_sends_each_waiting_message_once_and_the_next_run_nothing(
    demo, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            sign_up(conference, n)
    messages = OutboxMessage.objects.filter(registration__event=conference)
    assert set(messages.values_list("status", flat=True)) == {OutboxStatus.FAILED}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_outbox() == "Sent 3 e-mail(s).\n"
    assert send_outbox() == "Sent 0 e-mail(s).\n"
    # A late task for a message that has gone out sends nothing either.
    assert outbox_send(message_id=messages.first().pk) == "skipped"
    assert sorted(m.to[0] for m in mail.outbox) == [f"deltakar{n}@example.org" for n in range(3)]
    assert set(messages.values_list("status", "claim", "lease_until")) == {
        (OutboxStatus.SENT, None, None)
    }


def test_a_message_being_sent_is_left_alone_until_its_worker_is_given_up(
    demo, django_capture_on_commit_callbacks
):
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(conference, 1).registration
    message = OutboxMessage.objects.get(registration=registration)
    mail.outbox.clear()
    # Another worker holds it (sending, within its lease): neither a run nor a task takes it.
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, claimed_at=now, lease_until=now + lease(), attempts=1
    )
    assert outbox_retry(stale_after=datetime.timedelta(0)) == 0
    assert outbox_send(message_id=message.pk) == "skipped"
    assert mail.outbox == []
    # That worker died mid-send: once its lease lapses the next run sends the message (so that a
    # confirmation is never lost; the price is a second copy if the first had gone out).
    OutboxMessage.objects.filter(pk=message.pk).update(lease_until=now - datetime.timedelta(1))
    assert outbox_retry() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert [m.to for m in mail.outbox] == [["deltakar1@example.org"]]


def test_a_mail_server_that_never_answers_fails_the_message_and_the_next_run_sends_it(
    demo, settings, django_capture_on_commit_callbacks
):
    # Production settings bound every step of the SMTP dialogue (here shortened to a second).
    assert 0 < django_settings.EMAIL_TIMEOUT <= 60
    conference = event()
    with SilentServer() as stalled:
        smtp_to(settings, stalled.port, timeout=1)
        with django_capture_on_commit_callbacks(execute=True):
            registration = sign_up(conference, 1).registration
    message = OutboxMessage.objects.get(registration=registration)
    assert message.status == OutboxStatus.FAILED
    assert "timed out" in message.last_error
    assert (message.claim, message.lease_until) == (None, None)  # free for the next run

    with SmtpSink() as sink:
        smtp_to(settings, sink.port, timeout=5)
        assert send_outbox() == "Sent 1 e-mail(s).\n"
    assert sink.deliveries() == {"deltakar1@example.org": 1}
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)


def test_three_saves_on_the_manage_page_send_one_email_with_the_final_details(
    demo, settings, django_capture_on_commit_callbacks
):
    settings.EVENTS_CHANGE_NOTICE_DELAY_SECONDS = 60
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = sign_up(conference, 1, organisation=kommune(BODO))
    mail.outbox.clear()
    visitor = Client(HTTP_HOST=HN_HOST)
    visitor.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    url = f"/p/{outcome.token}/"
    for title in ("Sjukepleiar", "Fastlege", "Kommuneoverlege"):
        form = {
            "name": "Deltakar 1",
            "phone": "",
            "organisation": str(kommune(ALTA).pk),
            "organisation_other": "",
            "job_title": title,
            "dietary_needs": "",
            "accessibility_needs": "",
            "action": "update",
            **guard_fields(),
        }
        with django_capture_on_commit_callbacks(execute=True):
            assert visitor.post(url, form).status_code == 302
    assert Registration.objects.get(pk=outcome.registration.pk).job_title == "Kommuneoverlege"
    assert mail.outbox == []  # not yet: the notice waits for more changes
    assert OutboxMessage.objects.filter(kind="updated").count() == 1

    assert outbox_retry(now=timezone.now() + datetime.timedelta(minutes=2)) == 1
    (message,) = mail.outbox
    assert message.subject == f"Sign-up changed: {conference.title}"
    assert "Job title: Kommuneoverlege" in message.body and "Fastlege" not in message.body
    assert f"Organisation: {kommune(ALTA).display_name}" in message.body
    # A change after that one went out is told in an e-mail of its own.
    with django_capture_on_commit_callbacks(execute=True):
        assert visitor.post(url, {**form, "job_title": "Lege"}).status_code == 302
    assert OutboxMessage.objects.filter(kind="updated").count() == 2


def test_a_cancellation_takes_the_place_of_a_waiting_notice_of_changes(
    demo, django_capture_on_commit_callbacks
):
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(conference, 1).registration
        registration_update(registration=registration, data={"job_title": "Fastlege"})
        registration_cancel(registration=registration)
    assert outbox_retry(now=timezone.now() + datetime.timedelta(minutes=2)) == 0
    assert [m.subject for m in mail.outbox] == [
        f"Sign-up confirmed: {conference.title}",
        f"Sign-up cancelled: {conference.title}",
    ]


def test_the_receipt_says_the_email_is_on_its_way_not_that_it_was_sent(demo, settings):
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"
    conference = event()
    visitor = Client(HTTP_HOST=HN_HOST)
    form = {
        "name": "Kari Nordmann",
        "email": "kari@example.org",
        "organisation": str(kommune(ALTA).pk),
        "kind": "participant",
        "consent": "on",
        **guard_fields(),
    }
    expected = {
        "nn": "Vi sender ein e-post til kari@example.org",
        "nb": "Vi sender en e-post til kari@example.org",
        "en": "We are sending an e-mail to kari@example.org",
    }
    for language, sentence in expected.items():
        visitor.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
        if language != "nn":
            Registration.objects.filter(event=conference).delete()
        response = visitor.post(conference.url, form)
        assert response.status_code == 302, response.content.decode()[:500]
        receipt = visitor.get(response["Location"]).content.decode()
        assert sentence in receipt
        assert "sent an e-mail" not in receipt and "sendt" not in receipt
