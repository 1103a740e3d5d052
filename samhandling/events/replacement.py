"""An organisation's contact replaces a participant with another person: the seat (event,
status, place on the waiting list, organisation) is kept, the person changes.

The replacement locks the series and event rows (`locks.py`, the same order as every other
change of seats) and then the registration row, so it cannot cross a cancellation, a move or a
promotion from the waiting list. The new person gets a new private link and the usual e-mail for
the seat's status (confirmation or waiting list); the old person gets a short notice that the
seat was given to someone else. Both e-mails go through the outbox after commit."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log

from .emails import (
    _enqueue,
    _task,
    _tasks_in_this_database,
    email_language,
    queue_registration_email,
)
from .models import (
    ACTIVE_STATUSES,
    OutboxMessage,
    OutboxStatus,
    Registration,
    RegistrationStatus,
    new_token,
)
from .services import RegistrationOutcome, RegistrationRefused, registration_lock_for_change

REPLACED_KIND = "replaced"
MAIL_KINDS = {
    RegistrationStatus.CONFIRMED: "confirmation",
    RegistrationStatus.WAITING: "waiting",
    RegistrationStatus.PENDING: "press_pending",
}


def _duplicate() -> RegistrationRefused:
    return RegistrationRefused(
        _("This e-mail address is already signed up for this event."), code="duplicate"
    )


def registration_replace(
    *,
    registration: Registration,
    name: str,
    email: str,
    job_title: str = "",
    phone: str = "",
    language: str = "",
    replaced_by=None,
    now: datetime | None = None,
) -> RegistrationOutcome:
    """Give `registration`'s seat to another person (`name`, `email`). `replaced_by` is the user
    who does it (an organisation's contact, or the secretariat). Refused for a sign-up that is no
    longer active, an event that is over or cancelled, and an address already signed up."""
    now = now or timezone.now()
    name, email = name.strip(), email.strip().lower()
    if not name or not email:
        raise RegistrationRefused(_("Give the new participant's name and e-mail."), code="empty")
    with transaction.atomic():
        event, _series, registration = registration_lock_for_change(
            registration=registration, now=now
        )
        if email == registration.email:
            raise RegistrationRefused(
                _("The new participant must have another e-mail address."), code="same_person"
            )
        if Registration.objects.filter(
            event_id=event.pk, email=email, status__in=ACTIVE_STATUSES
        ).exists():
            raise _duplicate()
        old_notice = _replaced_notice(registration)
        # The e-mails about the old person's sign-up go with it: one still waiting would be
        # written with the new person's details and sent to the old address.
        OutboxMessage.objects.filter(registration=registration).exclude(
            status=OutboxStatus.SENDING
        ).delete()
        token, token_hash = new_token()
        registration.name, registration.email = name, email
        registration.job_title, registration.phone = job_title.strip(), phone.strip()
        registration.dietary_needs = registration.accessibility_needs = ""
        registration.token_hash = token_hash
        registration.language = language or translation.get_language() or registration.language
        registration.language_chosen = False
        registration.attended, registration.attended_at = False, None
        registration.reminder_sent_at = None
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise _duplicate() from error
        audit_log(
            instance=registration,
            action="samhandling.registration.replace",
            actor=replaced_by,
            fields=["name", "email", "job_title", "phone", "token_hash"],
            data={"event": event.pk, "status": registration.status},
        )
        if old_notice is not None:
            _queue_prerendered(old_notice)
        kind = MAIL_KINDS.get(registration.status, "confirmation")
        queue_registration_email(registration=registration, kind=kind, token=token)
    return RegistrationOutcome(registration=registration, token=token)


def _replaced_notice(registration: Registration) -> OutboxMessage | None:
    """The old participant's notice, written in full now (the row will carry the new person's
    name and address once saved). Nothing for an erased participant."""
    if registration.is_erased:
        return None
    event = registration.event
    language = email_language(registration)
    with translation.override(language):
        subject = _("Your seat has been given to someone else: %(event)s") % {"event": event.title}
        body = render_to_string(
            "events/email/replaced.txt",
            {"name": registration.name, "event": event, "event_url": event.get_full_url() or ""},
        )
    return OutboxMessage(
        registration=registration,
        kind=REPLACED_KIND,
        to_email=registration.email,
        language=language,
        subject=subject[:255],
        body=body,
    )


def _queue_prerendered(message: OutboxMessage) -> None:
    """Save a message whose text is already written (the sender does not render it again) and
    send it after commit, as `emails.queue_registration_email` does."""
    message.save()
    if _tasks_in_this_database():
        _task().enqueue(message.pk)
    else:
        transaction.on_commit(lambda: _enqueue(message.pk))
