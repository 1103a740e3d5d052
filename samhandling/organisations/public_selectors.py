"""Reads for the public page of an organisation (`/organisasjonar/<id>-<name>/`) and the index
of a community's organisations, and the address of that page wherever an organisation is named.

Only the member organisations and the owner of the site's health community have a page on that
site. Everything shown is what other public pages already show: committee memberships (committee
pages), published hearing responses (hearing pages), adoptions (agreement pages), and of the
events only how many confirmed participants the organisation had at each: never who.

A fixed number of queries whatever the amount of content; the organisations of a site and the
slugs of their addresses are kept in the structure cache (a change to the community or an
organisation forgets them)."""

from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify
from django.utils.translation import get_language

from samhandling.core.structure_cache import cached, immutable
from samhandling.core.visibility import published

from .models import Organisation, OrganisationKind

# The Sámi language of the official Sámi names that are not Northern Sámi (by municipality
# number): Aarborte (Hattfjelldal) is South Sámi, Hábmer (Hamarøy) Lule Sámi.
SAMI_LANGUAGE_OF_MUNICIPALITY = {"1826": "sma", "1875": "smj"}
NORTHERN_SAMI = "se"

# The order of the groups on the index.
KIND_ORDER = [
    OrganisationKind.HELSEFORETAK,
    OrganisationKind.KOMMUNE,
    OrganisationKind.RHF,
    OrganisationKind.FASTLEGAR,
    OrganisationKind.BRUKARORGANISASJON,
    OrganisationKind.OTHER,
]

_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def name_slug(name: str) -> str:
    """The readable part of the address: "Møre og Romsdal" → "more-og-romsdal"."""
    return slugify(name.translate(_LETTERS))[:80].strip("-") or "organisasjon"


def sami_language(organisation) -> str:
    """The language code of the organisation's Sámi name ("se", "smj", "sma")."""
    return SAMI_LANGUAGE_OF_MUNICIPALITY.get(organisation.municipality_number or "", NORTHERN_SAMI)


# --- which organisations a site has ---------------------------------------------------------------
def _site_slugs(site) -> dict[int, str]:
    from samhandling.core.sites import community_for_site

    community = community_for_site(site)
    if community is None:
        return {}
    ids = set(community.members.values_list("pk", flat=True)) | {community.owner_id}
    rows = Organisation.objects.filter(pk__in=ids).values_list("pk", "name")
    return {pk: name_slug(name) for pk, name in rows}


def site_organisation_slugs(*, site) -> dict[int, str]:
    """{organisation id: slug} of the organisations with a page on the site (cached)."""
    if site is None:
        return {}
    return cached("organisation-slugs", site.pk, build=lambda: _site_slugs(site))


def page_path(organisation_id: int, slug: str) -> str:
    return reverse("organisations:page", kwargs={"organisation_id": organisation_id, "slug": slug})


def _site_paths(site) -> MappingProxyType:
    slugs = site_organisation_slugs(site=site)
    return MappingProxyType({pk: page_path(pk, slug) for pk, slug in slugs.items()})


