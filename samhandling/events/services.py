"""Business rules for sign-up: capacity, waiting list, quotas per organisation, press approval;
a participant's own changes and cancellation, and the secretariat's move, decision on a press or
speaker request and check-in of one sign-up.

Every function that checks a limit locks the series row (or the event row for a standalone event,
`locks.py`), counts again under the lock and writes in the same transaction, so two parallel
sign-ups cannot both take the last seat or an organisation's last place. E-mails go through the
outbox after commit. The secretariat's e-mails to many participants at once are in `notices.py`;
deleting and erasing sign-ups in `erasure.py`."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from samhandling.audit.services import audit_log
from samhandling.core.structure_cache import cached
from samhandling.core.templatetags.samhandling_tags import long_date

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
from .selectors import State, event_state, series_registrations

EDITABLE_FIELDS = (
    "name",
    "phone",
    "organisation",
    "organisation_other",
    "job_title",
    "dietary_needs",
    "accessibility_needs",
)


class RegistrationRefused(ValidationError):
    """A rule says no; the message tells the visitor why, in their language. `other_event` is
    the event the organisation has already chosen, where that is the reason."""

    def __init__(self, message, code=None, params=None, *, other_event=None):
        super().__init__(message, code=code, params=params)
        self.other_event = other_event


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


def _check_window(event: EventPage, now: datetime) -> None:
    state = event_state(event=event, now=now, taken=0)
    if state.code == State.CANCELLED:
        raise RegistrationRefused(_("This event is cancelled."), code="cancelled")
    if state.code == State.PAST:
        raise RegistrationRefused(_("This event has already taken place."), code="past")
    if not event.registration_enabled:
        raise RegistrationRefused(_("This event has no sign-up here."), code="no_signup")
    if state.code == State.UPCOMING:
        raise RegistrationRefused(
            _("Sign-up opens %(date)s.") % {"date": long_date(state.opens)}, code="not_open"
        )
    if state.code == State.CLOSED:
        raise RegistrationRefused(
            _("Sign-up closed %(date)s.") % {"date": long_date(state.deadline)}, code="closed"
        )


def check_signup_window(*, event: EventPage, now: datetime | None = None) -> None:
    """Refuse (RegistrationRefused) when the event takes no sign-ups now: past, cancelled, not
    open yet or closed. Full is not a refusal: it takes the waiting list."""
    _check_window(event, now or timezone.now())


def _check_organisation(
    event: EventPage, series, organisation, *, exclude_pk: int | None = None
) -> None:
    if organisation is None or series is None:
        return
    others = series_registrations(event=event, series=series).filter(organisation=organisation)
    others = others.exclude(kind__in=APPROVAL_KINDS)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if series.one_event_per_organisation:
        elsewhere = others.exclude(event_id=event.pk).select_related("event").first()
        if elsewhere is not None:
            raise _chose_other_event(organisation, elsewhere.event)
    cap = series.max_per_organisation
    if cap is not None:
        taken = others.count()
        if taken >= cap:
            raise _organisation_full(organisation, taken)


def _chose_other_event(organisation, other_event) -> RegistrationRefused:
    return RegistrationRefused(
        _(
            "%(organisation)s is already signed up for %(event)s. Each organisation "
            "chooses one of the events in this series."
        )
        % {"organisation": organisation, "event": other_event.title},
        code="one_event_per_organisation",
        other_event=other_event,
    )


def _organisation_full(organisation, taken: int) -> RegistrationRefused:
    return RegistrationRefused(
        _(
            "%(organisation)s already has %(count)s participants signed up for this "
            "series, which is as many as each organisation may send."
        )
        % {"organisation": organisation, "count": taken},
        code="organisation_cap",
    )


@dataclass(frozen=True)
class Tally:
    """What a new sign-up is checked against, counted in one query: whether the e-mail address
    is signed up already, the organisation's places taken in the series and the first other
    event of the series it has chosen, the event's confirmed seats and its last waiting
    position."""

    duplicate: bool
    organisation_taken: int
    other_event_id: int | None
    confirmed: int
    last_position: int


# The tally in SQL: it runs once for every sign-up and refusal and again under the lock, and the
# ORM took longer to build its five conditional aggregates than the database took to answer.
_TALLY_SQL = """
SELECT
  COALESCE(SUM(CASE WHEN r.event_id = %s AND r.email = %s THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN r.event_id = %s AND r.status = %s THEN 1 ELSE 0 END), 0),
  MAX(CASE WHEN r.event_id = %s AND r.status = %s THEN r.position END),
  COALESCE(SUM(CASE WHEN r.organisation_id = %s AND r.kind NOT IN (%s, %s) THEN 1 ELSE 0 END), 0),
  MIN(CASE WHEN r.organisation_id = %s AND r.kind NOT IN (%s, %s) AND r.event_id <> %s
      THEN r.event_id END)
