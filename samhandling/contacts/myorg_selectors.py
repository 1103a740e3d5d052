"""Reads for "Min organisasjon": what one organisation has done in the health community of one
site, for its contacts. Every part is a fixed number of queries whatever the number of rows
(tests/myorg/test_queries.py), and nothing here writes."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.core.visibility import public_live
from samhandling.events.models import (
    ACTIVE_STATUSES,
    APPROVAL_KINDS,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from samhandling.events.selectors import EventState, event_state
from samhandling.organisations.models import Organisation

from .selectors import contact_organisations


def contact_organisation(*, user, organisation_id: int) -> Organisation | None:
    """The organisation if `user` is an active contact of it, else None (the view answers 404)."""
    return contact_organisations(user=user).filter(pk=organisation_id).first()


def my_organisations(*, user) -> list[Organisation]:
    return list(contact_organisations(user=user).order_by("name", "pk"))


# --- sign-ups ------------------------------------------------------------------------------------


@dataclass
class EventSignups:
    event: EventPage
    state: EventState
    series: EventSeriesPage | None
    registrations: list = field(default_factory=list)  # the organisation's, active first
    confirmed: int = 0  # the event's confirmed seats (all organisations)

    @property
    def seats_left(self) -> int | None:
        if self.event.capacity is None:
            return None
        return max(self.event.capacity - self.confirmed, 0)

    @property
    def changeable(self) -> bool:
        """Sign-ups of the event may still be replaced or cancelled."""
        return self.state.code not in ("past", "cancelled")


@dataclass
class SeriesQuota:
    series: EventSeriesPage
    used: int = 0  # the organisation's active places across the series (press not counted)

    @property
    def cap(self) -> int | None:
        return self.series.max_per_organisation

    @property
    def left(self) -> int | None:
        return None if self.cap is None else max(self.cap - self.used, 0)


@dataclass
class Signups:
    events: list[EventSignups]  # upcoming events, and past ones the organisation took part in
    quotas: list[SeriesQuota]  # the series of those events

    @property
    def open_events(self) -> list[EventSignups]:
        """Events a colleague can be signed up for now."""
        return [item for item in self.events if item.state.accepts_signups]


def _ends(event: EventPage) -> datetime:
    return event.end or event.start


def organisation_signups(*, organisation, root, now=None) -> Signups:
    """The organisation's sign-ups across the events below `root` (a site's home page), with
    each series' quota: four queries."""
    now = now or timezone.now()
    own = Registration.objects.filter(organisation=organisation)
    events = list(
        public_live(EventPage.objects.descendant_of(root))
        .filter(
            Q(start__gte=now)
            | Q(end__gte=now)
            | Q(pk__in=own.filter(status__in=ACTIVE_STATUSES).values("event_id"))
        )
        .order_by("start", "pk")
    )
    by_id = {event.pk: event for event in events}
    registrations = list(
        own.filter(event_id__in=list(by_id)).order_by("event_id", "status", "position", "created")
    )
    confirmed = dict(
        Registration.objects.filter(event_id__in=list(by_id), status=RegistrationStatus.CONFIRMED)
        .values_list("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    )
    series_paths = {event.path[: -event.steplen] for event in events}
    series = {s.path: s for s in EventSeriesPage.objects.filter(path__in=series_paths)}
    items = {}
    for event in events:
        taken = confirmed.get(event.pk, 0)
        items[event.pk] = EventSignups(
            event=event,
            state=event_state(event=event, now=now, taken=taken),
            series=series.get(event.path[: -event.steplen]),
            confirmed=taken,
        )
    for registration in registrations:
        registration.event = by_id[registration.event_id]
        registration.organisation = organisation
        items[registration.event_id].registrations.append(registration)
    for item in items.values():
        item.registrations.sort(key=lambda r: (not r.is_active, r.position or 0, r.created))
    quotas = {s.pk: SeriesQuota(series=s) for s in series.values()}
    # Places across the whole series, past events included, as the sign-up rules count them.
    series_events = _series_event_ids(list(series.values()))
    counted = (
        Registration.objects.filter(
            organisation=organisation,
            event_id__in=list(series_events),
            status__in=ACTIVE_STATUSES,
        )
        .exclude(kind__in=APPROVAL_KINDS)
        .values_list("event_id", flat=True)
    )
    for event_id in counted:
        quotas[series_events[event_id]].used += 1
    shown = [items[event.pk] for event in events if event.pk in items]
    shown = [item for item in shown if _ends(item.event) >= now or item.registrations]
    return Signups(events=shown, quotas=list(quotas.values()))


def _series_event_ids(series_list: list) -> dict[int, int]:
    """{event id: series id} for every event below the given series (one query)."""
    if not series_list:
        return {}
    by_path = {s.path: s.pk for s in series_list}
    wanted = Q()
    for s in series_list:
        wanted |= Q(path__startswith=s.path, depth=s.depth + 1)
    rows = EventPage.objects.filter(wanted).values_list("pk", "path")
    steplen = EventPage.steplen
    return {pk: by_path[path[:-steplen]] for pk, path in rows if path[:-steplen] in by_path}


def organisation_registration(*, organisation, registration_id: int, root):
    """One of the organisation's sign-ups at an event of this site, or None (a 404)."""
    return (
        Registration.objects.select_related("event", "organisation")
        .filter(
            pk=registration_id,
            organisation=organisation,
            event__in=EventPage.objects.descendant_of(root).values("pk"),
        )
        .first()
    )


def signup_event(*, root, event_id: int) -> EventPage | None:
    return public_live(EventPage.objects.descendant_of(root)).filter(pk=event_id).first()


# --- hearings ------------------------------------------------------------------------------------

NOT_STARTED, DRAFT, SUBMITTED, PUBLISHED = "not_started", "draft", "submitted", "published"
RESPONSE_STATES = {
    NOT_STARTED: _("Not started"),
    DRAFT: _("Draft: waiting for the e-mail address to be confirmed"),
    SUBMITTED: _("Submitted"),
    PUBLISHED: _("Submitted and published"),
}
RESPONSE_COLOURS = {
    NOT_STARTED: "warning",
    DRAFT: "info",
    SUBMITTED: "success",
    PUBLISHED: "success",
}


@dataclass
class HearingItem:
    hearing: object
    response: object | None
    state: str
    deadline: datetime
    open: bool
    has_opened: bool = True

    @property
    def state_label(self) -> str:
        return str(RESPONSE_STATES[self.state])

    @property
    def colour(self) -> str:
        return RESPONSE_COLOURS[self.state]

    @property
    def can_answer(self) -> bool:
        return self.open and self.state in (NOT_STARTED, DRAFT)


def _site_hearings(root):
    from samhandling.hearings.pages import HearingPage

    return HearingPage.objects.live().public().descendant_of(root)


def _invited_hearings(*, organisation, root, site):
    from samhandling.hearings.pages import InvitedOrganisation

    member = Organisation.objects.filter(pk=organisation.pk, health_communities__site=site)
    invited = Q(
        pk__in=InvitedOrganisation.objects.filter(organisation=organisation).values("hearing_id")
    )
    if member.exists():
        invited |= Q(invite_members=True)
    return _site_hearings(root).filter(invited)


def organisation_hearings(*, organisation, root, site, now=None) -> list[HearingItem]:
    """The hearings below `root` the organisation is invited to (or has answered), newest first,
    each with the state of its response and its deadline (with an extension): five queries."""
    from samhandling.hearings.choices import ResponseStatus
    from samhandling.hearings.pages import end_of_day
    from samhandling.hearings.responses import DeadlineExtension, HearingResponse

    now = now or timezone.now()
    answered = HearingResponse.objects.filter(organisation=organisation).exclude(
        status=ResponseStatus.WITHDRAWN
    )
    invited = _invited_hearings(organisation=organisation, root=root, site=site)
    hearings = list(
        (invited | _site_hearings(root).filter(pk__in=answered.values("hearing_id")))
        .distinct()
        .order_by("-deadline", "-pk")
    )
    ids = [h.pk for h in hearings]
    responses: dict[int, object] = {}
    for response in answered.filter(hearing_id__in=ids).order_by("created_at"):
        current = responses.get(response.hearing_id)
        if current is None or response.status == ResponseStatus.CONFIRMED:
            responses[response.hearing_id] = response
    extensions = dict(
        DeadlineExtension.objects.filter(hearing_id__in=ids, organisation=organisation).values_list(
            "hearing_id", "deadline"
        )
    )
    items = []
    for hearing in hearings:
        response = responses.get(hearing.pk)
        deadline = hearing.closes_at
        if hearing.pk in extensions:
            deadline = max(deadline, end_of_day(extensions[hearing.pk]))
        opened = timezone.localtime(now).date() >= hearing.opens_on
        if response is None:
            state = NOT_STARTED
        elif response.status != ResponseStatus.CONFIRMED:
            expired = response.link_expires_at is not None and now > response.link_expires_at
            state = NOT_STARTED if expired else DRAFT
            response = None if expired else response
        elif hearing.responses_public and not response.withheld:
            state = PUBLISHED
        else:
            state = SUBMITTED
        items.append(
            HearingItem(
                hearing=hearing,
                response=response,
                state=state,
                deadline=deadline,
                open=opened and now <= deadline,
                has_opened=opened,
            )
        )
    return items


def organisation_hearing(*, organisation, root, site, hearing_id: int):
    """One hearing of this site the organisation is invited to, or None (a 404)."""
    return (
        _invited_hearings(organisation=organisation, root=root, site=site)
        .filter(pk=hearing_id)
        .first()
    )


# --- input, committees, agreements ---------------------------------------------------------------

INPUT_LIMIT = 50


def organisation_input(*, organisation, root) -> list:
    """Input sent by the organisation's participants at events below `root`, newest first."""
    from samhandling.inputs.models import Input

    events = EventPage.objects.descendant_of(root).values("pk")
    return list(
        Input.objects.filter(registration__organisation=organisation, event_id__in=events)
        .select_related("event")
        .order_by("-created_at", "-pk")[:INPUT_LIMIT]
    )


def organisation_memberships(*, organisation, root, today=None) -> tuple[list, list]:
    """(current, former) memberships of the organisation's people in committees below `root`."""
    from samhandling.committees.pages import CommitteePage
    from samhandling.committees.people import Membership

    today = today or timezone.localdate()
    committees = CommitteePage.objects.live().public().descendant_of(root).values("pk")
    memberships = list(
        Membership.objects.filter(
            organisation=organisation, committee_id__in=committees, term_start__lte=today
        )
        .select_related("person", "committee")
        .order_by("committee__title", "person__name", "pk")
    )
    current = [m for m in memberships if m.term_end is None or m.term_end >= today]
    former = [m for m in memberships if m.term_end is not None and m.term_end < today]
    former.sort(key=lambda m: m.term_end, reverse=True)
    return current, former


@dataclass
class VersionAdoption:
    version: object
    adoption: object | None


def organisation_adoptions(*, organisation, root) -> list[VersionAdoption]:
    """Each agreement version below `root` (drafts left out), with the organisation's adoption
    of it or None: two queries."""
    from samhandling.agreements.choices import VersionStatus
    from samhandling.agreements.pages import AgreementPage
    from samhandling.agreements.versions import Adoption, AgreementVersion

    agreements = AgreementPage.objects.live().public().descendant_of(root).values("pk")
    versions = list(
        AgreementVersion.objects.filter(agreement_id__in=agreements)
        .exclude(status=VersionStatus.DRAFT)
        .select_related("agreement")
        .order_by("agreement__path", "-dated", "-pk")
    )
    adoptions = {
        a.version_id: a
        for a in Adoption.objects.filter(
            organisation=organisation, version_id__in=[v.pk for v in versions]
        )
    }
    return [VersionAdoption(version=v, adoption=adoptions.get(v.pk)) for v in versions]
