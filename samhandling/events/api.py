"""Read-only JSON API of events: public fields only (never registrations)."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema
from wagtail.models import Page

from samhandling.core.sites import site_for_request

from .models import EventPage, EventSeriesPage
from .selectors import event_state, events_below

router = Router(tags=["events"])


class VenueOut(Schema):
    name: str
    address: str
    city: str


class EventOut(Schema):
    id: int
    title: str
    lead: str
    url: str
    ics_url: str
    language: str
    series: str | None
    start: datetime
    end: datetime | None
    venue: VenueOut
    format: str
    streamed: bool
    cancelled: bool
    state: str
    signup_deadline: datetime | None
    capacity: int | None


def _event_out(request, event: EventPage) -> EventOut:
    parent = event.get_parent().specific
    series = parent.title if isinstance(parent, EventSeriesPage) else None
    return EventOut(
        id=event.pk,
        title=event.title,
        lead=event.lead,
        url=event.get_full_url(request),
        ics_url=request.build_absolute_uri(reverse("events:event_ics", args=[event.pk])),
        language=event.locale.language_code,
        series=series,
        start=timezone.localtime(event.start),
        end=timezone.localtime(event.end) if event.end else None,
        venue=VenueOut(name=event.venue_name, address=event.venue_address, city=event.venue_city),
        format=event.format,
        streamed=event.streamed,
        cancelled=event.cancelled,
        state=event_state(event=event).code,
        signup_deadline=(
            timezone.localtime(event.signup_deadline) if event.signup_deadline else None
        ),
        capacity=event.capacity,
    )


def _site_events(request):
    site = site_for_request(request)
    if site is None:
        raise Http404
    return events_below(root=site.root_page)


@router.get("/events", response=list[EventOut], summary="Events of this site")
def list_events(request, upcoming: bool = False, series: int | None = None):
    """All published events of the site the request is for, oldest first. `upcoming=true` keeps
    those that have not ended; `series` keeps those of one series (its page id)."""
    events = _site_events(request)
    if series is not None:
        events = events.child_of(get_object_or_404(Page, pk=series))
    out = [_event_out(request, event) for event in events]
    if upcoming:
        now = timezone.now()
        out = [event for event in out if (event.end or event.start) > now]
    return out


@router.get("/events/{event_id}", response=EventOut, summary="One event")
def get_event(request, event_id: int):
    event = get_object_or_404(_site_events(request), pk=event_id)
    return _event_out(request, event)
