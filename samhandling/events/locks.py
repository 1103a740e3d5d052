"""The row locks that keep an event's limits: every change that counts seats or an organisation's
places locks the series row (if the event is in a series), then the event row, and counts again
under the lock. Always in that order, so that two changes never wait for each other in a circle;
a change that touches two events (a move) locks both events in id order after the series."""

from dataclasses import dataclass

from django.db import connections, router

from samhandling.core.compiled_queries import (
    CompiledQuery,
    compiled_first,
    first_by,
    instance_from_row,
    params_for,
)

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
    series: CompiledQuery | None  # None: the event is at the top of the tree, no series to lock
    event: CompiledQuery
    using: str

    def read(self, cursor) -> tuple[EventPage, EventSeriesPage | None]:
        connection = connections[self.using]
        series = None
        if self.series is not None:
            series = instance_from_row(EventSeriesPage, self.series, cursor.fetchone(), connection)
            cursor.nextset()
        locked = instance_from_row(EventPage, self.event, cursor.fetchone(), connection)
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
        series = compiled_first(
            EventSeriesPage, field="path", value_type=str, using=using, lock=True
        )
        if series is None:
            return None
        sql.append(series.sql)
        params += params_for(series, path)
    locked = compiled_first(
        EventPage, field="pk", value_type=type(event.pk), using=using, lock=True
    )
    if locked is None:
        return None
    sql.append(locked.sql)
    params += params_for(locked, event.pk)
    return LockStatements(";\n".join(sql), params, series, locked, using)
