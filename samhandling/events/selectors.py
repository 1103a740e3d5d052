"""Reads: the state of an event, lists of events, seat counts, registrations by token."""

import hmac
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from samhandling.core.compiled_lists import compiled_count, compiled_list
from samhandling.core.upcoming import UpcomingItem
from samhandling.core.visibility import hidden_paths, live_and_not_below, public_live

from .models import (
    ACTIVE_STATUSES,
    APPROVAL_KINDS,
    EventPage,
    Registration,
    RegistrationStatus,
    hash_token,
)


class State:
    UPCOMING = "upcoming"
    OPEN = "open"
    FULL = "full"
    CLOSED = "closed"
    PAST = "past"
    CANCELLED = "cancelled"


STATE_LABELS = {
    State.UPCOMING: _("Upcoming"),
    State.OPEN: _("Open for sign-up"),
    State.FULL: _("Full – waiting list"),
    State.CLOSED: _("Sign-up closed"),
    State.PAST: _("Past"),
    State.CANCELLED: _("Cancelled"),
}
STATE_COLOURS = {
    State.UPCOMING: "info",
    State.OPEN: "success",
    State.FULL: "warning",
    State.CLOSED: "neutral",
    State.PAST: "neutral",
    State.CANCELLED: "danger",
}


@dataclass(frozen=True)
class EventState:
    code: str
    deadline: datetime | None = None
    opens: datetime | None = None

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.code])

    @property
    def colour(self) -> str:
        return STATE_COLOURS[self.code]

    @property
    def accepts_signups(self) -> bool:
        return self.code in (State.OPEN, State.FULL)


def confirmed_count(*, event: EventPage) -> int:
    listed = getattr(event, "listed_confirmed_count", None)  # read with its list: `listed_events`
    if listed is not None:
        return listed
    return compiled_count("events.confirmed", (), _confirmed, event_id=event.pk)


def _confirmed(*, event_id: int):
    return Registration.objects.filter(event_id=event_id, status=RegistrationStatus.CONFIRMED)


def signup_deadline(event: EventPage) -> datetime:
    return event.signup_deadline or event.start


def event_state(*, event: EventPage, now: datetime | None = None, taken: int | None = None):
    """The one place that decides what an event's state is at `now`.

    `taken` (confirmed seats) may be passed by a caller that has just counted under a lock."""
    now = now or timezone.now()
    if event.cancelled:
        return EventState(State.CANCELLED)
    if (event.end or event.start) <= now:
        return EventState(State.PAST)
    if not event.registration_enabled:
        return EventState(State.UPCOMING)
    deadline = signup_deadline(event)
    if event.signup_opens and now < event.signup_opens:
        return EventState(State.UPCOMING, deadline=deadline, opens=event.signup_opens)
    if now >= deadline:
        return EventState(State.CLOSED, deadline=deadline)
    if event.capacity is not None:
        if taken is None:
            taken = confirmed_count(event=event)
        if taken >= event.capacity:
            return EventState(State.FULL, deadline=deadline)
    return EventState(State.OPEN, deadline=deadline)


# An event as a list of events shows it (events/includes/event_list.html: its link, time, place,
# lead and state), with the dates the page cache's moments are read from.
EVENT_LISTED_FIELDS = (
    "id",
    "title",
    "path",
    "depth",
    "url_path",
    "locale_id",
    "live",
    "lead",
    "start",
    "end",
    "venue_name",
    "venue_city",
    "cancelled",
    "registration_enabled",
    "signup_opens",
    "signup_deadline",
    "capacity",
)


