"""Reads for the public hearing pages: the index grouped open / upcoming / closed with its filter,
the invited bodies, the links of a hearing (decision, agreement, rounds) and the page's context.
The published responses are read in publication.py (re-exported here)."""

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from samhandling.core.compiled_lists import compiled_list
from samhandling.core.fragment_cache import kept_instance
from samhandling.core.visibility import hidden_paths, live_and_not_below, published

from .choices import HearingState
from .pages import HearingPage
from .publication import published_responses, responses_by_section

__all__ = [
    "HearingGroups",
    "InvitedBodies",
    "hearing_groups",
    "hearing_page_context",
    "hearing_years",
    "hearings_below",
    "hearings_of_agreement",
    "invited_bodies",
    "published_responses",
    "responses_by_section",
    "state_colour",
]

# The colour of each state's badge (Designsystemet's data-color).
# The columns a page needs to be listed as a link (`pageurl`, `lang_attr`, its title, the page
# cache's tags): the rest of Wagtail's wide page row is not read for a list.
PAGE_LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "locale_id", "live")
# The columns `{% organisation_link %}` reads (its name, Sámi name and the language of that).
ORGANISATION_LINK_FIELDS = ("id", "name", "sami_name", "municipality_number")

STATE_COLOURS = {
    HearingState.UPCOMING: "info",
    HearingState.OPEN: "success",
    HearingState.CLOSED: "neutral",
    HearingState.PROCESSING: "warning",
    HearingState.DECIDED: "accent",
}
CLOSED_STATES = (HearingState.CLOSED, HearingState.PROCESSING, HearingState.DECIDED)


def state_colour(state: str) -> str:
    return STATE_COLOURS.get(state, "neutral")


@dataclass(frozen=True)
class ListedHearing:
    page: HearingPage
    state: str

    @property
    def state_label(self) -> str:
        return HearingState(self.state).label

    @property
    def colour(self) -> str:
        return state_colour(self.state)

    @property
    def is_open(self) -> bool:
        return self.state == HearingState.OPEN


@dataclass
class HearingGroups:
    open: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    closed: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.open) + len(self.upcoming) + len(self.closed)


# What the index's list shows, groups and sorts by: the link, the lead, the period, the outcome.
LISTED_HEARING_FIELDS = (*PAGE_LINK_FIELDS, "lead", "opens_on", "deadline", "outcome", "locale")


def hearings_below(*, root, listed: bool = False) -> list[HearingPage]:
    """The live, public hearings below `root` (an index or a site's root page); with `listed`,
    only what the index's list reads of them (`LISTED_HEARING_FIELDS`), in a query whose SQL is
    compiled once per process (`core.compiled_lists`)."""
    if listed:
        restricted, unpublished, _aliases = hidden_paths()
        hidden = (*restricted, *unpublished)
        return compiled_list(
            "hearings.below.listed",
            hidden,
            partial(_listed_hearings_below, hidden=hidden),
            path=root.path,
            depth=root.depth,
            root_id=root.pk,
        )
    pages = published(HearingPage.objects.descendant_of(root)).select_related("locale")
    return list(pages.order_by("deadline", "pk"))


def _listed_hearings_below(*, hidden, path, depth, root_id):
    """`published(HearingPage.objects.descendant_of(root))` (`hidden`: the paths it leaves out;
    the root's path, depth and id) with what the index lists of each."""
    below = Q(path__startswith=path) & Q(depth__gte=depth) & ~Q(pk=root_id)
    pages = live_and_not_below(HearingPage.objects.filter(below), hidden)
    pages = pages.select_related("locale").only(*LISTED_HEARING_FIELDS)
    return pages.order_by("deadline", "pk")


def hearing_years(hearings) -> list[int]:
    """Every year a hearing's period touches, newest first (the year filter's choices)."""
    years: set[int] = set()
    for hearing in hearings:
        years.update(range(hearing.opens_on.year, hearing.deadline.year + 1))
    return sorted(years, reverse=True)


def hearing_groups(
    *, hearings, state: str = "", year: int | None = None, now: dt.datetime | None = None
) -> HearingGroups:
    """The hearings grouped open (soonest deadline first), upcoming (soonest opening first) and
    closed (being processed and decided included; newest deadline first), kept to `state` (one
    of HearingState, "closed" meaning all three closed states) and to hearings whose period
    touches `year`."""
    now = now or timezone.now()
    groups = HearingGroups()
    for hearing in hearings:
        current = hearing.state_at(now)
        if state == HearingState.CLOSED and current not in CLOSED_STATES:
            continue
        if state and state != HearingState.CLOSED and current != state:
            continue
        if year and not (hearing.opens_on.year <= year <= hearing.deadline.year):
            continue
        listed = ListedHearing(page=hearing, state=current)
        if current == HearingState.OPEN:
            groups.open.append(listed)
        elif current == HearingState.UPCOMING:
            groups.upcoming.append(listed)
        else:
            groups.closed.append(listed)
    groups.upcoming.sort(key=lambda h: (h.page.opens_on, h.page.pk))
    groups.closed.sort(key=lambda h: (h.page.deadline, h.page.pk), reverse=True)
    return groups


