"""The language switch: a GET (a form of buttons in the header) that sets the language cookie
and goes back to the page. No CSRF token on the pages, so they set no cookie and can be cached;
choosing a language changes nothing but the visitor's own cookie. Rate-limited per client
(group "language"); only an address on this site is followed back."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .middleware import SUPPORTED
from .ratelimits import rate_limit_check, too_many_requests


def _safe_next(request, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


@require_http_methods(["GET", "POST"])
def set_language(request):
    limited = rate_limit_check(request=request, group="language", method=request.method)
    if limited is not None:
        return too_many_requests(request, limited)
    params = request.POST if request.method == "POST" else request.GET
    code = params.get("language", "")
    target = _safe_next(request, params.get("next") or request.META.get("HTTP_REFERER", ""))
    response = HttpResponseRedirect(target)
    if code in SUPPORTED:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
