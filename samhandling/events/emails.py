"""E-mails about registrations, through an outbox.

A message is written to the outbox in the same transaction as the change it reports, and a task
sends it after commit. If the mail server is down the message stays `failed` (the registration is
kept) and `manage.py events_send_outbox` (or the `retry_outbox` task) sends it later. Each message
is claimed while it is sent (samhandling/core/outbox.py), so overlapping runs and the task worker
send it once."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import Claim, claim_each, claim_next
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
    "event_cancelled": _("Cancelled: %(event)s"),
}
# Speakers wait for approval as press do (the same kinds of message), in their own words.
SPEAKER_SUBJECTS = {
    "press_pending": _("We have your speaker request: %(event)s"),
    "press_approved": _("You are confirmed as a speaker: %(event)s"),
    "press_rejected": _("Speaker request not approved: %(event)s"),
}
WITH_CALENDAR = {
    "confirmation",
    "promotion",
    "press_approved",
    "moved",
    "event_changed",
    "event_cancelled",  # the calendar file says CANCELLED, so calendars take the event out
}
# The body keeps this placeholder; the link itself is kept apart and forgotten once sent, so the
# outbox does not hold working manage links (the registration stores only the token's hash).
PRIVATE_LINK = "[[private-link]]"
SENT_LINK = "[…]"


def max_attempts() -> int:
    return getattr(settings, "EVENTS_OUTBOX_MAX_ATTEMPTS", 10)


# The "no reply" part of the sender's address in each language, used when DEFAULT_FROM_EMAIL is
# a no-reply address and EMAIL_FROM_BY_LANGUAGE does not name the language.
NO_REPLY_LOCAL_PARTS = {"nn": "ikkje-svar", "nb": "ikke-svar", "en": "no-reply"}


def email_language(registration: Registration) -> str:
    """The language of e-mails to a participant (språklova § 15).

    1. The participant's own choice: the interface language they chose with the language switch
       before signing up (`language_chosen`).
    2. Otherwise the written standard of their municipality: nynorsk → nn, bokmål → nb.
    3. Otherwise (neutral, not recorded, not a municipality, no organisation) the language the
       participant used on the site, which is the site's default unless they chose another, and
       for a sign-up made in the admin the event's own language."""
    if registration.language and registration.language_chosen:
        return registration.language
    organisation = registration.organisation
    if organisation is not None and organisation.email_language:
        return organisation.email_language
    return registration.language or registration.event.locale.language_code


def sender(*, language: str, event=None) -> str:
    """The From header in the e-mail's language: the name of the event's helsefellesskap and the
    address of that language ("Helsefellesskap Møre og Romsdal <ikkje-svar@…>", bokmål
    "ikke-svar@…").

    `EMAIL_FROM_BY_LANGUAGE` (a dict of language → address, with or without a name) sets an
    address per language; without it the no-reply word in DEFAULT_FROM_EMAIL's address is put in
    the language, and any other address is used as it is."""
    default_name, default_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    configured = getattr(settings, "EMAIL_FROM_BY_LANGUAGE", None) or {}
    name, address = parseaddr(configured.get(language, "")) if language in configured else ("", "")
    if not address:
        address = default_address
        local, _at, domain = default_address.rpartition("@")
        if local.lower() in {*NO_REPLY_LOCAL_PARTS.values(), "noreply"} and language in (
            NO_REPLY_LOCAL_PARTS
        ):
            address = f"{NO_REPLY_LOCAL_PARTS[language]}@{domain}"
    community = _community_of(event) if event is not None else None
    name = name or (community.name if community else "") or default_name
    if not name:
        return address
    local, _at, domain = address.rpartition("@")
    return str(Address(display_name=name, username=local, domain=domain))


def _community_of(event):
    from samhandling.organisations.models import HealthCommunity

    site = event.get_site()
    return HealthCommunity.objects.filter(site=site).first() if site else None


def manage_url(*, event, token: str) -> str:
    # The root URL of the event's site from Wagtail's cached site paths: no query, as this runs
    # inside the sign-up's locked transaction.
    parts = event.get_url_parts()
    root = (parts[1] or "") if parts else ""
    return root + reverse("events:manage", args=[token])


# Kinds of message that wait a little and take in later changes of the same kind: a burst of
# saves on the manage page gives one "changed" e-mail, with the details as they are when it is sent.
COALESCED_KINDS = {"updated"}


def change_notice_delay() -> timedelta:
    return timedelta(seconds=getattr(settings, "EVENTS_CHANGE_NOTICE_DELAY_SECONDS", 60))