def _confirmed_seats():
    """The confirmed seats of the outer event where its state may depend on them (a capacity,
    sign-up on this site, not cancelled), else NULL: counted by the database in the list's own
    query, not one query per event (`confirmed_count`)."""
    from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, When
    from django.db.models.functions import Coalesce

    seats = (
        Registration.objects.filter(event_id=OuterRef("pk"), status=RegistrationStatus.CONFIRMED)
        .order_by()
        .values("event_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Case(
        When(
            capacity__isnull=False,
            cancelled=False,
            registration_enabled=True,
            then=Coalesce(Subquery(seats), 0),
        ),
        default=None,
        output_field=IntegerField(),
    )


def _listed_below(*, hidden: tuple, path: str, depth: int, pk: int):
    """`events_below` of the page with that path, depth and id (Wagtail's `descendant_of_q`),
    from the values alone (for `compiled_list`), with the columns of EVENT_LISTED_FIELDS and
    the confirmed seats (`_confirmed_seats`)."""
    events = EventPage.objects.filter(Q(path__startswith=path) & Q(depth__gte=depth) & ~Q(pk=pk))
    events = live_and_not_below(events, hidden).only(*EVENT_LISTED_FIELDS)
    return events.annotate(listed_confirmed_count=_confirmed_seats()).order_by("start")


def listed_events_below(*, root: Page) -> list:
    """The public live events below root by start, as a list of events shows them (the columns
    of EVENT_LISTED_FIELDS), each with its confirmed seats where its state depends on them: one
    query, its SQL compiled once per process (`core.compiled_lists`)."""
    hidden = tuple(hidden_paths()[0])  # `public_live`: the restricted sections
    build = partial(_listed_below, hidden=hidden)
    values = {"path": root.path, "depth": root.depth, "pk": root.pk}
    return compiled_list("events.listed", hidden, build, **values)


def events_below(*, root: Page):
    return (
        public_live(EventPage.objects.descendant_of(root))
        .order_by("start")
        .select_related("locale")
    )


# The columns a page needs to be listed as a link (`pageurl`, `lang_attr`, its title, the page
# cache's tags).
PAGE_LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "locale_id", "live")


def _series_below(*, hidden: tuple, path: str, depth: int, pk: int, child_depth: int):
    """`public_live(EventSeriesPage.objects.child_of(page))` (Wagtail's `child_of_q`) from the
    values alone, the columns of a link, by path."""
    from .models import EventSeriesPage

    series = EventSeriesPage.objects.filter(
        Q(path__startswith=path) & Q(depth__gte=depth) & ~Q(pk=pk) & Q(depth=child_depth)
    )
    return live_and_not_below(series, hidden).only(*PAGE_LINK_FIELDS).order_by("path")


def series_below(*, root: Page) -> list:
    """The public live event series right below root (an event index), by path, as links."""
    hidden = tuple(hidden_paths()[0])  # `public_live`: the restricted sections
    build = partial(_series_below, hidden=hidden)
    values = {"path": root.path, "depth": root.depth, "pk": root.pk, "child_depth": root.depth + 1}
    return compiled_list("events.series", hidden, build, **values)


def event_places(*, events) -> list[str]:
    """The towns the events (a list, as `listed_events_below` gives) are held in, for the listing's
    filter."""
    return sorted({event.venue_city for event in events if event.venue_city}, key=str.casefold)


def events_filtered(events, *, series=None, place: str = "") -> list:
    """The events (a list, as `listed_events_below` gives) of one series and/or in one town, in the
    same order: filtered here rather than asked of the database again, as the listing has read
    every event for its filter's towns anyway."""
    if series is not None:
        events = [
            event
            for event in events
            if event.path.startswith(series.path) and event.depth > series.depth
        ]
    if place:
        events = [event for event in events if event.venue_city == place]
    return events


def split_upcoming_and_past(events, *, now: datetime | None = None):
    now = now or timezone.now()
    upcoming, past = [], []
    for event in events:
        (past if (event.end or event.start) <= now else upcoming).append(event)
    past.reverse()
    return upcoming, past


def upcoming_event_items(*, root: Page, limit: int = 5) -> list[UpcomingItem]:
    """For the home page's "Upcoming" list: the next events below root that are not cancelled."""
    hidden = tuple(hidden_paths()[0])  # `public_live`: the restricted sections

    def build(*, path, depth, pk, now):
        events = EventPage.objects.filter(
            Q(path__startswith=path) & Q(depth__gte=depth) & ~Q(pk=pk)
        )
        events = live_and_not_below(events, hidden).filter(start__gte=now, cancelled=False)
        return events.only(*EVENT_LISTED_FIELDS).order_by("start")[:limit]

    # The SQL depends on the limit and the hidden paths besides the values (compiled_lists.py).
    events = compiled_list(
        "events.upcoming",
        (limit, hidden),
        build,
        path=root.path,
        depth=root.depth,
        pk=root.pk,
        now=timezone.now(),
    )
    return [
        UpcomingItem(
            title=event.title,
            url=event.url,
            start=event.start,
            end=event.end,
            kind=_("Event"),
            place=event.place,
        )
        for event in events
    ]


