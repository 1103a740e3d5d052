"""An iCalendar file per meeting, with times in Europe/Oslo."""

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Event

from samhandling.core.ics import DEFAULT_LENGTH, OSLO, calendar_bytes


def _meeting_event(*, meeting, committee, request) -> Event:
    url = meeting.get_full_url(request)
    host = request.get_host().split(":")[0] if request else "samhandling"

    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    start = meeting.start.astimezone(OSLO)
    event.add("dtstart", start)
    event.add("dtend", (meeting.end or meeting.start + DEFAULT_LENGTH).astimezone(OSLO))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    description = [meeting.theme, meeting.lead, url]
    event.add("description", "\n\n".join(strip_tags(part) for part in description if part))
    if url:
        event.add("url", url)
    if committee.title:
        event.add("categories", [committee.short_name or committee.title])
    if meeting.last_published_at:
        event.add("last-modified", meeting.last_published_at)
    return event


def _calendar(events, *, name: str = "") -> bytes:
    return calendar_bytes(events, product="Committees", name=name)


def meeting_calendar(*, meeting, request=None) -> bytes:
    committee = meeting.get_parent().specific
    return _calendar([_meeting_event(meeting=meeting, committee=committee, request=request)])


def committee_calendar(*, committee, meetings, request=None) -> bytes:
    """A feed of a committee's meetings that calendar programs can subscribe to; each meeting
    keeps the UID of its own .ics file, so an update replaces the entry."""
    events = [_meeting_event(meeting=m, committee=committee, request=request) for m in meetings]
    return _calendar(events, name=committee.title)
