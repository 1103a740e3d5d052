from django.conf import settings

from .sites import community_for_request, site_for_request, site_root_for_request


def community(request):
    site = site_for_request(request)
    return {
        "community": community_for_request(request),
        "current_site": site,
        "site_root": site_root_for_request(request),
        "interface_languages": settings.LANGUAGES,
    }
