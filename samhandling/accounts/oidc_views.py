"""Pages of the public login under /innlogging/: the chooser, the start and callback of the
OpenID Connect flow, logout (RP-initiated, front-channel, back-channel) and the demo's password
login. They call oidc_flow, oidc_logout and oidc_accounts for every rule."""

import logging

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from samhandling.core.ratelimits import rate_limit_check, too_many_requests

from . import oidc_accounts, oidc_flow, oidc_logout, oidc_providers
from .oidc_flow import LoginRefused
from .signals import external_logout

logger = logging.getLogger("samhandling.accounts.oidc")

RATE_GROUP = "login"


# reason: (status, message, whether to add "Try to log in again.")
_REASONS = {
    "state": (
        400,
        gettext_noop(
            "The login could not be completed: it was started in another window, "
            "took too long or was already used."
        ),
        True,
    ),
    "timeout": (
        400,
        gettext_noop("The login took too long."),
        True,
    ),
    "code": (
        400,
        gettext_noop(
            "The identity provider did not confirm the login (the answer was "
            "already used or has expired)."
        ),
        True,
    ),
    "issuer": (
        403,
        gettext_noop(
            "The answer did not come from the identity provider the login was "
            "started with. Nobody was logged in."
        ),
        False,
    ),
    "audience": (
        403,
        gettext_noop(
            "The identity provider's answer was meant for another service. Nobody was logged in."
        ),
        False,
    ),
    "expired": (
        403,
        gettext_noop(
            "The identity provider's answer has expired. Check that your computer's"
            " clock is right and try again."
        ),
        False,
    ),
    "nonce": (
        403,
        gettext_noop(
            "The identity provider's answer does not belong to this login. Nobody was logged in."
        ),
        False,
    ),
    "id_token": (
        403,
        gettext_noop("The identity provider's answer could not be verified. Nobody was logged in."),
        False,
    ),
    "acr": (
        403,
        gettext_noop(
            "This service needs a higher level of security than the one you logged "
            "in with. Log in again with a method of level substantial or high (for "
            "example BankID or MinID app)."
        ),
        False,
    ),
    "cancelled": (
        400,
        gettext_noop("The login was cancelled."),
        False,
    ),
    "provider_error": (
        400,
        gettext_noop("The identity provider could not log you in."),
        True,
    ),
    "unavailable": (
        400,
        gettext_noop("The identity provider cannot be reached just now. Try again later."),
        False,
    ),
    "unknown_provider": (
        404,
        gettext_noop("There is no such way to log in."),
        False,
    ),
}


def reason_page(reason: str) -> tuple[int, str]:
    """The status and the visitor's message of a refused login."""
    status, message, again = _REASONS.get(reason, _REASONS["id_token"])
    text = _(message)
    return status, f"{text} {_('Try to log in again.')}" if again else text


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response


AFTER_LOGIN = "/min-organisasjon/"


def safe_next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    # Who logs in here is a contact person: without a `next`, to their organisation's page.
    return AFTER_LOGIN


def refused(request, error: LoginRefused):
    status, message = reason_page(error.reason)
    logger.warning("login refused (%s): %s", error.reason, error.detail)
    response = TemplateResponse(
        request,
        "accounts/oidc/refused.html",
        {"message": message, "chooser_url": reverse("login:chooser")},
        status=status,
    )
    return no_store(response)


def _limited(request):
    limited = rate_limit_check(request=request, group=RATE_GROUP, method=request.method)
    return too_many_requests(request, limited) if limited else None


def _provider_title(key: str) -> str:
    config = oidc_providers.provider(key)
    return config.title if config else key


@never_cache
def chooser(request):
    external = oidc_accounts.current_session(request.session.session_key)
    context = {
        "providers": list(oidc_providers.providers().values()),
        "next": safe_next_url(request),
        "after_login": AFTER_LOGIN,
        "demo_login": settings.SAMHANDLING_DEMO_LOGIN,
        "logged_in": request.user.is_authenticated and not request.user.is_staff,
        "external": external,
        "external_title": _provider_title(external.provider) if external else "",
    }
    return no_store(TemplateResponse(request, "accounts/oidc/chooser.html", context))


