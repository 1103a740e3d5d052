"""Business rules for sign-up: capacity, waiting list, quotas per organisation, press approval;
a participant's own changes and cancellation, and the secretariat's move, decision on a press or
speaker request and check-in of one sign-up.

Every function that checks a limit locks the series row (or the event row for a standalone event,
`locks.py`), counts again under the lock and writes in the same transaction, so two parallel
sign-ups cannot both take the last seat or an organisation's last place. E-mails go through the
outbox after commit. The rules a new sign-up is checked against are in `signup_rules.py`, its
locked part in two round trips on PostgreSQL in `signup_trips.py`. The secretariat's e-mails to
many participants at once are in `notices.py`; deleting and erasing sign-ups in `erasure.py`."""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log
from samhandling.core.structure_cache import cached

from . import locks
from .emails import queue_registration_email
from .locks import event_lock, event_series
from .models import (
    ACTIVE_STATUSES,
    APPROVAL_KINDS,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationKind,
    RegistrationStatus,
    new_token,
)
from .selectors import State, event_state
from .signup_rules import (  # noqa: F401 - RegistrationRefused and Tally are imported from here
    MAIL_KINDS,
    RegistrationRefused,
    Tally,
    check_organisation,
    check_rules,
    check_signup_window,
    duplicate,
    status_of,
)
from .signup_trips import create_in_two_trips, prepared_rows

EDITABLE_FIELDS = (
    "name",
    "phone",
    "organisation",
    "organisation_other",
    "job_title",
    "dietary_needs",
    "accessibility_needs",
)


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    token: str


def _log(registration: Registration, action: str, actor, **details) -> None:
    """Note the action in the audit log (ids and field names only), inside the transaction.
    Without an actor, a sign-up, change or cancellation is the participant's own."""
    public = action in ("create", "change", "cancel")
    audit_log(
        instance=registration,
        action=f"samhandling.registration.{action}",
        actor=actor,
        public=public,
        **details,
    )


def _next_position(event: EventPage) -> int:
    top = Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.WAITING
    ).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def _confirmed(event: EventPage) -> int:
    return Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.CONFIRMED
    ).count()


def registration_create(
    *,
    event: EventPage,
    name: str,
    email: str,
    consent: bool,
    organisation=None,
    organisation_other: str = "",
    job_title: str = "",
    kind: str = RegistrationKind.PARTICIPANT,
    phone: str = "",
    dietary_needs: str = "",
    accessibility_needs: str = "",
    language: str = "",
    language_chosen: bool = False,
    now: datetime | None = None,
    actor=None,
) -> RegistrationOutcome:
    """Sign up. `language` is the interface language the participant used; `language_chosen`
    says they chose it themselves (the language switch), so that e-mails follow it rather than
    the written standard of their municipality (see `emails.email_language`). `actor` is the
    admin user who signs someone up (None: the participant, on the public page)."""
    now = now or timezone.now()
    email = email.strip().lower()
    if not consent:
        raise RegistrationRefused(
            _("We need your consent to store the sign-up."), code="no_consent"
        )
    # First without a lock: most refusals in a rush (the organisation's places are taken) are
    # decided here, so they do not queue for the series lock. Counts only grow between this read
    # and the locked one except by a cancellation, which makes such a refusal no more than
    # arriving a moment earlier; every sign-up that passes is checked again under the lock.
    # The series from the structure cache (forgotten when a page is published): this check is
    # only a shortcut for refusals; the series row is read again under the lock.
    series = cached("event-series", event.pk, build=lambda: event_series(event=event))
    check_rules(event, series, email=email, organisation=organisation, kind=kind, now=now)
    token, token_hash = new_token()
    registration = Registration(
        event=event,
        name=name.strip(),
        email=email,
        phone=phone.strip(),
        organisation=organisation,
        organisation_other="" if organisation else organisation_other.strip(),
        job_title=job_title.strip(),
        kind=kind,
        dietary_needs=dietary_needs.strip(),
        accessibility_needs=accessibility_needs.strip(),
        consent=True,
        status=RegistrationStatus.PENDING
        if kind in APPROVAL_KINDS
        else RegistrationStatus.CONFIRMED,
        position=None,
        token_hash=token_hash,
        language=language or translation.get_language() or event.locale.language_code,
        language_chosen=bool(language and language_chosen),
        created=now,
    )
    with transaction.atomic():
        rows = prepared_rows(event, series, registration, token, actor) if _one_trip() else None
        if rows is None:
            _create_step_by_step(registration, token, event=event, actor=actor, now=now)
        else:
            create_in_two_trips(rows, event=event, actor=actor, now=now)
    return RegistrationOutcome(registration=registration, token=token)


