"""E-mails about registrations, through an outbox.

A message is written to the outbox in the same transaction as the change it reports, and a task
sends it after commit. If the mail server is down the message stays `failed` (the registration is
kept) and `manage.py events_send_outbox` (or the `retry_outbox` task) sends it later."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samhandling.core.templatetags.samhandling_tags import timespan

from .ics import event_calendar
from .models import OutboxMessage, OutboxStatus, Registration

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmation": _("Sign-up confirmed: %(event)s"),
    "waiting": _("You are on the waiting list: %(event)s"),
    "press_pending": _("We have your press request: %(event)s"),
    "promotion": _("You have a seat: %(event)s"),
    "press_approved": _("Press request approved: %(event)s"),
    "press_rejected": _("Press request not approved: %(event)s"),
    "updated": _("Sign-up changed: %(event)s"),
    "cancellation": _("Sign-up cancelled: %(event)s"),
    "moved": _("Your sign-up has been moved: %(event)s"),
    "event_changed": _("The event has changed: %(event)s"),
    "reminder": _("Reminder: %(event)s"),
}
# Speakers wait for approval as press do (the same kinds of message), in their own words.
SPEAKER_SUBJECTS = {
    "press_pending": _("We have your speaker request: %(event)s"),
    "press_approved": _("You are confirmed as a speaker: %(event)s"),
    "press_rejected": _("Speaker request not approved: %(event)s"),
}
WITH_CALENDAR = {"confirmation", "promotion", "press_approved", "moved", "event_changed"}
# The body keeps this placeholder; the link itself is kept apart and forgotten once sent, so the
# outbox does not hold working manage links (the registration stores only the token's hash).
PRIVATE_LINK = "[[private-link]]"
SENT_LINK = "[…]"


def max_attempts() -> int:
    return getattr(settings, "EVENTS_OUTBOX_MAX_ATTEMPTS", 10)


def manage_url(*, event, token: str) -> str:
    # The root URL of the event's site from Wagtail's cached site paths: no query, as this runs
    # inside the sign-up's locked transaction.
    parts = event.get_url_parts()
    root = (parts[1] or "") if parts else ""
    return root + reverse("events:manage", args=[token])


def queue_registration_email(
    *, registration: Registration, kind: str, token: str | None = None
) -> OutboxMessage:
    """Write the message to the outbox now and send it once the transaction commits.

    Only what the message is (kind, recipient, private link) is written here, inside the caller's
    locked transaction; subject, body and calendar file are rendered when it is first sent, so
    the seat lock is held for as short a time as possible."""
    private_link = manage_url(event=registration.event, token=token) if token else ""
    message = OutboxMessage.objects.create(
        registration=registration,
        kind=kind,
        to_email=registration.email,
        private_link=private_link,
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def render_outbox_message(message: OutboxMessage) -> OutboxMessage:
    """Fill in subject, body and calendar file (once), in the registration's language."""
    if message.body:
        return message
    registration = message.registration
    event = registration.event
    language = registration.language or event.locale.language_code
    with translation.override(language):
        context = {
            "kind": message.kind,
            "registration": registration,
            "event": event,
            "when": timespan(event.start, event.end),
            "event_url": event.get_full_url() or "",
            "manage_url": PRIVATE_LINK if message.private_link else "",
        }
        subjects = SPEAKER_SUBJECTS if registration.kind == "speaker" else {}
        subject = subjects.get(message.kind, SUBJECTS[message.kind])
        message.subject = (str(subject) % {"event": event.title})[:255]
        message.body = render_to_string("events/email/message.txt", context)
    if message.kind in WITH_CALENDAR:
        message.ics = event_calendar(event=event, url=context["event_url"]).decode()
    OutboxMessage.objects.filter(pk=message.pk, body="").update(
        subject=message.subject, body=message.body, ics=message.ics
    )
    return message


def _enqueue(message_id: int) -> None:
    from .tasks import send_outbox_message

    try:
        send_outbox_message.enqueue(message_id)
    except Exception:  # noqa: BLE001 - the outbox row stays queued; the retry sends it
        logger.exception("Could not enqueue outbox message %s", message_id)


def outbox_send(*, message_id: int) -> str:
    """Send one message unless it is already sent; record the outcome on the row.

    The message is claimed by bumping its attempt count (a worker that loses the race skips it);
    the mail server is called outside any transaction, so a slow or dead server holds no lock."""
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.status == OutboxStatus.SENT:
        return "skipped"
    claimed = (
        OutboxMessage.objects.filter(pk=message.pk, attempts=message.attempts)
        .exclude(status=OutboxStatus.SENT)
        .update(attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    message = render_outbox_message(message)
    email = EmailMessage(
        subject=message.subject,
        body=message.body.replace(PRIVATE_LINK, message.private_link or SENT_LINK),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
    )
    if message.ics:
        email.attach("invitation.ics", message.ics, "text/calendar")
    try:
        email.send()
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        logger.warning("E-mail %s to %s failed: %s", message.pk, message.to_email, error)
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxStatus.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return OutboxStatus.FAILED
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="", private_link=""
    )
    return OutboxStatus.SENT


def outbox_retry(*, stale_after: timedelta = timedelta(minutes=5)) -> int:
    """Send failed messages, and queued ones whose task seems lost. Returns how many were sent."""
    cutoff = timezone.now() - stale_after
    pending = OutboxMessage.objects.filter(attempts__lt=max_attempts()).filter(
        status=OutboxStatus.FAILED
    ) | OutboxMessage.objects.filter(
        attempts__lt=max_attempts(), status=OutboxStatus.QUEUED, created__lt=cutoff
    )
    sent = 0
    for message_id in pending.order_by("created").values_list("pk", flat=True):
        if outbox_send(message_id=message_id) == OutboxStatus.SENT:
            sent += 1
    return sent
