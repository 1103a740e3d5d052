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
e.g. `no-store` on private links).

A hit costs one cache read (the entry; without Redis also the purge marks of its tags, see
PageCache.get) and nothing else: the middleware sits near the top of MIDDLEWARE, right after
Django's SecurityMiddleware (HTTPS redirect, and its headers added to hits as to any response)
and WhiteNoise (static files), before the CSP, Permissions-Policy, session, language, CSRF,
authentication, OTP and axes middleware. What those add to a response (the CSP header,
Permissions-Policy, X-Frame-Options, Content-Language, Vary) is kept with the entry, so a hit
carries the same headers as the page rendered afresh; a response whose CSP carries a nonce is
never shared. The key carries the host and the language *choice*: the visitor's language cookie
when it names a language, otherwise "the site's default", which is the health community's
default language (a change to the community purges its site's pages: `site:` tags), so a hit
needs no site or community lookup. A visitor with a messages cookie (a message waiting to be
shown) is never served from the cache."""

import time
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control

from . import page_cache, page_cache_tags
from .page_cache import PageCache

# The languages a language cookie may choose (as core/middleware.py reads it).
LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
SITE_DEFAULT = "site-default"  # the key's language part when no cookie chooses one
# A message waiting for the visitor (django.contrib.messages' cookie storage): render the page.
_MESSAGES_COOKIE = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")

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
    cookies = request.COOKIES
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in cookies
        and _MESSAGES_COOKIE not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
        and len(request.META.get("QUERY_STRING", "")) <= page_cache.MAX_QUERY_LENGTH
    )


def _language_choice(request) -> str:
    """The language part of the key: the cookie's language, or the site's default (which the
    language middleware reads from the health community on a miss)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in LANGUAGES else SITE_DEFAULT


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
    if "'nonce-" in response.get("Content-Security-Policy", ""):
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
                language=_language_choice(request),
                path=request.path,
                query=request.META.get("QUERY_STRING", ""),
            )
            entry = PageCache().get(key)
            if entry is not None:
                left = entry["expires"] - time.time()
                if left > 0:
                    response = PageCache.response_from(entry)
                    response.headers["Cache-Control"] = f"public, max-age=0, s-maxage={int(left)}"
                    response.headers["X-Page-Cache"] = "hit"
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
            if not stored:  # a purge overtook this render (or the cache is down): share nothing,
                _private(response)  # so that no proxy keeps what the app would not
                return response
        _public(response, seconds)
        return response