def _create_step_by_step(
    registration: Registration, token: str, *, event: EventPage, actor, now
) -> None:
    """The locked part of a sign-up, one statement after another (SQLite, and wherever the
    statements cannot be sent together)."""
    email, organisation, kind = registration.email, registration.organisation, registration.kind
    event, series = event_lock(event=event)
    if actor is None and not event.live:  # unpublished since the page was read
        raise RegistrationRefused(_("This event has no sign-up here."), code="no_signup")
    # Counted again under the lock, in one query: duplicate, the organisation's places,
    # confirmed seats and the last waiting position.
    tally = check_rules(event, series, email=email, organisation=organisation, kind=kind, now=now)
    status, position = status_of(event, kind, tally)
    registration.event = event
    registration.status, registration.position = status, position
    try:
        # No savepoint: the duplicate is refused and the whole transaction rolls back.
        registration.save()
    except IntegrityError as error:
        raise duplicate() from error
    _log(registration, "create", actor, data={"event": event.pk, "status": status, "kind": kind})
    queue_registration_email(registration=registration, kind=MAIL_KINDS[status], token=token)


def _one_trip() -> bool:
    """Whether the statements under the lock can be sent together: PostgreSQL with client-side
    binding (Django's default), and `event_lock` the real one (the benchmark's control run
    replaces it by a version without row locks, which this path must not bypass)."""
    return (
        connection.vendor == "postgresql"
        and not connection.settings_dict.get("OPTIONS", {}).get("server_side_binding")
        and event_lock is locks.event_lock
    )


def _promote_waiting(event: EventPage, now: datetime, *, actor=None) -> Registration | None:
    """Give free seats to the first on the waiting list (called under the event lock). `actor`
    is whoever freed the seat."""
    if event.cancelled or event.start <= now:
        return None
    promoted = None
    while event.capacity is None or _confirmed(event) < event.capacity:
        first = (
            Registration.objects.select_for_update()
            .filter(event_id=event.pk, status=RegistrationStatus.WAITING)
            .order_by("position", "created")
            .first()
        )
        if first is None:
            break
        first.status, first.position = RegistrationStatus.CONFIRMED, None
        first.save(update_fields=["status", "position", "updated"])
        _log(first, "promote", actor, fields=["status", "position"], data={"event": event.pk})
        queue_registration_email(registration=first, kind="promotion")
        promoted = promoted or first
    return promoted


