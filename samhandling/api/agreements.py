"""The cooperation agreement and its sub-agreements, with their versions, each party's adoption
of a version, and the revision plan, as the agreement pages show them."""

from datetime import date

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from samhandling.agreements.choices import MilestoneState, VersionStatus
from samhandling.agreements.pages import AgreementPage
from samhandling.agreements.selectors import revision_plan
from samhandling.agreements.versions import Adoption, AgreementVersion

from .common import (
    DateRange,
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

router = Router(tags=["agreements"])


class VersionSummaryOut(Schema):
    id: int
    label: str
    dated: date
    status: str = Field(description=f"One of {', '.join(VersionStatus.values)}.")
    in_force_from: date | None


class AdoptionOut(Schema):
    organisation: OrganisationRef
    adopted_on: date
    body: str = Field(description='The body that decided, e.g. "kommunestyret".')


class VersionOut(VersionSummaryOut):
    text: str = Field(description="HTML.")
    document_url: str | None
    adoptions: list[AdoptionOut]


class MilestoneOut(Schema):
    title: str
    due: date
    done_on: date | None
    description: str
    state: str = Field(description=f"One of {', '.join(MilestoneState.values)}.")


class AgreementOut(Schema):
    id: int
    title: str
    heading: str = Field(description="The official title, or the title.")
    number: int | None = Field(
        description="Null for the main agreement; 1, 2 … for sub-agreements."
    )
    parent: int | None = Field(description="The id of the agreement it is a sub-agreement of.")
    lead: str
    url: str
    language: str
    latest_version: VersionSummaryOut | None


class AgreementDetailOut(AgreementOut):
    intro: str = Field(description="HTML.")
    versions: list[VersionOut] = Field(description="Newest first.")
    revision_plan: list[MilestoneOut]
    sub_agreements: list[int]


AgreementList = list_of(AgreementOut, "AgreementList")


class AgreementFilter(Schema):
    organisation: int | None = IdFilter(
        "Only agreements of which this organisation has adopted a version."
    )


def agreements_of_site(site) -> QuerySet:
    return (
        pages_of_site(AgreementPage, site)
        .select_related("locale")
        .prefetch_related("versions")
        .order_by("path")
    )


def _summary(version) -> VersionSummaryOut:
    return VersionSummaryOut(
        id=version.pk,
        label=version.label,
        dated=version.dated,
        status=version.status,
        in_force_from=version.in_force_from,
    )


def _agreement_fields(agreement, request, by_path: dict[str, int]) -> dict:
    versions = sorted(agreement.versions.all(), key=lambda v: (v.dated, v.pk), reverse=True)
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "heading": agreement.heading,
        "number": agreement.number,
        "parent": by_path.get(agreement.path[: -agreement.steplen]),
        "lead": agreement.lead,
        "url": page_url(agreement, request),
        "language": agreement.locale.language_code,
        "latest_version": _summary(versions[0]) if versions else None,
    }


@router.get("/agreements", response=responses(AgreementList), summary="Agreements of a site")
def list_agreements(
    request,
    response: HttpResponse,
    paging: Query[Paging],
    where: Query[SiteFilter],
    dates: Query[DateRange],
    filters: Query[AgreementFilter],
):
    """The published agreements of the site, the main agreement before its sub-agreements.
    `from` and `to` keep agreements with a version dated in that period."""
    agreements = agreements_of_site(resolve_site(request, where.site))
    by_path = dict(agreements.values_list("path", "pk"))
    if dates.date_from or dates.date_to:
        dated = dates.apply(AgreementVersion.objects.all(), "dated")
        agreements = agreements.filter(pk__in=dated.values("agreement_id"))
    if filters.organisation is not None:
        adopted = Adoption.objects.filter(organisation_id=filters.organisation)
        agreements = agreements.filter(pk__in=adopted.values("version__agreement_id"))
    return paginate(
        request,
        response,
        agreements,
        paging,
        convert=lambda a: AgreementOut(**_agreement_fields(a, request, by_path)),
    )


def _version_out(version, request) -> VersionOut:
    adoptions = version.adoptions.select_related("organisation").order_by("organisation__name")
    return VersionOut(
        **_summary(version).dict(),
        text=rich_text(version.text),
        document_url=(
            request.build_absolute_uri(version.document.url) if version.document else None
        ),
        adoptions=[
            AdoptionOut(
                organisation=organisation_ref(a.organisation), adopted_on=a.adopted_on, body=a.body
            )
            for a in adoptions
        ],
    )


@router.get(
    "/agreements/{id:agreement_id}",
    response=responses(AgreementDetailOut),
    summary="One agreement with its versions, adoptions and revision plan",
)
def get_agreement(request, where: Query[SiteFilter], agreement_id: int = ObjectId()):
    agreements = agreements_of_site(resolve_site(request, where.site))
    agreement = get_or_404(agreements, pk=agreement_id)
    by_path = dict(agreements.values_list("path", "pk"))
    versions = agreement.versions.select_related("document").order_by("-dated", "-pk")
    return AgreementDetailOut(
        **_agreement_fields(agreement, request, by_path),
        intro=rich_text(agreement.intro),
        versions=[_version_out(version, request) for version in versions],
        revision_plan=[
            MilestoneOut(
                title=entry.milestone.title,
                due=entry.milestone.due,
                done_on=entry.milestone.done_on,
                description=entry.milestone.description,
                state=entry.state,
            )
            for entry in revision_plan(agreement=agreement)
        ],
        sub_agreements=list(agreements.child_of(agreement).values_list("pk", flat=True)),
    )
