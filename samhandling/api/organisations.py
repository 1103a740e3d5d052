"""Organisations of a site's health community: its owner and member organisations. Their
e-mail addresses are left out (the site shows none)."""

from django.db.models import Q
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from samhandling.organisations.models import HealthCommunity, Organisation, OrganisationKind

from .common import (
    ObjectId,
    Paging,
    SiteFilter,
    get_or_404,
    list_of,
    paginate,
    resolve_site,
    responses,
)

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    sami_name: str = Field(description="The Sámi name, where one is in official use.")
    kind: str = Field(description=f"One of {', '.join(OrganisationKind.values)}.")
    municipality_number: str | None
    county: str
    written_standard: str = Field(
        description="A municipality's chosen written standard: nynorsk, bokmal, noytral, or "
        "empty when not recorded."
    )
    website: str
    parent: int | None = Field(description="The id of the organisation it is part of.")
    active: bool
    owns_community: bool = Field(description="Whether it owns the site's health community.")


OrganisationList = list_of(OrganisationOut, "OrganisationList")


class OrganisationFilter(Schema):
    kind: str | None = Field(None, description="Only this kind (kommune, helseforetak, …).")


def organisations_of_site(site):
    community = HealthCommunity.objects.filter(site=site).first()
    if community is None:
        return Organisation.objects.none(), None
    members = Organisation.objects.filter(
        Q(pk__in=community.members.values("pk")) | Q(pk=community.owner_id)
    )
    return members.order_by("name", "pk"), community


def _organisation_out(organisation: Organisation, community) -> OrganisationOut:
    return OrganisationOut(
        id=organisation.pk,
        name=organisation.name,
        sami_name=organisation.sami_name,
        kind=organisation.kind,
        municipality_number=organisation.municipality_number,
        county=organisation.county,
        written_standard=organisation.written_standard,
        website=organisation.website,
        parent=organisation.parent_id,
        active=organisation.is_active,
        owns_community=community is not None and community.owner_id == organisation.pk,
    )


@router.get(
    "/organisations",
    response=responses(OrganisationList),
    summary="Organisations of a site's health community",
)
def list_organisations(
    request,
    response: HttpResponse,
    paging: Query[Paging],
    where: Query[SiteFilter],
    filters: Query[OrganisationFilter],
):
    """The owner and member organisations of the site's health community, by name."""
    organisations, community = organisations_of_site(resolve_site(request, where.site))
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    return paginate(
        request,
        response,
        organisations,
        paging,
        convert=lambda o: _organisation_out(o, community),
    )


@router.get(
    "/organisations/{id:organisation_id}",
    response=responses(OrganisationOut),
    summary="One organisation",
)
def get_organisation(request, where: Query[SiteFilter], organisation_id: int = ObjectId()):
    organisations, community = organisations_of_site(resolve_site(request, where.site))
    organisation = get_or_404(organisations, pk=organisation_id)
    return _organisation_out(organisation, community)