@never_cache
def start(request, provider):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    limited = _limited(request)
    if limited:
        return limited
    config = oidc_providers.provider(provider)
    if config is None:
        return refused(request, LoginRefused("unknown_provider", provider[:64]))
    redirect_uri = request.build_absolute_uri(reverse("login:callback"))
    try:
        url = oidc_flow.start_login(
            request=request,
            config=config,
            redirect_uri=redirect_uri,
            next_url=safe_next_url(request),
        )
    except LoginRefused as error:
        return refused(request, error)
    return no_store(redirect(url))


@never_cache
def callback(request):
    limited = _limited(request)
    if limited:
        return limited
    try:
        _user, next_url, hint = oidc_flow.finish_login(request=request, query=request.GET)
    except LoginRefused as error:
        return refused(request, error)
    response = redirect(next_url)
    response.set_cookie(
        oidc_accounts.HINT_COOKIE,
        hint,
        path=oidc_accounts.HINT_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return no_store(response)


@never_cache
@require_POST
def logout_view(request):
    """End our session, then send the browser to the provider's end_session_endpoint (through
    a page: a form's redirect to another origin would break the site's CSP form-action)."""
    external = oidc_accounts.current_session(request.session.session_key)
    user = request.user if request.user.is_authenticated else None
    url = None
    if external is not None:
        url = oidc_logout.end_session_url(
            external=external,
            id_token=oidc_accounts.open_id_token(request.COOKIES.get(oidc_accounts.HINT_COOKIE)),
            post_logout_redirect_uri=request.build_absolute_uri(reverse("login:logged_out")),
        )
        external.delete()
    logout(request)
    if external is not None and user is not None:
        external_logout.send(sender=type(external), user=user, provider=external.provider)
    if url is None:
        response = redirect("login:logged_out")
    else:
        response = TemplateResponse(
            request, "accounts/oidc/logging_out.html", {"end_session_url": url}
        )
    response.delete_cookie(oidc_accounts.HINT_COOKIE, path=oidc_accounts.HINT_COOKIE_PATH)
    return no_store(response)


@never_cache
def logged_out(request):
    return no_store(TemplateResponse(request, "accounts/oidc/logged_out.html", {}))


@never_cache
@xframe_options_exempt
def frontchannel_logout(request):
    """Shown by the provider in a frame (OpenID Connect Front-Channel Logout 1.0): ends the
    sessions of its `sid`. The only page the configured providers may frame."""
    status = 200
    try:
        oidc_logout.frontchannel_logout(
            iss=request.GET.get("iss", ""), sid=request.GET.get("sid", "")
        )
    except oidc_logout.InvalidLogoutToken as error:
        logger.warning("front-channel logout refused: %s", error)
        status = 400
    response = TemplateResponse(
        request, "accounts/oidc/frontchannel.html", {"ok": status == 200}, status=status
    )
    origins = sorted({_origin(config.issuer) for config in oidc_providers.providers().values()})
    response._csp_replace = {"frame-ancestors": origins or ["'none'"]}
    return no_store(response)


def _origin(url: str) -> str:
    scheme, _sep, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


@csrf_exempt
@never_cache
def backchannel_logout(request):
    """The provider posts a logout token (OpenID Connect Back-Channel Logout 1.0)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    token = request.POST.get("logout_token", "")
    try:
        ended = oidc_logout.backchannel_logout(token)
    except oidc_logout.InvalidLogoutToken as error:
        logger.warning("back-channel logout refused: %s", error)
        return no_store(JsonResponse({"error": "invalid_request"}, status=400))
    logger.info("back-channel logout ended %d session(s)", ended)
    return no_store(HttpResponse(status=200))
