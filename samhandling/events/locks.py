"""The row locks that keep an event's limits: every change that counts seats or an organisation's
places locks the series row (if the event is in a series), then the event row, and counts again
under the lock. Always in that order, so that two changes never wait for each other in a circle;
a change that touches two events (a move) locks both events in id order after the series."""

from .models import EventPage, EventSeriesPage


def event_series(*, event: EventPage, lock: bool = False) -> EventSeriesPage | None:
    """The event's series (its parent page, if that is a series), in one query."""
    series = event.series_queryset()
    return (series.select_for_update() if lock else series).first()


def event_lock(*, event: EventPage) -> tuple[EventPage, EventSeriesPage | None]:
    """Lock the series row (if any), then the event row; return fresh copies."""
    series = event_series(event=event, lock=True)
    return EventPage.objects.select_for_update().get(pk=event.pk), series
