"""Wagtail finds the page of an address by walking the page tree from the site's home page: the
home page, its locale, then a child and its specific row for every level, so a committee five
levels down costs some ten queries before its own content is read.

This middleware remembers, per site and address, which page an anonymous GET found (its id and
type) in the structure cache, whose version every publication, unpublication, move, deletion
and change of a view restriction bumps. On the next request the page is read with one query and
Wagtail's own `route` of that page is used (so an unpublished page still answers 404 and a
routable page its index view); view restrictions, `serve` and the hooks run as before. Only
addresses that are exactly a page's own address are remembered (never a routable page's
sub-address nor anything a client makes up), so the entries are bounded by the pages (times
the interface languages: Wagtail routes from the home page's translation in the active one)."""

from django.apps import apps
from django.http import Http404
from django.utils.translation import get_language

from .sites import site_for_request, site_root_for_request
from .structure_cache import peek, remember

NAME = "page-route"


class CachedPageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        site = site_for_request(request)
        if site is None:
            return self.get_response(request)
        # Wagtail routes from the home page's translation in the active language.
        path = request.path_info
        language = get_language()
        known = peek(NAME, site.pk, language, path)
        if known is not None:
            _route_to(request, *known)
        response = self.get_response(request)
        if known is None:
            _remember_route(request, site, language, path)
        return response


def _route_to(request, page_id: int, model_label: str) -> None:
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return
    page = model.objects.filter(pk=page_id).first()
    if page is None:  # deleted since: let Wagtail walk the tree
        return
    try:
        request._wagtail_route_for_request = page.route(request, [])
    except Http404:
        request._wagtail_route_for_request = None


def _remember_route(request, site, language: str, path: str) -> None:
    route = getattr(request, "_wagtail_route_for_request", None)
    root = site_root_for_request(request)
    if route is None or root is None:
        return
    page = route[0]
    if page.url_path == root.url_path + path.lstrip("/"):
        remember(NAME, site.pk, language, path, value=(page.pk, page._meta.label))