# --- Invited bodies ---------------------------------------------------------------------------


# An invited organisation as the page lists it: what `{% organisation_link %}` reads of it (its
# name, Sámi name and the municipality that tells the Sámi name's language), not a model instance.
class OrganisationRow(namedtuple("OrganisationRow", ORGANISATION_LINK_FIELDS)):
    __slots__ = ()

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class InvitedBodies:
    organisations: list = field(default_factory=list)  # Organisation (or OrganisationRow), by name
    others: list[str] = field(default_factory=list)  # bodies named in free text

    @property
    def count(self) -> int:
        return len(self.organisations) + len(self.others)


def invited_bodies(*, hearing, site=None, rows: bool = False) -> InvitedBodies:
    """The invited bodies (høyringsinstansar): every member organisation of the site's health
    community when the hearing says so, the organisations chosen from the registry, and the
    bodies named in free text. With `rows`, the organisations as `OrganisationRow`s (what the
    page lists of them: a hundred model instances cost more than the rest of the page's reads)."""
    from .invitations import invited_queryset

    members = hearing.invite_members
    ids = {"hearing_id": hearing.pk}
    if members:
        ids["site_id"] = (site or hearing.get_site()).pk

    def build(hearing_id, site_id=None):
        found = invited_queryset(hearing=hearing_id, site=site_id, members=members)
        return (
            found.values(*ORGANISATION_LINK_FIELDS)
            if rows
            else found.only(*ORGANISATION_LINK_FIELDS)
        )

    # The SQL compiled once per process (`core.compiled_lists`), a shape with the members and one
    # without, each as instances and as rows.
    name = "hearings.invited.rows" if rows else "hearings.invited"
    organisations = compiled_list(name, (members,), build, **ids)
    if rows:
        organisations = [OrganisationRow(**row) for row in organisations]
    return InvitedBodies(organisations=organisations, others=hearing.invited_other_names)


def questions(*, hearing) -> list[dict]:
    """The hearing's questions in their order, as {"pk", "text", "help_text"} (what the page shows
    of them), in a query compiled once (`core.compiled_lists`)."""
    from .pages import HearingQuestion

    return compiled_list(
        "hearings.questions",
        (),
        lambda hearing_id: (
            HearingQuestion.objects.filter(hearing=hearing_id)
            .order_by("sort_order")
            .values("pk", "text", "help_text")
        ),
        hearing_id=hearing.pk,
    )


def _read_related(hearing, name: str) -> None:
    """Read the hearing's `name` (a foreign key to a record that changes only with the structure:
    its document, its agreement version) once per process and structure version
    (`fragment_cache.kept_instance`) and keep it on the hearing, as reading `hearing.<name>`
    would (the same row, every field)."""
    field = type(hearing)._meta.get_field(name)
    value = getattr(hearing, field.attname)
    if value is None or field.is_cached(hearing):
        return
    field.set_cached_value(hearing, kept_instance(field.related_model, value=value))


# --- Links -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    url: str
    label: str


def decision_links(*, hearing) -> dict:
    """The decision of a decided hearing: the case of a meeting and/or the agreement version."""
    links: dict = {"case": None, "version": None}
    case = hearing.decision_case
    if case is not None and case.meeting.live:
        label = f"{case} ({case.meeting.title})"
        anchor = f"#sak-{case.number}-{case.year}" if case.number else ""
        links["case"] = Link(url=(case.meeting.url or "") + anchor, label=label)
    version = hearing.decision_version
    if version is not None and version.agreement.live:
        links["version"] = Link(
            url=version.agreement.url or "", label=f"{version.agreement.title} – {version.label}"
        )
    return links


def agreement_link(*, hearing) -> Link | None:
    version = hearing.agreement_version
    if version is None:
        return None
    # The agreement page with only what links it (SQL compiled once, `core.compiled_lists`).
    model = type(version)._meta.get_field("agreement").related_model
    found = compiled_list(
        "hearings.agreement_link",
        (),
        lambda agreement_id: model.objects.filter(pk=agreement_id).only(*PAGE_LINK_FIELDS),
        agreement_id=version.agreement_id,
    )
    if not found or not found[0].live:
        return None
    return Link(url=found[0].url or "", label=found[0].title)


