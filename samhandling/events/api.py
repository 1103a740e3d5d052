"""Read-only JSON API of events: public fields only (never registrations or participants)."""

from datetime import datetime

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from wagtail.models import Page

from samhandling.api.common import (
    MAX_LIMIT,
    DateRange,
    IdFilter,
    ObjectId,
    Paging,
    SiteFilter,
    paginate,
    resolve_site,
    responses,
    set_paging_headers,
)
from samhandling.core.visibility import published

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


def _site_events(request, site: str | None):
    return published(events_below(root=resolve_site(request, site).root_page))


class EventFilter(Schema):
    upcoming: bool = Field(False, description="Only events that have not ended.")
    series: int | None = IdFilter("Only events of this series (its page id).")


class EventPaging(Schema):
    limit: int | None = Field(
        None, ge=1, le=MAX_LIMIT, description="At most this many. Default: all."
    )
    offset: int = Field(0, ge=0, description="Skip this many first.")


@router.get("/events", response=responses(list[EventOut]), summary="Events of a site")
def list_events(
    request,
    response: HttpResponse,
    where: Query[SiteFilter],
    dates: Query[DateRange],
    filters: Query[EventFilter],
    paging: Query[EventPaging],
):
    """All published events of the site, oldest first; `from` and `to` filter on the day an
    event starts. Unlike the other lists this one is a plain array, as it was before the other
    resources came, and all events unless `limit` is given; the `X-Total-Count` and `Link`
    headers page it as they do the other lists."""
    events = dates.apply(_site_events(request, where.site), "start__date")
    if filters.series is not None:
        events = events.child_of(get_object_or_404(Page, pk=filters.series))
    if filters.upcoming:
        now = timezone.now()
        events = events.filter(Q(end__gt=now) | Q(end__isnull=True, start__gt=now))
    if paging.limit is None:
        set_paging_headers(response, count=events.count(), next_url=None, previous_url=None)
        return [_event_out(request, event) for event in events[paging.offset :]]
    page = paginate(
        request,
        response,
        events,
        Paging(limit=paging.limit, offset=paging.offset),
        convert=lambda event: _event_out(request, event),
    )
    return page["results"]


@router.get("/events/{id:event_id}", response=responses(EventOut), summary="One event")
def get_event(request, where: Query[SiteFilter], event_id: int = ObjectId()):
    event = get_object_or_404(_site_events(request, where.site), pk=event_id)
    return _event_out(request, event)
