"""Serves anonymous visitors from the page cache (samhandling/core/page_cache.py) and stores what
may be shared; sends the Cache-Control that a front cache (nginx, Varnish) follows.

A response is shared (`Cache-Control: public, max-age=0, s-maxage=<seconds>`, and kept in the
page cache when PAGE_CACHE is on) only when all of these hold:

- the request is a GET or HEAD without a session cookie or an Authorization header;
- the page declared itself cacheable: a public Wagtail page (no view restriction;
  `declare_page` below, from a before_serve_page hook) or a view decorated with `cacheable_view`;
- the response is a 200 that sets no cookie, varies on nothing but Cookie (the language cookie)
  and Accept-Encoding, has no Cache-Control of its own and no CSRF token or CSP nonce in it.

Everything else an anonymous GET gets is `Cache-Control: private` (unless the view said more,
e.g. `no-store` on private links). The middleware sits right after the language middleware, so
the key carries the language the visitor gets."""

import time
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control

from . import page_cache, page_cache_tags
from .page_cache import PageCache

SAFE_METHODS = {"GET", "HEAD"}
VARY_ALLOWED = {"cookie", "accept-encoding"}
DECLARED = "_samhandling_page_cacheable"


def _restricted_paths() -> list[str]:
    from wagtail.models import PageViewRestriction

    from .structure_cache import cached

    return cached(
        "restricted-paths",
        build=lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def _site_tags(request) -> list[str]:
    from .sites import site_root_for_request

    root = site_root_for_request(request)
    if root is None:
        return []
    # The header and footer of every page: the health community (site) and the main menu.
    return [f"site:{root.path}", f"menu:{root.path}"]


def declare_page(page, request) -> None:
    """A public Wagtail page is about to be served: it may be shared if nothing else forbids it.
    Its breadcrumbs show its ancestors (`tree:` tags: purged when one is renamed or moved)."""
    path = page.path
    if any(path.startswith(restricted) for restricted in _restricted_paths()):
        return
    setattr(request, DECLARED, True)
    steplen = page.steplen
    page_cache_tags.tag(
        *_site_tags(request),
        *(f"tree:{path[:end]}" for end in range(steplen, len(path) + 1, steplen)),
    )


def cacheable_view(*tags):
    """Decorate a view whose anonymous GETs may be shared; `tags` are noted for each response
    ("search:{site}" gets the site's home page path)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            setattr(request, DECLARED, True)
            site_tags = _site_tags(request)
            root_path = site_tags[0].partition(":")[2] if site_tags else ""
            page_cache_tags.tag(*site_tags, *(tag.format(site=root_path) for tag in tags))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _anonymous(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and len(request.META.get("QUERY_STRING", "")) <= page_cache.MAX_QUERY_LENGTH
    )


def _shareable(request, response) -> bool:
    if not getattr(request, DECLARED, False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies or response.has_header("Cache-Control"):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if not vary <= VARY_ALLOWED:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    content = response.content
    return b"csrfmiddlewaretoken" not in content and b'nonce="' not in content


def _public(response, seconds: int) -> None:
    patch_cache_control(response, public=True, max_age=0, s_maxage=max(seconds, 0))


def _private(response) -> None:
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous(request):
            response = self.get_response(request)
            if request.method in SAFE_METHODS:
                _private(response)
            return response
        store = page_cache.enabled()
        key = ""
        if store:
            key = page_cache.entry_key(
                host=request.get_host(),
                language=getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
                path=request.path,
                query=request.META.get("QUERY_STRING", ""),
            )
            entry = PageCache().get(key)
            if entry is not None and entry["expires"] > time.time():
                response = PageCache.response_from(entry)
                _public(response, int(entry["expires"] - time.time()))
                response["X-Page-Cache"] = "hit"
                return response
        recorder, token = page_cache_tags.start()
        try:
            response = self.get_response(request)
        finally:
            page_cache_tags.stop(token)
        if not _shareable(request, response):
            _private(response)
            return response
        seconds = recorder.seconds()
        if store:
            stored = PageCache().store(
                key, request.build_absolute_uri(), response, recorder, seconds
            )
            response["X-Page-Cache"] = "miss" if stored else "pass"
        _public(response, seconds)
        return response
