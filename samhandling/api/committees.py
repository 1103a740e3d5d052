"""Committees (utval) of a site with their current members, as the committee pages show them:
a person's e-mail address only where the person has agreed to show it."""

from datetime import date

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from samhandling.committees.choices import CommitteeLevel, MemberRole, Represents
from samhandling.committees.models import CommitteeIndexPage, CommitteePage, Membership

from .common import (
    IdFilter,
    ObjectId,
    OrganisationRef,
    Paging,
    SiteFilter,
    get_or_404,
    list_of,
    organisation_ref,
    page_url,
    pages_of_site,
    paginate,
    resolve_site,
    responses,
    rich_text,
)

router = Router(tags=["committees"])


class CommitteeOut(Schema):
    id: int
    title: str
    short_name: str
    level: str = Field(description=f"One of {', '.join(CommitteeLevel.values)}.")
    lead: str
    url: str
    language: str
    parent: int | None = Field(description="The id of the committee it belongs under, if any.")
    papers_public: bool = Field(description="Whether its meetings' case papers are public.")


class PersonOut(Schema):
    id: int
    name: str
    title: str
    email: str = Field(description="Only when the person has agreed to show it; else empty.")
    url: str | None = Field(description="The person's page on the site.")


class MemberOut(Schema):
    person: PersonOut
    role: str = Field(description=f"One of {', '.join(MemberRole.values)}.")
    represents: str = Field(description=f"One of {', '.join(Represents.values)}.")
    organisation: OrganisationRef | None
    term_start: date
    term_end: date | None


class CommitteeDetailOut(CommitteeOut):
    mandate: str = Field(description="HTML.")
    contact: str = Field(description="HTML.")
    members: list[MemberOut] = Field(description="Current members, leader first.")
    subcommittees: list[int]


CommitteeList = list_of(CommitteeOut, "CommitteeList")


class CommitteeFilter(Schema):
    level: str | None = Field(None, description="Only committees of this level.")
    organisation: int | None = IdFilter(
        "Only committees where this organisation has a current member."
    )


def committees_of_site(site) -> QuerySet:
    return pages_of_site(CommitteePage, site).select_related("locale").order_by("path")


def _committee_fields(committee: CommitteePage, request, *, parent: int | None) -> dict:
    return {
        "id": committee.pk,
        "title": committee.title,
        "short_name": committee.short_name,
        "level": committee.level,
        "lead": committee.lead,
        "url": page_url(committee, request),
        "language": committee.locale.language_code,
        "parent": parent,
        "papers_public": committee.papers_public,
    }


def _parents(committees: QuerySet) -> dict[str, int]:
    """Committee ids by tree path, to find each one's parent committee without a query each."""
    return dict(committees.values_list("path", "pk"))


@router.get("/committees", response=responses(CommitteeList), summary="Committees of a site")
def list_committees(
    request,
    response: HttpResponse,
    paging: Query[Paging],
    where: Query[SiteFilter],
    filters: Query[CommitteeFilter],
):
    """The published committees of the site, in the order of the committee structure."""
    committees = committees_of_site(resolve_site(request, where.site))
    by_path = _parents(committees)
    if filters.level:
        committees = committees.filter(level=filters.level)
    if filters.organisation is not None:
        with_member = Membership.objects.current().filter(organisation_id=filters.organisation)
        committees = committees.filter(pk__in=with_member.values("committee_id"))

    def convert(committee):
        parent = by_path.get(committee.path[: -committee.steplen])
        return CommitteeOut(**_committee_fields(committee, request, parent=parent))

    return paginate(request, response, committees, paging, convert=convert)


def _person_url(structure, person, request) -> str | None:
    if structure is None:
        return None
    return request.build_absolute_uri(structure.person_url(person, request))


def _members(committee: CommitteePage, request) -> list[MemberOut]:
    structure = CommitteeIndexPage.objects.ancestor_of(committee).live().last()
    order = {role: n for n, role in enumerate(MemberRole.values)}
    memberships = sorted(
        committee.memberships.current().select_related("person", "organisation"),
        key=lambda m: (order.get(m.role, len(order)), m.person.name),
    )
    return [
        MemberOut(
            person=PersonOut(
                id=m.person.pk,
                name=m.person.name,
                title=m.person.title,
                email=m.person.public_email,
                url=_person_url(structure, m.person, request),
            ),
            role=m.role,
            represents=m.represents,
            organisation=organisation_ref(m.organisation),
            term_start=m.term_start,
            term_end=m.term_end,
        )
        for m in memberships
    ]


@router.get(
    "/committees/{id:committee_id}",
    response=responses(CommitteeDetailOut),
    summary="One committee with its current members",
)
def get_committee(request, where: Query[SiteFilter], committee_id: int = ObjectId()):
    committees = committees_of_site(resolve_site(request, where.site))
    committee = get_or_404(committees, pk=committee_id)
    by_path = _parents(committees)
    subcommittees = committees.child_of(committee).values_list("pk", flat=True)
    return CommitteeDetailOut(
        **_committee_fields(
            committee, request, parent=by_path.get(committee.path[: -committee.steplen])
        ),
        mandate=rich_text(committee.mandate),
        contact=rich_text(committee.contact),
        members=_members(committee, request),
        subcommittees=list(subcommittees),
    )
