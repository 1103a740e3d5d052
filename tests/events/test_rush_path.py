"""The sign-up's locked part in two round trips on PostgreSQL (issue #13,
`signup_trips.create_in_two_trips`): the row locks and the tally sent in one `execute`, the
four INSERTs in another, everything prepared before the lock. These tests hold it to what the
step-by-step path (SQLite's, and the one it replaces) does: the same rows, the same refusals
with nothing left behind, and a tally that sees what the previous holder of the lock
committed."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from samhandling.audit.models import AuditLogEntry
from samhandling.events import services, signup_rules, signup_trips
from samhandling.events.locks import event_lock
from samhandling.events.models import OutboxMessage, Registration, RegistrationStatus
from samhandling.events.services import RegistrationRefused, registration_create
from tests.concurrency import ON_POSTGRES

from .factories import ALTA, BODO, TROMSO, event, kommune, series

needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL)")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _sign_up(conference, email: str, **fields):
    fields.setdefault("name", "Kari Nordmann")
    return registration_create(event=conference, email=email, consent=True, **fields)


def _statements_under_the_lock(queries) -> list[str]:
    sql = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    first = next(n for n, statement in enumerate(sql) if "FOR UPDATE" in statement)
    ends = [n for n, statement in enumerate(sql) if n > first and statement == "COMMIT"]
    return sql[first : ends[0] if ends else None]


@needs_postgres
@pytest.mark.django_db
def test_postgresql_sends_the_locks_and_the_tally_together_then_the_inserts_together(
    demo, settings
):
    settings.TASKS = DB_TASKS
    conference = event(series(max_per_organisation=3), capacity=10)
    with CaptureQueriesContext(connection) as queries:
        outcome = _sign_up(conference, "one@example.org", organisation=kommune(TROMSO))
    locked = _statements_under_the_lock(queries.captured_queries)
    assert len(locked) == 2, locked
    assert locked[0].count("FOR UPDATE") == 2 and "COALESCE(SUM(" in locked[0]
    assert locked[0].index('"events_eventseriespage"') < locked[0].index("COALESCE(SUM(")
    assert locked[1].count("INSERT INTO") == 4
    registration = outcome.registration
    assert registration.status == RegistrationStatus.CONFIRMED and not registration._state.adding
    message = OutboxMessage.objects.get(registration=registration)
    assert DBTaskResult.objects.filter(args_kwargs={"args": [message.pk], "kwargs": {}}).exists()


@pytest.mark.django_db
def test_sqlite_and_a_replaced_event_lock_take_the_step_by_step_path(demo, monkeypatch):
    """The benchmark's control run (benchmarks/nolock_wsgi.py) replaces `services.event_lock`;
    the sign-up must then go through the replacement, not around it."""
    calls = []

    def lock(*, event):
        calls.append(event.pk)
        return event_lock(event=event)

    monkeypatch.setattr(services, "event_lock", lock)
    conference = event(capacity=10)
    _sign_up(conference, "one@example.org")
    assert calls == [conference.pk]
    monkeypatch.undo()
    assert services._one_trip() is ON_POSTGRES


def _row(instance, leave_out=()) -> dict:
    values = {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}
    return {name: value for name, value in values.items() if name not in leave_out}


def _written(registration) -> dict:
    """Everything a sign-up wrote, read back, less what differs between two sign-ups (ids,
    address, token, times)."""
    entry = AuditLogEntry.objects.get(
        object_id=str(registration.pk), action="samhandling.registration.create"
    )
    message = OutboxMessage.objects.get(registration_id=registration.pk)
    task = DBTaskResult.objects.get(args_kwargs__args=[message.pk])
    assert entry.label.endswith(f" #{registration.pk}")
    assert message.private_link
    return {
        "registration": _row(
            Registration.objects.get(pk=registration.pk),
            ("id", "email", "token_hash", "created", "updated"),
        ),
        "entry": _row(entry, ("id", "object_id", "label", "timestamp", "uuid")),
        "message": _row(message, ("id", "registration_id", "to_email", "private_link", "created")),
        "task": _row(task, ("id", "args_kwargs", "enqueued_at")),
    }


@needs_postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "by_staff"), [("participant", False), ("press", False), ("participant", True)]
)
def test_both_paths_write_the_same_rows(demo, settings, monkeypatch, kind, by_staff):
    """Confirmed, waiting (with its position) and pending (press), by the participant or by a
    logged-in user (an organisation's contact): each row as the ORM writes it through `save`,
    `audit_log` and `queue_registration_email`."""
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.create_user("kontakt", "k@example.org") if by_staff else None
    settings.TASKS = DB_TASKS
    conference = event(series(max_per_organisation=10), capacity=2)
    organisation = kommune(ALTA)
    fast, slow = [], []
    for n in range(3):  # the third waits (participants)
        for path, done in ((True, fast), (False, slow)):
            monkeypatch.setattr(services, "_one_trip", lambda path=path: path)
            with CaptureQueriesContext(connection) as queries:
                outcome = _sign_up(
                    conference,
                    f"{path}{n}@example.org",
                    organisation=organisation,
                    kind=kind,
                    actor=actor,
                )
            assert (len(_statements_under_the_lock(queries.captured_queries)) == 2) is path
            done.append(_written(outcome.registration))
            assert outcome.registration.pk is not None and outcome.token
    for one, other in zip(fast, slow, strict=True):
        # Each path's sign-up is the other's n-th: the positions on the waiting list interleave.
        if one["registration"]["position"] is not None:
            other["registration"]["position"] -= 1
        assert one == other
    assert fast[0]["entry"]["user_id"] == (actor.pk if actor else None)
    statuses = [w["registration"]["status"] for w in fast]
    expected = ["pending"] * 3 if kind == "press" else ["confirmed", "waiting", "waiting"]
    assert statuses == expected


@needs_postgres
@pytest.mark.django_db
def test_a_refusal_under_the_lock_leaves_nothing_behind(demo, settings, monkeypatch):
    """The check before the lock is fooled (it sees nobody); the tally under the lock sees the
    duplicate and the organisation's taken places: refused, and no row of any kind written."""
    settings.TASKS = DB_TASKS
    conference = event(series(max_per_organisation=1), capacity=10)
    _sign_up(conference, "taken@example.org", organisation=kommune(BODO))
    counts = [m.objects.count() for m in (Registration, AuditLogEntry, OutboxMessage, DBTaskResult)]
    nobody = signup_rules.Tally(False, 0, None, 0, 0)
    monkeypatch.setattr(signup_rules, "tally_of", lambda *args, **kwargs: nobody)
    for email, organisation, code in (
        ("taken@example.org", None, "duplicate"),
        ("other@example.org", kommune(BODO), "organisation_cap"),
    ):
        with pytest.raises(RegistrationRefused) as refusal:
            _sign_up(conference, email, organisation=organisation)
        assert refusal.value.code == code
    after = [m.objects.count() for m in (Registration, AuditLogEntry, OutboxMessage, DBTaskResult)]
    assert after == counts


@needs_postgres
@pytest.mark.django_db
def test_the_unique_index_still_refuses_a_duplicate_the_tally_missed(demo, settings, monkeypatch):
    settings.TASKS = DB_TASKS
    conference = event(capacity=10)
    _sign_up(conference, "taken@example.org")
    counts = [m.objects.count() for m in (Registration, AuditLogEntry, OutboxMessage, DBTaskResult)]
    nobody = signup_rules.Tally(False, 0, None, 0, 0)
    monkeypatch.setattr(signup_rules, "tally_of", lambda *args, **kwargs: nobody)
    monkeypatch.setattr(signup_trips, "tally_from_row", lambda *args, **kwargs: nobody)
    # In a savepoint of its own: the test's transaction stays usable after the error.
    with pytest.raises(RegistrationRefused) as refusal, transaction.atomic():
        _sign_up(conference, "taken@example.org")
    assert refusal.value.code == "duplicate"
    after = [m.objects.count() for m in (Registration, AuditLogEntry, OutboxMessage, DBTaskResult)]
    assert after == counts


@pytest.mark.django_db
def test_a_series_cached_wrongly_is_counted_again_under_the_lock(demo, monkeypatch):
    """The tally sent with the locks is built for the series as cached; if the locked series is
    another (or none), the sign-up is counted again against the locked one."""
    autumn = series(max_per_organisation=1)
    tromso, bodo = event(autumn, capacity=10), event(autumn, capacity=10)
    _sign_up(tromso, "first@example.org", organisation=kommune(ALTA))
    monkeypatch.setattr(services, "cached", lambda *args, **kwargs: None)  # "no series"
    with pytest.raises(RegistrationRefused) as refusal:
        _sign_up(bodo, "second@example.org", organisation=kommune(ALTA))
    assert refusal.value.code == "one_event_per_organisation" or (
        refusal.value.code == "organisation_cap"
    )
    assert not Registration.objects.filter(email="second@example.org").exists()


# --- The snapshot of the tally sent in the same `execute` as the locks ----------------------------


def _waiting_for_a_lock() -> int:
    """Sessions of this database waiting for a lock (the activity view is read afresh: inside a
    transaction PostgreSQL keeps the first reading)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("in_series", [True, False])
@pytest.mark.usefixtures("demo")
def test_the_tally_after_the_locks_sees_what_the_previous_holder_committed(in_series):
    """READ COMMITTED takes a snapshot per statement, also for the statements of one `execute`:
    a sign-up that waits for the lock (its tally in the same round trip) counts the seat that
    the holder took and committed while it waited. Were the snapshot taken when the round trip
    started, it would count 0 confirmed and overbook the last seat."""
    conference = event(series(max_per_organisation=None) if in_series else None, capacity=1)
    holding, done = threading.Event(), []

    def holder():
        try:
            with transaction.atomic():
                event_lock(event=conference)
                _sign_up(conference, "holder@example.org")  # the nested lock is its own
                holding.set()
                deadline = time.monotonic() + 20
                while _waiting_for_a_lock() < 1 and time.monotonic() < deadline:
                    time.sleep(0.02)
                done.append(_waiting_for_a_lock())
        finally:
            holding.set()
            connections.close_all()

    thread = threading.Thread(target=holder)
    thread.start()
    assert holding.wait(30)
    with CaptureQueriesContext(connection) as queries:
        outcome = _sign_up(conference, "waiter@example.org")
    thread.join(30)
    assert done == [1], "the second sign-up never waited for the lock"
    assert len(_statements_under_the_lock(queries.captured_queries)) == 2
    assert outcome.registration.status == RegistrationStatus.WAITING
    assert outcome.registration.position == 1
    statuses = sorted(Registration.objects.filter(event=conference).values_list("status"))
    assert statuses == [("confirmed",), ("waiting",)]
