"""The sites (one per helsefellesskap) that the `site` parameter of every list can name."""

from django.http import HttpResponse
from ninja import Query, Router, Schema
from wagtail.models import Site

from .common import Paging, list_of, paginate, responses

router = Router(tags=["sites"])


class SiteOut(Schema):
    id: int
    hostname: str
    port: int
    name: str
    language: str | None
    url: str


SiteList = list_of(SiteOut, "SiteList")


def _site_out(site: Site) -> SiteOut:
    community = getattr(site, "health_community", None)
    return SiteOut(
        id=site.pk,
        hostname=site.hostname,
        port=site.port,
        name=community.name if community else site.site_name,
        language=community.default_language if community else None,
        url=site.root_url,
    )


@router.get("/sites", response=responses(SiteList), summary="Sites of this installation")
def list_sites(request, response: HttpResponse, paging: Query[Paging]):
    """Every site (helsefellesskap) served here, by host name. Give a site's host name or id as
    the `site` parameter of the other lists."""
    sites = Site.objects.select_related("health_community").order_by("hostname", "port")
    return paginate(request, response, sites, paging, convert=_site_out)
