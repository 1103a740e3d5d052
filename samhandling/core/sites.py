"""The site, health community and home page of a request, each read once per process and
structure version and kept in the process (`structure_cache.immutable`): every request needs all
three, and unpickling a fresh copy of each from the shared cache cost a tenth of a simple page.
They are only read, never changed, by the code that serves a page."""

import contextlib

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from .page_urls import root_paths_kept_on
from .structure_cache import immutable


def _host_allowed(request) -> bool:
    try:
        request.get_host()  # checks ALLOWED_HOSTS
    except DisallowedHost:
        return False
    return True


def site_for_request(request) -> Site | None:
    if not hasattr(request, "_samhandling_site"):
        try:
            if _host_allowed(request):
                hostname = split_domain_port(request._get_raw_host())[0]
                port = request.get_port()
                site = immutable(
                    "site", hostname, port, build=lambda: Site.find_for_request(request)
                )
            else:  # not cached: any host name a client sends would make a cache entry
                site = Site.find_for_request(request)
        except Exception:  # noqa: BLE001 - a broken database must not hide the error page
            site = None
        request._samhandling_site = site
        request._wagtail_site = site  # Wagtail's own lookups reuse it
        root_paths_kept_on(request)
    return request._samhandling_site


# The rendition of the community's logo in the header of every page (base.html).
LOGO_FILTER = "height-48"


def _community_of(site):
    from wagtail.images import get_image_model

    from samhandling.organisations.models import HealthCommunity

    community = (
        HealthCommunity.objects.select_related("logo", "accessibility_statement")
        .filter(site=site)
        .first()
    )
    if community is not None and community.logo:
        # Its rendition comes with it (made now if it was missing), so that the header costs no
        # query of its own.
        with contextlib.suppress(Exception):  # e.g. the file is gone: the tag says "not found"
            community.logo.get_rendition(LOGO_FILTER)
        images = get_image_model().objects.prefetch_renditions(LOGO_FILTER)
        community.logo = images.filter(pk=community.logo_id).first()
    return community


def community_for_site(site):
    """The site's health community (with its logo and accessibility statement), or None."""
    return immutable("community", site.pk, build=lambda: _community_of(site))


def community_for_request(request):
    if not hasattr(request, "_samhandling_community"):
        site = site_for_request(request)
        request._samhandling_community = community_for_site(site) if site is not None else None
    return request._samhandling_community


def site_root_for_request(request):
    """The site's home page (as a plain Page: path, depth and title), read once per request."""
    if not hasattr(request, "_samhandling_site_root"):
        site = site_for_request(request)
        request._samhandling_site_root = (
            immutable("site-root", site.pk, build=lambda: site.root_page) if site else None
        )
    return request._samhandling_site_root
