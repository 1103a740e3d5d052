"""Public views: the privacy page, the request for one's data, the private data page with its
JSON download and erasure. No account is needed; views read through selectors and change
through services."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods, require_safe

from samhandling.core.form_guard import public_form
from samhandling.core.page_cache_middleware import cacheable_view
from samhandling.core.sites import community_for_request, site_for_request

from .forms import DataRequestForm, EraseConfirmForm
from .selectors import (
    audit_retention_text,
    data_request_for_token,
    personal_data,
    personal_data_json,
    privacy_policy,
)
from .services import data_request_create, personal_data_erase
from .sources import link_hours

# The data page's address is its key: never cache or index it.
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


@require_safe
@cacheable_view()
def privacy_page(request):
    context = {
        "sections": privacy_policy(),
        "audit_text": audit_retention_text(),
        "link_hours": link_hours(),
        "community": community_for_request(request),
    }
    return render(request, "privacy/privacy.html", context)


@require_http_methods(["GET", "POST"])
@public_form("privacy")
def request_form(request):
    form = DataRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data_request_create(
            email=form.cleaned_data["email"],
            base_url=request.build_absolute_uri("/"),
            site=site_for_request(request),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        # The same answer whether or not anything is held about the address.
        return redirect("privacy:request_sent")
    status = 400 if form.errors else 200
    return render(request, "privacy/request.html", {"form": form}, status=status)


@require_safe
def request_sent(request):
    return render(request, "privacy/request_sent.html", {"link_hours": link_hours()})


def _link_invalid(request):
    return _private(render(request, "privacy/link_invalid.html", status=404))


@require_safe
def data_page(request, token: str):
    data_request = data_request_for_token(token=token)
    if data_request is None:
        return _link_invalid(request)
    holdings = personal_data(email=data_request.email)
    context = {
        "data_request": data_request,
        "holdings": holdings,
        "anything": any(holding.records for holding in holdings),
        "json_url": reverse("privacy:data_json", args=[token]),
        "erase_url": reverse("privacy:erase", args=[token]),
    }
    return _private(render(request, "privacy/data.html", context))


@require_safe
def data_json(request, token: str):
    data_request = data_request_for_token(token=token)
    if data_request is None:
        return _link_invalid(request)
    body = json.dumps(personal_data_json(email=data_request.email), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="personopplysningar-{stamp}.json"'
    return _private(response)


@require_http_methods(["GET", "POST"])
@public_form("manage", min_seconds=1)
def erase(request, token: str):
    data_request = data_request_for_token(token=token)
    if data_request is None:
        return _link_invalid(request)
    form = EraseConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        personal_data_erase(email=data_request.email)
        return redirect("privacy:erased")
    context = {"form": form, "data_url": reverse("privacy:data", args=[token])}
    status = 400 if form.errors else 200
    return _private(render(request, "privacy/erase_confirm.html", context, status=status))


@require_safe
def erased(request):
    return render(request, "privacy/erased.html")
