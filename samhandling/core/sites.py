from wagtail.models import Site


def site_for_request(request) -> Site | None:
    if not hasattr(request, "_samhandling_site"):
        try:
            request._samhandling_site = Site.find_for_request(request)
        except Exception:  # noqa: BLE001 - a broken database must not hide the error page
            request._samhandling_site = None
    return request._samhandling_site


def community_for_request(request):
    if not hasattr(request, "_samhandling_community"):
        site = site_for_request(request)
        community = None
        if site is not None:
            from samhandling.organisations.models import HealthCommunity

            community = (
                HealthCommunity.objects.select_related("logo", "accessibility_statement")
                .filter(site=site)
                .first()
            )
        request._samhandling_community = community
    return request._samhandling_community


def site_root_for_request(request):
    """The site's home page (as a plain Page: path, depth and title), read once per request."""
    if not hasattr(request, "_samhandling_site_root"):
        site = site_for_request(request)
        request._samhandling_site_root = site.root_page if site is not None else None
    return request._samhandling_site_root
