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
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Max
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from samhandling.audit.models import AuditLogEntry
from samhandling.audit.services import audit_entry, audit_log
from samhandling.core.structure_cache import cached
from samhandling.core.templatetags.samhandling_tags import long_date

from . import emails, locks
from .emails import queue_registration_email
from .locks import event_lock, event_series
from .models import (
    ACTIVE_STATUSES,
    APPROVAL_KINDS,
    EventPage,
    EventSeriesPage,
    OutboxMessage,
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


def _tally_query(event: EventPage, series_tree, *, email: str, organisation):
    """The tally's SQL and parameters, over the events of the series at `series_tree` (its
    tree path and depth) or of the event alone (None)."""
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
    if series_tree is None:
        events = "%s"
        params.append(event.pk)
    else:
        events = _SERIES_EVENTS_SQL.format(
            events=EventPage._meta.db_table, pages=Page._meta.db_table
        )
        series_path, series_depth = series_tree
        params += [f"{series_path}%", series_depth + 1]
    sql = _TALLY_SQL.format(registrations=Registration._meta.db_table, events=events)
    return sql, params


def _tally_from_row(row, series, *, organisation) -> Tally:
    duplicate, confirmed, last_position, taken, other_event_id = row
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


def _tally(event: EventPage, series, *, email: str, organisation) -> Tally:
    """One query over the active sign-ups of the event's series (or of the event alone)."""
    tree = (series.path, series.depth) if series is not None else None
    sql, params = _tally_query(event, tree, email=email, organisation=organisation)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return _tally_from_row(row, series, organisation=organisation)


def _check_rules(
    event: EventPage, series, *, email: str, organisation, kind: str, now, tally=None
) -> Tally:
    """Everything that refuses a new sign-up outright: window, duplicate, the organisation's
    places. Capacity never refuses: it sends the sign-up to the waiting list. Returns the tally
    the checks were made against (one query, unless `tally` is given)."""
    _check_window(event, now)
    if tally is None:
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
        rows = _prepared_rows(event, series, registration, token, actor) if _one_trip() else None
        if rows is None:
            _create_step_by_step(registration, token, event=event, actor=actor, now=now)
        else:
            _create_in_two_trips(rows, event=event, actor=actor, now=now)
    return RegistrationOutcome(registration=registration, token=token)


_MAIL_KINDS = {
    RegistrationStatus.CONFIRMED: "confirmation",
    RegistrationStatus.WAITING: "waiting",
    RegistrationStatus.PENDING: "press_pending",
}


def _status(event: EventPage, kind: str, tally: Tally) -> tuple[str, int | None]:
    """A new sign-up's status and waiting position, from the tally counted under the lock."""
    if kind in APPROVAL_KINDS:
        return RegistrationStatus.PENDING, None
    if event.capacity is not None and tally.confirmed >= event.capacity:
        return RegistrationStatus.WAITING, tally.last_position + 1
    return RegistrationStatus.CONFIRMED, None


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
    tally = _check_rules(event, series, email=email, organisation=organisation, kind=kind, now=now)
    status, position = _status(event, kind, tally)
    registration.event = event
    registration.status, registration.position = status, position
    try:
        # No savepoint: the duplicate is refused and the whole transaction rolls back.
        registration.save()
    except IntegrityError as error:
        raise _duplicate() from error
    _log(registration, "create", actor, data={"event": event.pk, "status": status, "kind": kind})
    queue_registration_email(registration=registration, kind=_MAIL_KINDS[status], token=token)


# --- The locked part in two round trips (PostgreSQL) ---------------------------------------------
# Everything a sign-up writes is made before the seat lock: the sign-up, its audit entry, its
# outbox message and its send task, with ids taken from their sequences (the foreign keys between
# them are checked at commit), each INSERT compiled to SQL. Under the lock go two round trips: the
# two row locks and the tally in one `execute` (PostgreSQL runs them in order, and in READ
# COMMITTED each statement takes a new snapshot, so the tally sees what the previous holder of the
# lock committed: tests/events/test_rush_path.py), then the four INSERTs in one, with the status,
# the waiting position and the time put into their parameters. Nothing is written before the lock:
# the sign-up's row takes its address's slot in the unique index
# `registration_one_active_per_email`, and holding that slot while waiting for the lock deadlocks
# with a change that holds the lock and inserts the same address (docs/benchmarks.md, "Writing
# before the lock").


def _one_trip() -> bool:
    """Whether the statements under the lock can be sent together: PostgreSQL with client-side
    binding (Django's default), and `event_lock` the real one (the benchmark's control run
    replaces it by a version without row locks, which this path must not bypass)."""
    return (
        connection.vendor == "postgresql"
        and not connection.settings_dict.get("OPTIONS", {}).get("server_side_binding")
        and event_lock is locks.event_lock
    )


class _NotCompiled(Exception):
    pass


class _Insert:
    """The INSERT that saving `instance` sends (every concrete field, the primary key given),
    compiled once, with `set` to change a field's value in it without compiling it again."""

    def __init__(self, instance, using: str):
        model = type(instance)
        self.instance, self.connection = instance, connections[using]
        self.fields = list(model._meta.local_concrete_fields)
        query = InsertQuery(model)
        query.insert_values(self.fields, [instance], raw=False)
        statements = query.get_compiler(using=using).as_sql()
        (self.sql, params), *others = statements
        if others or len(params) != len(self.fields) or self.sql.count("%s") != len(params):
            raise _NotCompiled(model)
        self.params = list(params)
        self.positions = {field.attname: n for n, field in enumerate(self.fields)}

    def set(self, attname: str, value) -> None:
        setattr(self.instance, attname, value)
        position = self.positions[attname]
        field = self.fields[position]
        self.params[position] = field.get_db_prep_save(value, connection=self.connection)


@dataclass
class _Rows:
    lock: object  # locks.LockStatements
    series_tree: tuple | None  # the series' path and depth the tally was built for
    tally_sql: str
    tally_params: list
    registration: _Insert
    entry: _Insert | None
    message: _Insert | None
    task_row: _Insert | None
    email: object | None  # emails.RegistrationEmail
    token: str


_TIMES = {"registration": "updated", "entry": "timestamp", "message": "created"}


def _next_ids(*models) -> list[int]:
    """The next id of each model's sequence, in one query."""
    columns = ", ".join(["nextval(pg_get_serial_sequence(%s, %s))"] * len(models))
    params = []
    for model in models:
        params += [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}", params)
        return list(cursor.fetchone())


def _prepared_rows(event, series, registration: Registration, token: str, actor) -> _Rows | None:
    """The sign-up's statements, ready before the lock; None where they cannot be prepared
    (then the sign-up goes step by step)."""
    lock = locks.lock_statements(event=event)
    if lock is None:
        return None
    tree = (series.path, series.depth) if series is not None else None
    tally_sql, tally_params = _tally_query(
        event, tree, email=registration.email, organisation=registration.organisation
    )
    registration.pk, entry_id, message_id = _next_ids(Registration, AuditLogEntry, OutboxMessage)
    status = registration.status
    entry = audit_entry(
        instance=registration,
        action="samhandling.registration.create",
        actor=actor,
        public=True,
        data={"event": event.pk, "status": status, "kind": registration.kind},
    )
    if entry is None:
        registration.pk = None
        return None
    entry.pk = entry_id
    email = emails.registration_email(
        registration=registration, kind=_MAIL_KINDS[status], token=token, message_id=message_id
    )
    instances = [registration, entry]
    if email is not None:
        instances += [email.message, *([email.task_row] if email.task_row is not None else [])]
    using = lock.using
    for instance in instances:  # as `Model.save_base` does before the INSERT
        pre_save.send(
            sender=type(instance), instance=instance, raw=False, using=using, update_fields=None
        )
    try:
        inserts = [_Insert(instance, using) for instance in instances]
    except _NotCompiled:  # not the INSERT expected (a field with a placeholder of its own)
        registration.pk = None
        return None
    inserts += [None] * (4 - len(inserts))
    return _Rows(lock, tree, tally_sql, tally_params, *inserts, email=email, token=token)


def _create_in_two_trips(rows: _Rows, *, event: EventPage, actor, now) -> None:
    """The locked part of a sign-up in two round trips (see above)."""
    registration = rows.registration.instance
    email, organisation, kind = registration.email, registration.organisation, registration.kind
    with connection.cursor() as cursor:
        cursor.execute(f"{rows.lock.sql};\n{rows.tally_sql}", rows.lock.params + rows.tally_params)
        event, series = rows.lock.read(cursor)
        row = cursor.fetchone()
    if actor is None and not event.live:  # unpublished since the page was read
        raise RegistrationRefused(_("This event has no sign-up here."), code="no_signup")
    tally = None
    if rows.series_tree == ((series.path, series.depth) if series is not None else None):
        tally = _tally_from_row(row, series, organisation=organisation)
    # else the series changed since it was cached: counted again with the locked one.
    tally = _check_rules(
        event, series, email=email, organisation=organisation, kind=kind, now=now, tally=tally
    )
    status, position = _status(event, kind, tally)
    written = timezone.now()
    registration.event = event
    rows.registration.set("status", status)
    rows.registration.set("position", position)
    rows.registration.set("updated", written)
    inserts = [rows.registration]
    if rows.entry is not None:
        rows.entry.set("data", {**rows.entry.instance.data, "status": status})
        rows.entry.set("timestamp", written)
        inserts.append(rows.entry)
    if rows.message is not None:
        rows.message.set("kind", _MAIL_KINDS[status])
        rows.message.set("created", written)
        inserts.append(rows.message)
    if rows.task_row is not None:
        rows.task_row.set("enqueued_at", written)
        inserts.append(rows.task_row)
    sql = ";\n".join(insert.sql for insert in inserts)
    params = [param for insert in inserts for param in insert.params]
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    except IntegrityError as error:
        # No savepoint: the duplicate is refused and the whole transaction rolls back.
        if _table_of(error) == Registration._meta.db_table:
            raise _duplicate() from error
        raise
    for insert in inserts:  # as `Model.save_base` does after the INSERT
        instance = insert.instance
        instance._state.adding, instance._state.db = False, rows.lock.using
        post_save.send(
            sender=type(instance),
            instance=instance,
            created=True,
            update_fields=None,
            raw=False,
            using=rows.lock.using,
        )
    if rows.email is not None:
        rows.email.written()


def _table_of(error: IntegrityError) -> str | None:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "table_name", None)


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