def queue_registration_email(
    *, registration: Registration, kind: str, token: str | None = None, broadcast=None
) -> OutboxMessage | None:
    """Write the message to the outbox now and send it once the transaction commits (nothing
    for an erased participant, whose sign-up only keeps the seat counted).

    Only what the message is (kind, recipient, private link) is written here, inside the caller's
    locked transaction; subject, body and calendar file are rendered when it is first sent, so
    the seat lock is held for as short a time as possible.

    A notice of changes (`COALESCED_KINDS`) is put off by `EVENTS_CHANGE_NOTICE_DELAY_SECONDS`;
    while one for the registration is still waiting, no second one is added."""
    if registration.is_erased:
        return None
    if kind == "cancellation":
        # A notice of changes still waiting is moot: the participant hears of the cancellation.
        OutboxMessage.objects.filter(
            registration=registration,
            kind__in=COALESCED_KINDS,
            status=OutboxStatus.QUEUED,
            send_after__isnull=False,
            attempts=0,
        ).delete()
    send_after = None
    delay = change_notice_delay()
    if kind in COALESCED_KINDS and token is None and broadcast is None and delay:
        # Locked, so that a worker cannot claim it between this check and the caller's commit
        # (a claim skips a locked row; the periodic run sends it later).
        waiting = (
            OutboxMessage.objects.select_for_update()
            .filter(registration=registration, kind=kind, status=OutboxStatus.QUEUED)
            .filter(send_after__isnull=False, attempts=0)
            .first()
        )
        if waiting is not None:
            return waiting
        send_after = timezone.now() + delay
    private_link = manage_url(event=registration.event, token=token) if token else ""
    message = OutboxMessage.objects.create(
        registration=registration,
        kind=kind,
        broadcast=broadcast,
        to_email=registration.email,
        private_link=private_link,
        send_after=send_after,
    )
    if _tasks_in_this_database():
        # The task row is written in the same transaction as the outbox row: both are kept or
        # neither, no worker sees either before the commit, and the sign-up makes one commit
        # rather than a second one for the task after it.
        # A failure here fails the sign-up as a whole (nothing half-saved), as the outbox row's
        # own INSERT would.
        _task(run_after=send_after).enqueue(message.pk)
    else:
        transaction.on_commit(lambda: _enqueue(message.pk, run_after=send_after))
    return message


@dataclass
class RegistrationEmail:
    """The outbox message about a new sign-up and the row of its send task, made (not saved)
    before the seat lock so that the sign-up can write them in one round trip under it. What
    `queue_registration_email(registration=…, kind=…, token=…)` writes, with the message's id
    taken beforehand (`message_id`). `task_row` is None where the task queue is not this
    database's: `written` then enqueues the task after commit, as `queue_registration_email`
    does. `tests/events/test_rush_path.py` compares the rows with those of that function."""

    message: OutboxMessage
    task_row: object | None  # django_tasks_db's DBTaskResult
    task: object

    def written(self) -> None:
        """Call once the rows are inserted, inside the transaction (after their post_save)."""
        if self.task_row is None:
            message_id = self.message.pk
            transaction.on_commit(lambda: _enqueue(message_id, run_after=None))
            return
        from django_tasks_db.compat import task_enqueued

        backend = self.task.get_backend()
        task_enqueued.send(type(backend), task_result=self.task_row.task_result)


