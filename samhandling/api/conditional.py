"""ETags on every answer of the API, and 304 Not Modified for a matching If-None-Match.

The ETag is strong: the MD5 of the exact body, set by Django's own ConditionalGetMiddleware
(applied to the API's views only). If-None-Match is compared weakly, as RFC 9110 says, so a
client may send the tag back with or without `W/`. `Cache-Control: no-cache` lets caches keep an
answer but makes them ask again each time, which costs a 304 when nothing has changed."""

from functools import wraps

from django.middleware.http import ConditionalGetMiddleware
from django.urls import URLPattern
from django.utils.cache import patch_cache_control, patch_vary_headers
from ninja import NinjaAPI


def conditional(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        def answer(request):
            response = view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                patch_cache_control(response, no_cache=True)
                # The site (and so the data) is chosen by the host name.
                patch_vary_headers(response, ["Host"])
            return response

        return ConditionalGetMiddleware(answer)(request)

    return wrapped


class ConditionalNinjaAPI(NinjaAPI):
    """A NinjaAPI whose every view, the OpenAPI description and docs page included, answers
    with an ETag and honours If-None-Match."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = conditional(pattern.callback)
        return patterns
