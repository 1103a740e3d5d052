"""Stands in for the app's side of the front-cache contract until the page cache
(samhandling/core/page_cache.py) answers anonymous GETs with it itself: a 200 to a GET or HEAD
without a session or CSRF cookie gets `Cache-Control: public, max-age=0, s-maxage=300` and no
cookie. Does nothing to a response that already says s-maxage (the page cache's own headers)."""

from django.conf import settings

SHARED_CACHE_CONTROL = "public, max-age=0, s-maxage=300"


class SharedCacheHeadersStandIn:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        other_cookies = set(request.COOKIES) - {settings.LANGUAGE_COOKIE_NAME}
        if (
            request.method in ("GET", "HEAD")
            and not other_cookies
            and response.status_code == 200
            and "s-maxage" not in response.get("Cache-Control", "")
        ):
            response.cookies.pop(settings.CSRF_COOKIE_NAME, None)
            response["Cache-Control"] = SHARED_CACHE_CONTROL
        return response
