"""Erasing participants' personal data: on request (everything about one e-mail address) and on
schedule (health data shortly after the event; whole sign-ups, with the e-mails about them, after
the retention period). Counts survive an erasure on request: a seat of an upcoming event stays
taken by an anonymous row until the event, so an organisation's places and the event's capacity
do not change because someone asked to be forgotten."""

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samhandling.audit.services import audit_log_deleted

from .models import (
    ERASED_EMAIL_DOMAIN,
    ERASED_NAME,
    EventPage,
    OutboxMessage,
    Registration,
    RegistrationStatus,
    random_token_hash,
)


def _ended_before(moment: datetime):
    return EventPage.objects.filter(
        Q(end__lt=moment) | Q(end__isnull=True, start__lt=moment)
    ).values("pk")


def registrations_of_email(*, email: str):
    return Registration.objects.filter(email__iexact=email.strip())


def registrations_erase(*, email: str, now: datetime | None = None) -> dict[str, int]:
    """Remove the person behind `email` from every sign-up and every e-mail about them.

    Sign-ups of events that have taken place are deleted. Sign-ups of upcoming events are
    anonymised: name, e-mail, phone, job title, needs and the private link go, the organisation
    and status stay, so the seat is still counted (a place on the waiting list is given up: nobody
    could be told that it turned into a seat). Returns counts only."""
    now = now or timezone.now()
    email = email.strip()
    counts = {"deleted": 0, "anonymised": 0, "left_waiting_list": 0, "messages_deleted": 0}
    if not email:
        return counts
    with transaction.atomic():
        registrations = registrations_of_email(email=email).select_for_update()
        ids = list(registrations.values_list("pk", flat=True))
        messages = OutboxMessage.objects.filter(
            Q(registration_id__in=ids) | Q(to_email__iexact=email)
        )
        counts["messages_deleted"], _details = messages.delete()
        past = Registration.objects.filter(pk__in=ids, event_id__in=_ended_before(now))
        counts["deleted"], _details = past.delete()
        for registration in Registration.objects.filter(pk__in=ids).order_by("pk"):
            if registration.status == RegistrationStatus.WAITING:
                registration.status, registration.position = RegistrationStatus.CANCELLED, None
                counts["left_waiting_list"] += 1
            registration.name = ERASED_NAME
            registration.email = f"erased-{registration.pk}@{ERASED_EMAIL_DOMAIN}"
            registration.phone = ""
            registration.job_title = ""
            registration.dietary_needs = ""
            registration.accessibility_needs = ""
            registration.token_hash = random_token_hash()
            registration.save()
            counts["anonymised"] += 1
    return counts


def registrations_erase_needs(*, ended_before: datetime) -> int:
    """Erase dietary and accessibility needs (health data) of sign-ups to events that ended
    before the given time. Returns how many sign-ups had any."""
    with_needs = Registration.objects.filter(event_id__in=_ended_before(ended_before)).filter(
        ~Q(dietary_needs="") | ~Q(accessibility_needs="")
    )
    return with_needs.update(dietary_needs="", accessibility_needs="", updated=timezone.now())


def registrations_purge(*, ended_before: datetime) -> int:
    """Delete the registrations (and the e-mails about them) of events that ended before the
    given time, as the sign-up form promises. Returns how many registrations were deleted.
    Each is noted in the audit log by its id alone (by the system: no user)."""
    ended = _ended_before(ended_before)
    with transaction.atomic():
        registrations = Registration.objects.filter(event_id__in=ended)
        pks = list(registrations.values_list("pk", flat=True))
        OutboxMessage.objects.filter(registration__in=registrations).delete()
        deleted, _details = registrations.delete()
        audit_log_deleted(model=Registration, pks=pks, action="samhandling.registration.purge")
    return deleted
