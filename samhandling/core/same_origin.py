"""Refusing cross-site POSTs to a public form that carries no CSRF token.

A form in a page that may be cached for anonymous visitors (the newsletter form in every
footer) cannot carry Django's CSRF token, because the token needs a cookie and a cached page
must set none. Such a view is `csrf_exempt` and decorated with `same_origin` instead; the
browser tells where a POST comes from:

- `Sec-Fetch-Site` (sent by every current browser, and never settable by a page's script):
  `same-origin`, or `none` (typed, bookmark), passes; `same-site` and `cross-site` are refused.
  When it is there it decides (a same-origin POST from a page with `Referrer-Policy:
  no-referrer` carries `Origin: null`).
- Without it (older browsers, tools), `Origin`: when present it must be this request's own host
  (scheme and port aside, which a proxy in front of the app may change); `null` is refused.

A refused POST gets a page that says what happened (403) and the view never runs. GETs pass."""

from functools import wraps
from urllib.parse import urlsplit

from django.shortcuts import render
from django.utils.translation import gettext as _

ALLOWED_FETCH_SITES = {"same-origin", "none"}


def cross_site(request) -> bool:
    """Whether a request was sent from another site, as far as the browser says."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if fetch_site:  # set by the browser itself (a page's script cannot), so it is trusted
        return fetch_site not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    origin_host = (urlsplit(origin.strip()).hostname or "").lower()
    if not origin_host:
        return True
    try:
        own_host = urlsplit("//" + request.get_host()).hostname or ""
    except Exception:  # noqa: BLE001 - a host not in ALLOWED_HOSTS is refused anyway
        return True
    return origin_host != own_host.lower()


def cross_site_refused(request):
    response = render(
        request,
        "core/request_refused.html",
        {
            "refused_title": _("Your form was not sent"),
            "refused_message": _(
                "The form was sent from another website, so we did not accept it. Nothing "
                "was saved. Open the form on this website and send it from there."
            ),
            "back_url": request.path,
        },
        status=403,
    )
    response["Cache-Control"] = "no-store"
    return response


def same_origin(view):
    """Refuse POSTs the browser says came from another site (see the module's text)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and cross_site(request):
            return cross_site_refused(request)
        return view(request, *args, **kwargs)

    return wrapped
