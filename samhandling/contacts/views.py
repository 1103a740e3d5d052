"""The public page of an invitation link: it shows the organisation and the community; a visitor
who is not logged in gets a button to the login chooser (which comes back here), a logged-in
person a button that binds the role (a POST: a GET never changes anything, so mail scanners that
open links accept nothing). Rate-limited as the other private links (group "manage")."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from samhandling.core.form_guard import public_form
from samhandling.core.ratelimits import rate_limit_check, too_many_requests
from samhandling.core.sites import site_for_request

from .services import ContactRefused, contact_invitation_accept, invitation_by_token
from .services import invitation_problem as problem_of

LINK_MIN_SECONDS = 1  # one button: a person may press it at once
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}
LOGIN_PATH = "/innlogging/"
MY_ORGANISATION_PATH = "/min-organisasjon/"
REFUSAL_STATUS = {"unknown": 404, "withdrawn": 410, "expired": 410, "used": 410}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def _path(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def login_url(next_path: str) -> str:
    return f"{_path('public_login', LOGIN_PATH)}?{urlencode({'next': next_path})}"


def _page(request, invitation, *, refusal=None, status=200):
    user = request.user
    context = {
        "invitation": invitation,
        "refusal": refusal,
        "login_url": login_url(request.path),
        "accepted": bool(
            invitation is not None
            and user.is_authenticated
            and invitation.accepted_by_id == user.pk
        ),
        "my_organisation_url": _path("my_organisation", MY_ORGANISATION_PATH),
    }
    return _private(TemplateResponse(request, "contacts/invitation.html", context, status=status))


@require_http_methods(["GET", "POST"])
@public_form("manage", min_seconds=LINK_MIN_SECONDS)
def invitation(request, token: str):
    if request.method == "GET":
        limited = rate_limit_check(request=request, group="manage", method="GET")
        if limited is not None:
            return too_many_requests(request, limited)
    found = invitation_by_token(token)
    site = site_for_request(request)
    if found is not None and (site is None or found.community.site_id != site.pk):
        found = None  # another community's link: as unknown here
    user = request.user if request.user.is_authenticated else None
    refusal = problem_of(found, user=user)
    if refusal is not None:
        return _page(request, found, refusal=refusal, status=REFUSAL_STATUS[refusal.code])
    if request.method == "POST":
        if user is None:
            return redirect(login_url(request.path))
        try:
            contact_invitation_accept(token=token, user=user)
        except ContactRefused as refusal:
            return _page(request, found, refusal=refusal, status=REFUSAL_STATUS[refusal.code])
        return redirect(_path("my_organisation", MY_ORGANISATION_PATH))
    return _page(request, found)