def hearings_of_agreement(*, agreement, now: dt.datetime | None = None) -> list[ListedHearing]:
    """The live hearings of the agreement's versions, newest deadline first (for the agreement
    page: "on hearing until …" or "was on hearing"), in a query built once per process."""
    now = now or timezone.now()
    restricted, unpublished, _aliases = hidden_paths()
    hidden = (*restricted, *unpublished)
    build = partial(_hearings_of_agreement, hidden=hidden)
    pages = compiled_list("hearings.of-agreement", hidden, build, agreement=agreement.pk)
    return [ListedHearing(page=page, state=page.state_at(now)) for page in pages]


def _hearings_of_agreement(*, hidden, agreement):
    """`published(HearingPage.objects.all())` (`hidden`: the paths it leaves out) of the
    agreement's versions, with what the notice shows and its state needs (the page cache's
    moments: the dates)."""
    pages = live_and_not_below(HearingPage.objects.all(), hidden)
    pages = pages.filter(agreement_version__agreement=agreement)
    pages = pages.select_related("agreement_version").order_by("-deadline", "-pk")
    return pages.only(
        *PAGE_LINK_FIELDS,
        "outcome",
        "opens_on",
        "deadline",
        "agreement_version__id",
        "agreement_version__label",
    )


def rounds(*, hearing) -> dict:
    """The earlier round (if live) and the later rounds of the same document."""
    earlier = None
    if hearing.previous_round_id:
        earlier = published(HearingPage.objects.filter(pk=hearing.previous_round_id)).first()
    # Live later rounds (one query; a later round is a sibling page of the same index), links
    # only (with the dates the page cache's moments are read from); SQL compiled once.
    later = compiled_list(
        "hearings.rounds.later",
        (),
        lambda hearing_id: (
            HearingPage.objects.live()
            .filter(previous_round=hearing_id)
            .order_by("opens_on")
            .only(*PAGE_LINK_FIELDS, "opens_on", "deadline")
        ),
        hearing_id=hearing.pk,
    )
    return {"earlier_round": earlier, "later_rounds": later}


# --- The hearing page --------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftView:
    """A section of the draft with what the published responses and comments said about it."""

    section: object  # DraftSection
    responses: list  # SectionResponse
    comments: list  # SectionComment

    @property
    def anchor(self) -> str:
        return f"del-{self.section.number}"


def hearing_page_context(*, hearing, request=None, now: dt.datetime | None = None) -> dict:
    from samhandling.core.sites import site_for_request

    from . import comment_selectors
    from .rounds import round_changes

    now = now or timezone.now()
    state = hearing.state_at(now)
    site = site_for_request(request) if request is not None else None
    # A preview shows the questions being edited (in memory, not yet saved); else they are read
    # by a query compiled once, as are the draft as a document and the agreement version.
    preview = request is None or getattr(request, "is_preview", False)
    if not preview:
        _read_related(hearing, "document")
        _read_related(hearing, "agreement_version")
    sections = hearing.draft_sections
    public = hearing.responses_public
    responses = published_responses(hearing=hearing) if public else []
    round_links = rounds(hearing=hearing)
    earlier = round_links["earlier_round"]
    by_section = responses_by_section(responses=responses, sections=sections)
    comments = (
        comment_selectors.published_comments_by_section(hearing=hearing)
        if hearing.comments_enabled
        else {}
    )
    changes = round_changes(hearing=hearing, earlier=earlier) if earlier else []
    return {
        "state": state,
        "state_label": HearingState(state).label,
        "state_colour": state_colour(state),
        "is_open": state == HearingState.OPEN,
        "sections": sections,
        # Read when the template shows them: not at all when those parts are kept
        # (`{% kept_for_page %}`, core/templatetags/kept_tags.py).
        "questions": SimpleLazyObject(
            (lambda: list(hearing.questions.all()))
            if preview
            else partial(questions, hearing=hearing)
        ),
        "invited": SimpleLazyObject(partial(invited_bodies, hearing=hearing, site=site, rows=True)),
        "decision": decision_links(hearing=hearing),
        "agreement": agreement_link(hearing=hearing),
        "responses_public": public,
        "published_responses": responses,
        "draft": [
            DraftView(
                section=section,
                responses=by_section.get(section.key, []),
                comments=comments.get(section.key, []),
            )
            for section in sections
        ],
        "round_changes": changes,
        "draft_changed": any(change.status != "unchanged" for change in changes),
        **round_links,
    }
