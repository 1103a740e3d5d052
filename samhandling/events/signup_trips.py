"""The locked part of a sign-up in two round trips, on PostgreSQL (`services.registration_create`).

Everything a sign-up writes is made before the seat lock: the sign-up, its audit entry, its
outbox message and its send task, with ids taken from their sequences (the foreign keys between
them are checked at commit), each INSERT compiled to SQL. Under the lock go two round trips: the
two row locks and the tally in one `execute` (PostgreSQL runs them in order, and in READ
COMMITTED each statement takes a new snapshot, so the tally sees what the previous holder of the
lock committed: tests/events/test_rush_path.py), then the four INSERTs in one, with the status,
the waiting position and the time put into their parameters. Nothing is written before the lock:
the sign-up's row takes its address's slot in the unique index
`registration_one_active_per_email`, and holding that slot while waiting for the lock deadlocks
with a change that holds the lock and inserts the same address (docs/benchmarks.md, "Writing
before the lock")."""

from dataclasses import dataclass

from django.db import IntegrityError, connection, connections
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.audit.models import AuditLogEntry
from samhandling.audit.services import audit_entry

from . import emails, locks
from .models import EventPage, OutboxMessage, Registration
from .signup_rules import (
    MAIL_KINDS,
    RegistrationRefused,
    check_rules,
    duplicate,
    status_of,
    tally_from_row,
    tally_query,
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


def prepared_rows(event, series, registration: Registration, token: str, actor) -> _Rows | None:
    """The sign-up's statements, ready before the lock; None where they cannot be prepared
    (then the sign-up goes step by step)."""
    lock = locks.lock_statements(event=event)
    if lock is None:
        return None
    tree = (series.path, series.depth) if series is not None else None
    tally_sql, tally_params = tally_query(
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
        registration=registration, kind=MAIL_KINDS[status], token=token, message_id=message_id
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


def create_in_two_trips(rows: _Rows, *, event: EventPage, actor, now) -> None:
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
        tally = tally_from_row(row, series, organisation=organisation)
    # else the series changed since it was cached: counted again with the locked one.
    tally = check_rules(
        event, series, email=email, organisation=organisation, kind=kind, now=now, tally=tally
    )
    status, position = status_of(event, kind, tally)
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
        rows.message.set("kind", MAIL_KINDS[status])
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
            raise duplicate() from error
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