def registration_for_token(*, token: str) -> Registration | None:
    """The registration whose private link this is. Only the token's SHA-256 is stored and
    looked up, so what the database compares is not the secret; the final comparison is made in
    constant time all the same."""
    if not token or len(token) > 100:
        return None
    wanted = hash_token(token)
    registration = (
        Registration.objects.select_related("event", "organisation")
        .filter(token_hash=wanted)
        .first()
    )
    if registration is None or not hmac.compare_digest(registration.token_hash, wanted):
        return None
    return registration


def series_registrations(*, event: EventPage, series=None):
    """Active registrations of every event in the event's series (or of the event alone).
    `series` may be passed by a caller that already has it (e.g. locked)."""
    series = series or event.series
    if series is None:
        return Registration.objects.filter(event_id=event.pk, status__in=ACTIVE_STATUSES)
    events = EventPage.objects.child_of(series).values("pk")
    return Registration.objects.filter(event_id__in=events, status__in=ACTIVE_STATUSES)


def organisation_seats(*, event: EventPage, organisation_id: int) -> int:
    """Seats an organisation holds across the series (confirmed or waiting; press not counted)."""
    return (
        series_registrations(event=event)
        .filter(organisation_id=organisation_id)
        .exclude(kind__in=APPROVAL_KINDS)
        .count()
    )


def community_organisations(*, site=None, community=None):
    """The member organisations of the site's health community (or of `community`), for the
    sign-up form."""
    from samhandling.organisations.models import HealthCommunity, Organisation

    if community is None and site is not None:
        community = HealthCommunity.objects.filter(site=site).first()
    if community is None:
        return Organisation.objects.none()
    return community.members.filter(is_active=True).order_by("name")


def waiting_position(*, registration: Registration) -> int | None:
    """Where the registration stands on the waiting list now (1 is next)."""
    if registration.status != RegistrationStatus.WAITING or registration.position is None:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITING,
        position__lt=registration.position,
    ).count()
    return ahead + 1


def event_registrations(*, event: EventPage):
    return (
        Registration.objects.filter(event_id=event.pk)
        .select_related("organisation")
        .order_by("status", "position", "created")
    )


CHANGE_FIELDS = ("start", "end", "venue_name", "venue_address", "venue_city", "format")


def _program_json(event: EventPage) -> str:
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.dumps(event.program.get_prep_value(), sort_keys=True, cls=DjangoJSONEncoder)


def event_changes(*, before: EventPage, after: EventPage) -> list[str]:
    """The participant-relevant fields (time, venue, program) that differ between two versions."""
    changed = [field for field in CHANGE_FIELDS if getattr(before, field) != getattr(after, field)]
    if _program_json(before) != _program_json(after):
        changed.append("program")
    return changed


def previous_live_version(*, event: EventPage) -> EventPage | None:
    """The event as it was when it was published the time before the current live revision."""
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(
            page_id=event.pk, action="wagtail.publish", revision__isnull=False
        )
        .exclude(revision_id=event.live_revision_id)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return None
    return entry.revision.as_object()


def active_registration_count(*, event: EventPage) -> int:
    return Registration.objects.filter(event_id=event.pk, status__in=ACTIVE_STATUSES).count()


def broadcast_recipients(*, page) -> list[Registration]:
    """Who a message to the participants of an event or of a series (`page`) goes to: one active
    registration per e-mail address (the earliest), so that nobody gets the message twice."""
    from .models import EventSeriesPage

    page = page.specific
    if isinstance(page, EventSeriesPage):
        events = EventPage.objects.child_of(page).values("pk")
    else:
        events = EventPage.objects.filter(pk=page.pk).values("pk")
    registrations = (
        Registration.objects.filter(event_id__in=events, status__in=ACTIVE_STATUSES)
        .select_related("event", "organisation")
        .order_by("pk")
    )
    first_per_address: dict[str, Registration] = {}
    for registration in registrations:
        first_per_address.setdefault(registration.email.lower(), registration)
    return list(first_per_address.values())
