"""iCalendar: a file per event (with a stable UID) and a feed of all events of a site."""

from django.utils import timezone
from icalendar import Event

from samhandling.core.ics import DEFAULT_LENGTH, OSLO, calendar_bytes


def event_uid(event) -> str:
    """Stable across edits, moves and translations of the page."""
    return f"event-{event.translation_key}@samhandling"


def _component(event, *, url: str = ""):
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("dtstart", event.start.astimezone(OSLO))
    component.add("dtend", (event.end or event.start + DEFAULT_LENGTH).astimezone(OSLO))
    component.add("summary", event.title)
    location = ", ".join(
        part for part in (event.venue_name, event.venue_address, event.venue_city) if part
    )
    if location:
        component.add("location", location)
    description = "\n\n".join(part for part in (event.lead, url) if part)
    if description:
        component.add("description", description)
    if url:
        component.add("url", url)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def event_calendar(*, event, url: str = "") -> bytes:
    return calendar_bytes([_component(event, url=url)], product="Events")


def events_calendar(*, events, name: str, request=None, extra=()) -> bytes:
    """The events as a feed; `extra` adds other entries (the hearings' deadlines)."""
    entries = [_component(event, url=event.get_full_url(request) or "") for event in events]
    return calendar_bytes([*entries, *extra], product="Events", name=name)
