"""The secretariat's e-mails to many participants at once: the event has changed, the event is
cancelled, a message of their own to an event or a series, and reminders before an event.

Each writes one outbox message per participant in a transaction, sent after commit
(`emails.py`); none sends the same e-mail twice when run again (a cancellation notice is written
once per sign-up, a broadcast once per form, a reminder once per participant)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .emails import queue_registration_email
from .locks import event_lock
from .models import (
    ACTIVE_STATUSES,
    OTHER_STANDARD,
    Broadcast,
    EventPage,
    OutboxMessage,
    Registration,
    RegistrationStatus,
)
from .selectors import broadcast_recipients
from .services import RegistrationRefused


def event_notify_change(*, event: EventPage) -> int:
    """Tell every active participant of the event that its time, venue or program has changed.
    Returns how many e-mails were queued."""
    with transaction.atomic():
        event, _series = event_lock(event=event)
        registrations = Registration.objects.filter(
            event_id=event.pk, status__in=ACTIVE_STATUSES
        ).order_by("pk")
        count = 0
        for registration in registrations:
            registration.event = event
            queue_registration_email(registration=registration, kind="event_changed")
            count += 1
    return count


def event_notify_cancellation(*, event: EventPage) -> int:
    """Tell every active participant of a cancelled event that it is cancelled. Nobody is told
    twice, even if the secretariat confirms again. Returns how many e-mails were queued."""
    with transaction.atomic():
        event, _series = event_lock(event=event)
        if not event.cancelled:
            raise RegistrationRefused(_("The event is not cancelled."), code="not_cancelled")
        told = OutboxMessage.objects.filter(
            kind="event_cancelled", registration__event_id=event.pk
        ).values("registration_id")
        registrations = (
            Registration.objects.filter(event_id=event.pk, status__in=ACTIVE_STATUSES)
            .exclude(pk__in=told)
            .order_by("pk")
        )
        count = 0
        for registration in registrations:
            registration.event = event
            queue_registration_email(registration=registration, kind="event_cancelled")
            count += 1
    return count


def broadcast_send(
    *,
    page,
    subject: str,
    body: str,
    key,
    language: str = "nn",
    other_subject: str = "",
    other_body: str = "",
    user=None,
) -> int:
    """Send the secretariat's own message to every participant of an event or of a series
    (`page`): one e-mail per address through the outbox, after commit. The text is written in
    `language` (nn or nb); `other_body` (optional) is the same message in the other written
    standard, for those whose e-mails are in it. `key` comes from the form, so the same form sent
    twice sends nothing more. Returns how many e-mails were queued."""
    subject, body = subject.strip(), body.strip()
    other_subject, other_body = other_subject.strip(), other_body.strip()
    if not subject or not body:
        raise RegistrationRefused(_("Write a subject and a message."), code="empty")
    if language not in OTHER_STANDARD:
        raise RegistrationRefused(_("Choose nynorsk or bokmål."), code="language")
    values = {
        "page": page,
        "subject": subject,
        "body": body,
        "language": language,
        "other_subject": other_subject if other_body else "",
        "other_body": other_body,
        "created_by": user,
    }
    with transaction.atomic():
        broadcast, created = Broadcast.objects.get_or_create(key=key, defaults=values)
        if not created:
            return 0
        recipients = broadcast_recipients(page=page)
        for registration in recipients:
            queue_registration_email(
                registration=registration, kind="broadcast", broadcast=broadcast
            )
        broadcast.recipients = len(recipients)
        broadcast.save(update_fields=["recipients"])
    return len(recipients)


def registrations_send_reminders(*, days: int, now: datetime | None = None) -> int:
    """Queue a reminder for each confirmed participant of an event that starts within `days`
    days and has not been reminded yet. Safe to run again: `reminder_sent_at` is claimed with a
    conditional update, so nobody gets two reminders. Returns how many were queued."""
    now = now or timezone.now()
    events = EventPage.objects.filter(
        start__gt=now, start__lte=now + timedelta(days=days), cancelled=False
    ).values("pk")
    candidates = Registration.objects.filter(
        event_id__in=events,
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
    ).order_by("pk")
    queued = 0
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=pk, status=RegistrationStatus.CONFIRMED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            registration = Registration.objects.select_related("event").get(pk=pk)
            queue_registration_email(registration=registration, kind="reminder")
            queued += 1
    return queued
