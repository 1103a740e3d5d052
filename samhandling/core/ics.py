"""The iCalendar envelope shared by events and committee meetings: times in Europe/Oslo, a
calendar name for feeds, the time zones the entries need."""

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

OSLO = ZoneInfo("Europe/Oslo")
DEFAULT_LENGTH = timedelta(hours=2)


def calendar_bytes(entries: Iterable[Event], *, product: str, name: str = "") -> bytes:
    """A calendar file of `entries`; `product` names the part of Samhandling that made it."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Samhandling//{product}//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for entry in entries:
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