FROM {registrations} r
WHERE r.status IN (%s, %s, %s) AND r.event_id IN ({events})
"""
# The events of a series: its children that are events (treebeard's path and depth).
_SERIES_EVENTS_SQL = (
    "SELECT e.page_ptr_id FROM {events} e JOIN {pages} p ON p.id = e.page_ptr_id "
    "WHERE p.path LIKE %s AND p.depth = %s"
)


def _tally(event: EventPage, series, *, email: str, organisation) -> Tally:
    """One query over the active sign-ups of the event's series (or of the event alone)."""
    organisation_id = organisation.pk if organisation is not None else None
    approval = [str(kind) for kind in APPROVAL_KINDS]
    params = [
        *(event.pk, email),
        *(event.pk, str(RegistrationStatus.CONFIRMED)),
        *(event.pk, str(RegistrationStatus.WAITING)),
        organisation_id,
        *approval,
        organisation_id,
        *approval,
        event.pk,
        *[str(status) for status in ACTIVE_STATUSES],
    ]
    if series is None:
        events = "%s"
        params.append(event.pk)
    else:
        events = _SERIES_EVENTS_SQL.format(
            events=EventPage._meta.db_table, pages=Page._meta.db_table
        )
        params += [f"{series.path}%", series.depth + 1]
    sql = _TALLY_SQL.format(registrations=Registration._meta.db_table, events=events)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        duplicate, confirmed, last_position, taken, other_event_id = cursor.fetchone()
    counts_organisation = organisation is not None and series is not None
    return Tally(
        duplicate=bool(duplicate),
        organisation_taken=int(taken or 0) if counts_organisation else 0,
        other_event_id=other_event_id
        if counts_organisation and series.one_event_per_organisation
        else None,
        confirmed=int(confirmed or 0),
        last_position=int(last_position or 0),
    )


def _check_rules(event: EventPage, series, *, email: str, organisation, kind: str, now) -> Tally:
    """Everything that refuses a new sign-up outright: window, duplicate, the organisation's
    places. Capacity never refuses: it sends the sign-up to the waiting list. Returns the tally
    the checks were made against (one query)."""
    _check_window(event, now)
    tally = _tally(event, series, email=email, organisation=organisation)
    if tally.duplicate:
        raise _duplicate()
    if kind not in APPROVAL_KINDS and organisation is not None and series is not None:
        if tally.other_event_id is not None:
            raise _chose_other_event(organisation, EventPage.objects.get(pk=tally.other_event_id))
        cap = series.max_per_organisation
        if cap is not None and tally.organisation_taken >= cap:
            raise _organisation_full(organisation, tally.organisation_taken)
    return tally


def _next_position(event: EventPage) -> int:
    top = Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.WAITING
    ).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def _confirmed(event: EventPage) -> int:
    return Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.CONFIRMED
    ).count()


def _duplicate() -> RegistrationRefused:
    return RegistrationRefused(
        _(
            "This e-mail address is already signed up for this event. Use the link in the "
            "e-mail we sent you to change or cancel the sign-up."
        ),
        code="duplicate",
    )


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
    _check_rules(event, series, email=email, organisation=organisation, kind=kind, now=now)
    with transaction.atomic():
        event, series = event_lock(event=event)
        if actor is None and not event.live:  # unpublished since the page was read
            raise RegistrationRefused(_("This event has no sign-up here."), code="no_signup")
        # Counted again under the lock, in one query: duplicate, the organisation's places,
        # confirmed seats and the last waiting position.
        tally = _check_rules(
            event, series, email=email, organisation=organisation, kind=kind, now=now
        )

        position = None
        if kind in APPROVAL_KINDS:
            status = RegistrationStatus.PENDING
        elif event.capacity is not None and tally.confirmed >= event.capacity:
            status, position = RegistrationStatus.WAITING, tally.last_position + 1
        else:
            status = RegistrationStatus.CONFIRMED

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
            status=status,
            position=position,
            token_hash=token_hash,
            language=language or translation.get_language() or event.locale.language_code,
            language_chosen=bool(language and language_chosen),
            created=now,
        )
        try:
            # No savepoint: the duplicate is refused and the whole transaction rolls back.
            registration.save()
        except IntegrityError as error:
            raise _duplicate() from error
        _log(
            registration, "create", actor, data={"event": event.pk, "status": status, "kind": kind}
        )
        mail_kind = {
            RegistrationStatus.CONFIRMED: "confirmation",
            RegistrationStatus.WAITING: "waiting",
            RegistrationStatus.PENDING: "press_pending",
        }[status]
        queue_registration_email(registration=registration, kind=mail_kind, token=token)
    return RegistrationOutcome(registration=registration, token=token)


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
            _check_organisation(event, series, organisation, exclude_pk=registration.pk)
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
            _check_organisation(
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
