"""Wagtail's `Page.get_url_parts` without its most expensive steps on every link: it activates
the page's language and reverses `wagtail_serve` for each page linked (`pageurl`), some hundred
times on a committee page. The reversed path depends only on the URLconf, the script prefix, the
language and the page's path below its site's root, so it is kept per process for those
(`lru_cache`); everything else is Wagtail's own logic, and anything unusual (a page on more than
one site, no site) goes to Wagtail unchanged."""

from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from wagtail.coreutils import WAGTAIL_APPEND_SLASH, get_supported_content_language_variant

_NOT_ROUTABLE = object()


@lru_cache(maxsize=16384)
def _serve_path(urlconf, script_prefix: str, language: str, below_root: str):
    try:
        with translation.override(language):
            return reverse("wagtail_serve", args=(below_root,), urlconf=urlconf)
    except NoReverseMatch:
        return _NOT_ROUTABLE


def url_parts(page, request, wagtail_get_url_parts):
    """(site id, site root URL, page path) as `wagtail_get_url_parts(request)` would return."""
    possible = page._get_relevant_site_root_paths(request)
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