def registration_email(
    *, registration: Registration, kind: str, token: str, message_id: int
) -> RegistrationEmail | None:
    """The message and send task for a new sign-up's e-mail (`kind`: confirmation, waiting or
    press_pending), unsaved, inside the sign-up's transaction. None for an erased address (no
    message, as `queue_registration_email`)."""
    if registration.is_erased:
        return None
    message = OutboxMessage(
        pk=message_id,
        registration=registration,
        kind=kind,
        broadcast=None,
        to_email=registration.email,
        private_link=manage_url(event=registration.event, token=token),
        send_after=None,
    )
    task, task_row = _task(run_after=None), None
    if _tasks_in_this_database():
        # What django_tasks_db's `DatabaseBackend.enqueue` writes (`_task_to_db_task`).
        from django_tasks_db.compat import normalize_json
        from django_tasks_db.models import DBTaskResult

        backend = task.get_backend()
        backend.validate_task(task)
        task_row = DBTaskResult(
            id=backend._get_id(),
            args_kwargs=normalize_json({"args": (message_id,), "kwargs": {}}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after,
            backend_name=backend.alias,
        )
    return RegistrationEmail(message=message, task_row=task_row, task=task)


def _tasks_in_this_database() -> bool:
    """True when the task queue is the database backend (django_tasks_db) of the database the
    outbox is in: its enqueue is then an INSERT that can share the caller's transaction."""
    from .tasks import send_outbox_message

    backend = send_outbox_message.get_backend()
    return type(backend).__module__.startswith("django_tasks_db") and (
        transaction.get_connection().in_atomic_block
    )


def compose(message: OutboxMessage) -> OutboxMessage:
    """Fill in language, subject, body and calendar file of a message without saving it (also
    used for the admin's preview of a message to participants)."""
    registration = message.registration
    event = registration.event
    language = email_language(registration)
    message.language = language
    with translation.override(language):
        context = {
            "kind": message.kind,
            "registration": registration,
            "event": event,
            "when": timespan(event.start, event.end),
            "event_url": event.get_full_url() or "",
            "manage_url": PRIVATE_LINK if message.private_link else "",
            "broadcast": message.broadcast,
        }
        if message.broadcast is not None:
            subject, context["broadcast_text"] = message.broadcast.text_for(language)
            message.subject = subject[:255]
        else:
            subjects = SPEAKER_SUBJECTS if registration.kind == "speaker" else {}
            subject = subjects.get(message.kind, SUBJECTS[message.kind])
            message.subject = (str(subject) % {"event": event.title})[:255]
        message.body = render_to_string("events/email/message.txt", context)
    if message.kind in WITH_CALENDAR:
        message.ics = event_calendar(event=event, url=context["event_url"]).decode()
    return message


def render_outbox_message(message: OutboxMessage) -> OutboxMessage:
    """Fill in subject, body and calendar file (once), in the language of `email_language`."""
    if message.body:
        return message
    message = compose(message)
    OutboxMessage.objects.filter(pk=message.pk, body="").update(
        subject=message.subject, body=message.body, ics=message.ics, language=message.language
    )
    return message


def _task(*, run_after=None):
    """The send task, deferred to `run_after` if given (None: a backend that cannot defer; the
    periodic `events_send_outbox` sends the message once it is due)."""
    from .tasks import send_outbox_message

    if run_after is None:
        return send_outbox_message
    if not send_outbox_message.get_backend().supports_defer:
        return None
    return send_outbox_message.using(run_after=run_after)


def _enqueue(message_id: int, *, run_after=None) -> None:
    task = _task(run_after=run_after)
    if task is None:
        return
    try:
        task.enqueue(message_id)
    except Exception:  # noqa: BLE001 - the outbox row stays queued; the retry sends it
        logger.exception("Could not enqueue outbox message %s", message_id)


def _due(now) -> Q:
    return Q(send_after__isnull=True) | Q(send_after__lte=now)


def outbox_send(*, message_id: int) -> str:
    """Send one message unless it is sent already or another worker holds it (the task after
    commit). Returns the new status, or "skipped"."""
    claim = claim_next(
        model=OutboxMessage,
        where=Q(_due(timezone.now()), pk=message_id),
        max_attempts=max_attempts(),
    )
    return _deliver(claim) if claim else "skipped"


def _deliver(claim: Claim) -> str:
    """Render (once), send and mark a claimed message. The mail server is called outside any
    transaction, so a slow or dead server holds no lock; `EMAIL_TIMEOUT` bounds a stalled one."""
    try:
        message = render_outbox_message(
            OutboxMessage.objects.select_related("registration__event").get(pk=claim.pk)
        )
        event = message.registration.event if message.registration_id else None
        email = EmailMessage(
            subject=message.subject,
            body=message.body.replace(PRIVATE_LINK, message.private_link or SENT_LINK),
            from_email=sender(language=message.language, event=event),
            to=[message.to_email],
        )
        if message.ics:
            email.attach("invitation.ics", message.ics, "text/calendar")
        email.send()
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        logger.warning("E-mail %s failed: %s", claim.pk, error)
        claim.failed(error)
        return OutboxStatus.FAILED
    claim.sent(private_link="")
    return OutboxStatus.SENT


def outbox_retry(*, stale_after: timedelta = timedelta(minutes=5), now=None) -> int:
    """Send failed messages, queued ones whose task seems lost (or that were put off and are
    due), and those whose worker died (its lease lapsed). Returns how many were sent. Runs at
    the same time as others and as the task worker share the messages: each is claimed first."""
    now = now or timezone.now()
    cutoff = now - stale_after
    pending = (
        Q(status__in=[OutboxStatus.FAILED, OutboxStatus.SENDING])
        | Q(status=OutboxStatus.QUEUED, send_after__isnull=True, created__lt=cutoff)
        | Q(status=OutboxStatus.QUEUED, send_after__lte=now)
    )
    claims = claim_each(
        model=OutboxMessage, where=Q(pending, _due(now)), max_attempts=max_attempts(), now=now
    )
    return sum(_deliver(claim) == OutboxStatus.SENT for claim in claims)
