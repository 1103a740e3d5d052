"""iCalendar: each hearing's deadline as an all-day event, in the site's feed (events' site_ics
calls `deadline_entries`) and as a file per hearing."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from samhandling.core.ics import calendar_bytes


def deadline_uid(hearing) -> str:
    """Stable across edits, moves and translations of the page."""
    return f"hearing-deadline-{hearing.translation_key}@samhandling"


def deadline_entry(hearing, *, url: str = "") -> Event:
    component = Event()
    component.add("uid", deadline_uid(hearing))
    component.add("dtstamp", hearing.last_published_at or timezone.now())
    component.add("dtstart", hearing.deadline)
    component.add("dtend", hearing.deadline + dt.timedelta(days=1))
    component.add("summary", _("Hearing deadline: %(title)s") % {"title": hearing.title})
    component.add("transp", "TRANSPARENT")
    description = "\n\n".join(part for part in (hearing.lead, url) if part)
    if description:
        component.add("description", description)
    if url:
        component.add("url", url)
    if hearing.last_published_at:
        component.add("last-modified", hearing.last_published_at)
    return component


def deadline_entries(*, root, request=None) -> list[Event]:
    """The deadlines of the live, public hearings below `root` (a site's root page)."""
    from .selectors import hearings_below

    return [
        deadline_entry(hearing, url=hearing.get_full_url(request) or "")
        for hearing in hearings_below(root=root)
    ]


def hearing_calendar(*, hearing, request=None) -> bytes:
    entry = deadline_entry(hearing, url=hearing.get_full_url(request) or "")
    return calendar_bytes([entry], product="Hearings")
