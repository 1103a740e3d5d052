"""The row locks that keep an event's limits: every change that counts seats or an organisation's
places locks the series row (if the event is in a series), then the event row, and counts again
under the lock. Always in that order, so that two changes never wait for each other in a circle;
a change that touches two events (a move) locks both events in id order after the series."""

from dataclasses import dataclass

from django.db import connections, router

from samhandling.core.compiled_queries import _SENTINELS, _compile, _Compiled, _compiled, first_by

from .models import EventPage, EventSeriesPage


def event_series(*, event: EventPage, lock: bool = False) -> EventSeriesPage | None:
    """The event's series (its parent page, if that is a series), in one query whose SQL is
    built once per process (`core.compiled_queries`: the query of a page type costs more to
    build than to run, and a sign-up runs it twice)."""
    path = event.series_path()
    if path is None:
        return None
    return first_by(EventSeriesPage, field="path", value=path, lock=lock)


def event_lock(*, event: EventPage) -> tuple[EventPage, EventSeriesPage | None]:
    """Lock the series row (if any), then the event row (`SELECT … FOR UPDATE`, on the page
    row and the event's own); return fresh copies."""
    series = event_series(event=event, lock=True)
    locked = first_by(EventPage, value=event.pk, lock=True)
    if locked is None:
        raise EventPage.DoesNotExist("EventPage matching query does not exist.")
    return locked, series


@dataclass(frozen=True)
class LockStatements:
    """`event_lock`'s statements as SQL to send in one round trip, ahead of others that should
    run under the lock (PostgreSQL, whose client-side binding cursors take several statements
    in one `execute`: they run in order, so the series is still locked before the event). The
    same compiled SQL as `event_lock` (`core.compiled_queries`). `read` takes their results
    off the cursor and leaves it on the result of the next statement."""

    sql: str
    params: list
    series: _Compiled | None  # None: the event is at the top of the tree, no series to lock
    event: _Compiled
    using: str

    def read(self, cursor) -> tuple[EventPage, EventSeriesPage | None]:
        connection = connections[self.using]
        series = None
        if self.series is not None:
            series = _instance(EventSeriesPage, self.series, cursor.fetchone(), connection)
            cursor.nextset()
        locked = _instance(EventPage, self.event, cursor.fetchone(), connection)
        cursor.nextset()
        if locked is None:
            raise EventPage.DoesNotExist("EventPage matching query does not exist.")
        return locked, series


def lock_statements(*, event: EventPage) -> LockStatements | None:
    """The SQL of `event_lock(event=event)`, or None where it is not compiled (then call
    `event_lock`)."""
    using = router.db_for_write(EventPage)
    if router.db_for_write(EventSeriesPage) != using:
        return None
    path = event.series_path()
    sql, params, series = [], [], None
    if path is not None:
        series = _compiled_lock(EventSeriesPage, "path", path, using)
        if series is None:
            return None
        sql.append(series.sql)
        params += [path if param == _SENTINELS[str] else param for param in series.params]
    locked = _compiled_lock(EventPage, "pk", event.pk, using)
    if locked is None:
        return None
    sql.append(locked.sql)
    params += [event.pk if param == _SENTINELS[int] else param for param in locked.params]
    return LockStatements(";\n".join(sql), params, series, locked, using)


def _compiled_lock(model, field: str, value, using: str) -> _Compiled | None:
    # The cache and the compiler of `first_by`, so the SQL is the one `event_lock` sends.
    sentinel = _SENTINELS.get(type(value))
    if sentinel is None:
        return None
    key = (model, field, type(value), using, True)
    known = _compiled.get(key, False)
    if known is False:
        known = _compiled[key] = _compile(model, field, sentinel, True, using)
    return known


def _instance(model, compiled: _Compiled, row, connection):
    # As `first_by` makes it from its row: the fields' converters, then `Model.from_db`.
    if row is None:
        return None
    if compiled.converters:
        row = list(row)
        for position, functions, expression in compiled.converters:
            for convert in functions:
                row[position] = convert(row[position], expression, connection)
    return model.from_db(connection.alias, compiled.attnames, row)