def organisation_paths(*, site) -> MappingProxyType:
    """{organisation id: path of its page} on the site in the active language (kept in the
    process under the structure's version, see `immutable`), for a list of links."""
    if site is None:
        return MappingProxyType({})
    return immutable(
        "organisation-paths",
        site.pk,
        get_language(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        build=lambda: _site_paths(site),
    )


def organisation_url(*, site, organisation_id) -> str:
    """The organisation's page on the site, or "" if it has none there. No query once the
    site's organisations are cached, and no `reverse` once their addresses are worked out for
    the language (`organisation_paths`)."""
    if not organisation_id or site is None:
        return ""
    return organisation_paths(site=site).get(organisation_id, "")


def organisation_on_site(*, site, organisation_id: int):
    """The organisation if it has a page on the site, else None."""
    if organisation_id not in site_organisation_slugs(site=site):
        return None
    return Organisation.objects.filter(pk=organisation_id).first()


# --- the index ------------------------------------------------------------------------------------
@dataclass
class KindGroup:
    kind: str
    label: str
    organisations: list


def organisations_by_kind(*, site) -> list[KindGroup]:
    """The site's organisations grouped by kind (hospital trusts, municipalities, …), by name."""
    ids = list(site_organisation_slugs(site=site))
    groups: dict[str, list] = {}
    for organisation in Organisation.objects.filter(pk__in=ids).order_by("name"):
        groups.setdefault(organisation.kind, []).append(organisation)
    labels = dict(OrganisationKind.choices)
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return [
        KindGroup(kind=kind, label=labels.get(kind, kind), organisations=found)
        for kind, found in sorted(groups.items(), key=lambda item: order.get(item[0], 99))
    ]


# --- the page -------------------------------------------------------------------------------------
@dataclass
class ResponseRow:
    hearing: object
    url: str
    received_at: object
    no_comments: bool


@dataclass
class VersionRow:
    version: object
    adoption: object | None  # the organisation's Adoption of it, or None


@dataclass
class AgreementRows:
    agreement: object
    url: str
    versions: list[VersionRow] = field(default_factory=list)


@dataclass
class EventRow:
    event: object
    url: str
    participants: int


@dataclass
class MembershipRow:
    membership: object
    person_url: str


@dataclass
class OrganisationPage:
    organisation: object
    slug: str
    sami_language: str
    current: list[MembershipRow]
    former: list[MembershipRow]
    responses: list[ResponseRow]
    agreements: list[AgreementRows]
    events: list[EventRow]
    # Page-cache tags for what the page shows besides the records it reads as instances.
    tags: list[str] = field(default_factory=list)

    @property
    def adopts_agreements(self) -> bool:
        return bool(self.agreements)


def _memberships(organisation, root_path: str, request) -> tuple[list, list]:
    from samhandling.committees.pages import CommitteeIndexPage, CommitteePage
    from samhandling.committees.people import Membership

    committees = published(CommitteePage.objects.filter(path__startswith=root_path))
    memberships = list(
        Membership.objects.filter(organisation=organisation, committee__in=committees)
        .select_related("person", "committee")
        .order_by("committee__path", "role", "person__name", "pk")
    )
    if not memberships:
        return [], []
    structures = list(published(CommitteeIndexPage.objects.filter(path__startswith=root_path)))
    structure_urls = {s.path: s.get_url(request) for s in structures}

    def person_url(membership) -> str:
        for path, url in structure_urls.items():
            if membership.committee.path.startswith(path) and url:
                return f"{url}person/{membership.person_id}/"
        return ""

    current, former = [], []
    for membership in memberships:
        row = MembershipRow(membership=membership, person_url=person_url(membership))
        (current if membership.is_current() else former).append(row)
    former.sort(key=lambda row: row.membership.term_end or row.membership.term_start, reverse=True)
    return current, former


def _responses(organisation, root_path: str, request) -> list[ResponseRow]:
    from samhandling.hearings.choices import ResponderKind, ResponseStatus
    from samhandling.hearings.pages import HearingPage
    from samhandling.hearings.responses import HearingResponse

    hearings = published(HearingPage.objects.filter(path__startswith=root_path))
    responses = (
        HearingResponse.objects.filter(
            organisation=organisation,
            kind=ResponderKind.ORGANISATION,
            status=ResponseStatus.CONFIRMED,
            withheld=False,
            hearing__in=hearings,
        )
        .select_related("hearing")
        .order_by("-hearing__deadline", "pk")
    )
    rows = []
    for response in responses:
        hearing = response.hearing
        if not hearing.responses_public:
            continue
        url = hearing.get_url(request)
        rows.append(
            ResponseRow(
                hearing=hearing,
                url=f"{url}#svar-{response.pk}" if url else "",
                received_at=response.received_at,
                no_comments=response.no_comments,
            )
        )
    return rows


def _agreements(organisation, root_path: str, request) -> list[AgreementRows]:
    from samhandling.agreements.pages import AgreementPage
    from samhandling.agreements.selectors import PARTY_KINDS
    from samhandling.agreements.versions import Adoption, AgreementVersion

    adoptions = {
        adoption.version_id: adoption
        for adoption in Adoption.objects.filter(
            organisation=organisation, version__agreement__path__startswith=root_path
        )
    }
    if organisation.kind not in PARTY_KINDS and not adoptions:
        return []  # not a party to the agreements, and has adopted none
    agreements = published(AgreementPage.objects.filter(path__startswith=root_path))
    versions = (
        AgreementVersion.objects.filter(agreement__in=agreements)
        .select_related("agreement")
        .order_by("agreement__path", "-dated", "-pk")
    )
    rows: dict[int, AgreementRows] = {}
    for version in versions:
        agreement = version.agreement
        if agreement.pk not in rows:
            rows[agreement.pk] = AgreementRows(agreement=agreement, url=agreement.get_url(request))
        rows[agreement.pk].versions.append(
            VersionRow(version=version, adoption=adoptions.get(version.pk))
        )
    return list(rows.values())


def _events(organisation, root_path: str, request) -> tuple[list[EventRow], list[str]]:
    """Per event of the site, the number of the organisation's confirmed registrations; and the
    tags of those registrations (a cancelled or moved one changes the count)."""
    from samhandling.events.models import Registration, RegistrationStatus
    from samhandling.events.pages import EventPage

    events = published(EventPage.objects.filter(path__startswith=root_path))
    rows = Registration.objects.filter(
        organisation=organisation, status=RegistrationStatus.CONFIRMED, event__in=events
    ).values_list("pk", "event_id")
    counts: Counter = Counter()
    tags = []
    for pk, event_id in rows:
        counts[event_id] += 1
        tags.append(f"events.registration:{pk}")
    if not counts:
        return [], tags
    pages = (
        EventPage.objects.filter(pk__in=list(counts)).defer_streamfields().order_by("-start", "pk")
    )
    return [
        EventRow(event=event, url=event.get_url(request), participants=counts[event.pk])
        for event in pages
    ], tags


def organisation_page_tag(organisation_id) -> str:
    """Noted by the organisation's page; purged when a membership, adoption, hearing response or
    registration of the organisation changes (organisations.public_cache)."""
    return f"organisation-page:{organisation_id}"


def organisation_page(*, site, organisation, request=None) -> OrganisationPage:
    """What the organisation's page on the site shows."""
    from samhandling.core.sites import site_root_for_request

    root = site_root_for_request(request) if request is not None else site.root_page
    root_path = root.path
    current, former = _memberships(organisation, root_path, request)
    events, tags = _events(organisation, root_path, request)
    return OrganisationPage(
        organisation=organisation,
        slug=site_organisation_slugs(site=site).get(organisation.pk, ""),
        sami_language=sami_language(organisation),
        current=current,
        former=former,
        responses=_responses(organisation, root_path, request),
        agreements=_agreements(organisation, root_path, request),
        events=events,
        tags=[organisation_page_tag(organisation.pk), *tags],
    )


def index_path() -> str:
    return reverse("organisations:index")