def registration_cancel(
    *, registration: Registration, now: datetime | None = None, actor=None
) -> Registration | None:
    """Cancel; a freed seat goes to the first on the waiting list. Returns who got it.
    `actor`: the admin user who cancels (None: the participant through the private link)."""
    now = now or timezone.now()
    with transaction.atomic():
        event, _series = event_lock(event=registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return None
        registration.status, registration.position = RegistrationStatus.CANCELLED, None
        registration.save(update_fields=["status", "position", "updated"])
        _log(registration, "cancel", actor, fields=["status", "position"], data={"event": event.pk})
        queue_registration_email(registration=registration, kind="cancellation")
        return _promote_waiting(event, now, actor=actor)


def registration_lock_for_change(*, registration: Registration, now):
    """Inside a transaction: locks the sign-up's series and event, then the sign-up itself, and
    refuses a change to a cancelled sign-up or to one of an event that is over or cancelled.
    Returns (event, series, the locked sign-up read again)."""
    event, series = event_lock(event=registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise RegistrationRefused(_("This sign-up is cancelled."), code="cancelled")
    if event_state(event=event, now=now, taken=0).code in (State.PAST, State.CANCELLED):
        raise RegistrationRefused(
            _("The event is over or cancelled; the sign-up can no longer be changed."),
            code="closed",
        )
    return event, series, registration


def registration_update(
    *, registration: Registration, data: dict, now: datetime | None = None, actor=None
) -> Registration:
    """Change the participant's own details; a new organisation is checked against the rules.
    `actor`: the admin user who changes them (None: the participant through the private link).
    The audit log gets the names of the fields that changed, not their values."""
    now = now or timezone.now()
    with transaction.atomic():
        event, series, registration = registration_lock_for_change(
            registration=registration, now=now
        )
        organisation = data.get("organisation", registration.organisation)
        if (
            registration.kind not in APPROVAL_KINDS
            and organisation is not None
            and getattr(organisation, "pk", None) != registration.organisation_id
        ):
            check_organisation(event, series, organisation, exclude_pk=registration.pk)
        changed = []
        for field in EDITABLE_FIELDS:
            if field not in data:
                continue
            value = data[field]
            if isinstance(value, str):
                value = value.strip()
            if getattr(registration, field) != value:
                setattr(registration, field, value)
                changed.append(field)
        if registration.organisation is not None and registration.organisation_other:
            registration.organisation_other = ""
            changed.append("organisation_other")
        if changed:
            registration.save(update_fields=[*set(changed), "updated"])
            _log(registration, "change", actor, fields=changed)
            queue_registration_email(registration=registration, kind="updated")
        return registration


def _decide_request(registration: Registration, *, approve: bool, actor) -> Registration:
    """Approve or reject a press or speaker request that is still pending (else leave it)."""
    status, mail_kind = (
        (RegistrationStatus.CONFIRMED, "press_approved")
        if approve
        else (RegistrationStatus.REJECTED, "press_rejected")
    )
    with transaction.atomic():
        event_lock(event=registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            return registration
        registration.status = status
        registration.save(update_fields=["status", "updated"])
        _log(registration, "approve" if approve else "reject", actor, fields=["status"])
        queue_registration_email(registration=registration, kind=mail_kind)
        return registration


def press_approve(*, registration: Registration, actor=None) -> Registration:
    """Confirm a pending press or speaker request (`actor`: the admin user who decides)."""
    return _decide_request(registration, approve=True, actor=actor)


def press_reject(*, registration: Registration, actor=None) -> Registration:
    """Turn down a pending press or speaker request (`actor`: the admin user who decides)."""
    return _decide_request(registration, approve=False, actor=actor)


def registration_move(
    *, registration: Registration, to_event: EventPage, now: datetime | None = None, actor=None
) -> Registration:
    """Move a sign-up to another event of the same series (the secretariat's action).

    Locks the series, then both events in a stable order (by id). On the target the usual rules
    hold: one active sign-up per e-mail, one event per organisation, capacity (a full event puts
    the participant on its waiting list). The freed seat on the source goes to the first waiting.
    The participant gets an e-mail. `actor`: the admin user who moves it."""
    now = now or timezone.now()
    with transaction.atomic():
        source = registration.event
        series = source.series
        target_series = to_event.series
        if series is None or target_series is None or series.pk != target_series.pk:
            raise RegistrationRefused(
                _("A sign-up can only be moved to another event in the same series."),
                code="other_series",
            )
        if source.pk == to_event.pk:
            raise RegistrationRefused(
                _("The sign-up is already for this event."), code="same_event"
            )
        series = EventSeriesPage.objects.select_for_update().get(pk=series.pk)
        locked = {
            event.pk: event
            for event in EventPage.objects.select_for_update()
            .filter(pk__in=sorted([source.pk, to_event.pk]))
            .order_by("pk")
        }
        source, target = locked[source.pk], locked[to_event.pk]
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.event_id != source.pk or not registration.is_active:
            raise RegistrationRefused(_("Only an active sign-up can be moved."), code="not_active")
        if event_state(event=target, now=now, taken=0).code in (State.PAST, State.CANCELLED):
            raise RegistrationRefused(
                _("The other event is over or cancelled."), code="target_closed"
            )
        if Registration.objects.filter(
            event_id=target.pk, email=registration.email, status__in=ACTIVE_STATUSES
        ).exists():
            raise RegistrationRefused(
                _("This e-mail address is already signed up for the other event."),
                code="duplicate",
            )
        if registration.kind not in APPROVAL_KINDS:
            check_organisation(
                target, series, registration.organisation, exclude_pk=registration.pk
            )
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        if registration.status == RegistrationStatus.PENDING:
            status, position = RegistrationStatus.PENDING, None
        elif target.capacity is not None and _confirmed(target) >= target.capacity:
            status, position = RegistrationStatus.WAITING, _next_position(target)
        else:
            status, position = RegistrationStatus.CONFIRMED, None
        registration.event = target
        registration.status, registration.position = status, position
        try:
            with transaction.atomic():
                registration.save(update_fields=["event", "status", "position", "updated"])
        except IntegrityError as error:
            raise RegistrationRefused(
                _("This e-mail address is already signed up for the other event."),
                code="duplicate",
            ) from error
        _log(
            registration,
            "move",
            actor,
            fields=["event", "status", "position"],
            data={"from_event": source.pk, "to_event": target.pk, "status": status},
        )
        queue_registration_email(registration=registration, kind="moved")
        if was_confirmed:
            _promote_waiting(source, now, actor=actor)
        return registration


def registration_mark_attended(
    *, registration: Registration, attended: bool, now: datetime | None = None, actor=None
) -> Registration:
    """Check a participant in (or undo it), with the time it was done (`actor`: by whom)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if attended and registration.status != RegistrationStatus.CONFIRMED:
            raise RegistrationRefused(
                _("Only a confirmed participant can be checked in."), code="not_confirmed"
            )
        if registration.attended != attended:
            registration.attended = attended
            registration.attended_at = now if attended else None
            registration.save(update_fields=["attended", "attended_at", "updated"])
            action = "check_in" if attended else "check_in_undo"
            _log(registration, action, actor, fields=["attended", "attended_at"])
        return registration
