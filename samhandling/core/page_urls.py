"""Wagtail's `Page.get_url_parts` without its most expensive steps on every link: it activates
the page's language and reverses `wagtail_serve` for each page linked (`pageurl`), some hundred
times on a committee page. The reversed path depends only on the URLconf, the script prefix, the
language and the page's path below its site's root, so it is kept per process for those
(`lru_cache`); everything else is Wagtail's own logic, and anything unusual (a page on more than
one site, no site) goes to Wagtail unchanged.

Wagtail reads its site root paths from the cache once per object it is given to keep them on
(the request, or each page linked when no request is given); here they are read once per
request (`_root_paths_holder`), and kept on the request too for Wagtail's own lookups."""

from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from wagtail.coreutils import WAGTAIL_APPEND_SLASH, get_supported_content_language_variant

from .structure_cache import for_this_request, immutable

_NOT_ROUTABLE = object()


@lru_cache(maxsize=16384)
def _serve_path(urlconf, script_prefix: str, language: str, below_root: str):
    try:
        with translation.override(language):
            return reverse("wagtail_serve", args=(below_root,), urlconf=urlconf)
    except NoReverseMatch:
        return _NOT_ROUTABLE


class _RootPathsHolder:
    """Where Wagtail keeps the site root paths it read (`_wagtail_cached_site_root_paths`)."""


def site_root_paths() -> tuple:
    """Wagtail's site root paths, kept in the process under the structure's version: the version
    is bumped whenever Wagtail forgets its own copy (a site saved or deleted, a site's root page
    saved, published or moved, a locale saved), so a request reads them from the shared cache
    only when they may have changed."""
    from wagtail.models import Site

    return immutable("site-root-paths", build=lambda: tuple(Site.get_site_root_paths()))


def root_paths_kept_on(request) -> None:
    """Keep this request's site root paths on the request (`sites.site_for_request` calls this
    as a request starts), for links made with the request and without it alike."""
    request._wagtail_cached_site_root_paths = site_root_paths()
    for_this_request("site-root-paths", lambda: request)


def _holder(request):
    holder = request if request is not None else _RootPathsHolder()
    if not hasattr(holder, "_wagtail_cached_site_root_paths"):
        holder._wagtail_cached_site_root_paths = site_root_paths()
    return holder


def url_parts(page, request, wagtail_get_url_parts):
    """(site id, site root URL, page path) as `wagtail_get_url_parts(request)` would return."""
    holder = for_this_request("site-root-paths", lambda: _holder(request))
    possible = page._get_relevant_site_root_paths(holder)
    # Wagtail's `get_url` reads them again from the object it was given (the page if no request):
    # it finds them there.
    kept_on = page if request is None else request
    if kept_on is not holder and not hasattr(kept_on, "_wagtail_cached_site_root_paths"):
        kept_on._wagtail_cached_site_root_paths = holder._wagtail_cached_site_root_paths
    if not possible or len({values[0] for values in possible}) > 1:
        return wagtail_get_url_parts(request)
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return wagtail_get_url_parts(request)
    site_id, root_path, root_url, language_code = possible[0]
    active = translation.get_language()
    try:
        if get_supported_content_language_variant(active) == language_code:
            language_code = active
    except LookupError:
        pass
    path = _serve_path(
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        language_code,
        page.url_path[len(root_path) :],
    )
    if path is _NOT_ROUTABLE:
        return (site_id, None, None)
    if not WAGTAIL_APPEND_SLASH and path != "/":
        path = path.rstrip("/")
    return (site_id, root_url, path)
