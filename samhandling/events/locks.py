"""The row locks that keep an event's limits: every change that counts seats or an organisation's
places locks the series row (if the event is in a series), then the event row, and counts again
under the lock. Always in that order, so that two changes never wait for each other in a circle;
a change that touches two events (a move) locks both events in id order after the series."""

from samhandling.core.compiled_queries import first_by

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
