"""Wagtail finds the page of an address by walking the page tree from the site's home page: the
home page, its locale, then a child and its specific row for every level, so a committee five
levels down costs some ten queries before its own content is read.

This middleware remembers, per site and address, which page an anonymous GET found (its id and
type) in the structure cache, whose version every publication, unpublication, move, deletion
and change of a view restriction bumps. On the next request the page is read with one query and
Wagtail's own `route` of that page is used (so an unpublished page still answers 404 and a
routable page its index view); view restrictions, `serve` and the hooks run as before. Only a
page's own address is remembered (a routable page's sub-addresses, such as a person page, are
found through it; nothing a client makes up is kept), so the entries are bounded by the pages
(times the interface languages: Wagtail routes from the home page's translation in the active
one)."""

from django.apps import apps
from django.http import Http404
from django.utils.translation import get_language

from .compiled_queries import first_by
from .sites import site_for_request, site_root_for_request
from .structure_cache import peek, remember

NAME = "page-route"


# How many path components a routable page's sub-address adds at most (person/<id>/).
SUB_ADDRESS_DEPTH = 3


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
        language = get_language()
        found = _known_route(site.pk, language, request.path_info)
        if found is not None:
            _route_to(request, *found)
        response = self.get_response(request)
        if found is None or found[2]:  # found through a routable page above: maybe a page below
            _remember_route(request, site, language, known_id=found[0] if found else None)
        return response


def _known_route(site_id: int, language: str, path: str):
    """(page id, model label, the components below the page) for the address, or None."""
    known = peek(NAME, site_id, language, path)
    if known is not None:
        return known[0], known[1], []
    components = [part for part in path.split("/") if part]
    for cut in range(1, min(SUB_ADDRESS_DEPTH, len(components)) + 1):
        prefix = "/" + "".join(f"{part}/" for part in components[:-cut])
        known = peek(NAME, site_id, language, prefix)
        if known is not None:
            page_id, label, routable = known
            return (page_id, label, components[-cut:]) if routable else None
    return None


def _route_to(request, page_id: int, model_label: str, rest: list[str]) -> None:
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return
    page = _page_by_id(model, page_id)
    if page is None:  # deleted since: let Wagtail walk the tree
        return
    try:
        request._wagtail_route_for_request = page.route(request, rest)
    except Http404:
        request._wagtail_route_for_request = None


def _page_by_id(model, page_id: int):
    """`model.objects.filter(pk=page_id).first()`, through SQL compiled once per model (a page
    type's query, a join and some fifty columns, costs more to build than to run)."""
    return first_by(model, value=page_id)


def _remember_route(request, site, language: str, known_id: int | None = None) -> None:
    """Remember the address of the page Wagtail found; `known_id`: the routable page the address
    was found through, whose own address is remembered already (its sub-addresses answer from it,
    so they write nothing)."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    route = getattr(request, "_wagtail_route_for_request", None)
    root = site_root_for_request(request)
    if route is None or root is None:
        return
    page = route[0]
    if page.pk == known_id:
        return
    if not page.url_path.startswith(root.url_path):
        return
    own_address = "/" + page.url_path[len(root.url_path) :]
    routable = isinstance(page, RoutablePageMixin)
    if request.path_info == own_address or (routable and request.path_info.startswith(own_address)):
        remember(NAME, site.pk, language, own_address, value=(page.pk, page._meta.label, routable))
