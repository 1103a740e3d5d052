"""The secretariat's screen: look up what is held about an e-mail address, download it, erase it
with a reason (recorded in the audit trail with counts only)."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import AdminEraseForm, AdminLookupForm
from .selectors import personal_data, personal_data_json
from .services import personal_data_erase


def user_may_erase(user) -> bool:
    """Administrators (superusers) only. The lookup and the erasure reach every community's
    records at once, so a community's secretariat, which sees only its own community's sign-ups
    (organisations.roles), may not use it; it asks an administrator."""
    return user.is_active and user.is_superuser


def _check(request) -> None:
    if not user_may_erase(request.user):
        raise PermissionDenied


# The address is posted, never put in the URL, so that it stays out of access logs and history.
@require_http_methods(["GET", "POST"])
def lookup(request):
    _check(request)
    form = AdminLookupForm(request.POST if request.method == "POST" else None)
    context = {"title": _("Personal data"), "form": form, "holdings": None}
    if form.is_valid():
        email = form.cleaned_data["email"]
        holdings = personal_data(email=email)
        context.update(
            {
                "email": email,
                "holdings": holdings,
                "anything": any(holding.records for holding in holdings),
                "erase_form": AdminEraseForm(initial={"email": email}),
            }
        )
    response = TemplateResponse(request, "privacy/admin/lookup.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def download(request):
    _check(request)
    form = AdminLookupForm(request.POST)
    if not form.is_valid():
        return redirect("privacy_admin")
    data = personal_data_json(email=form.cleaned_data["email"])
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="personopplysningar-{stamp}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def erase(request):
    _check(request)
    form = AdminEraseForm(request.POST)
    if form.is_valid():
        try:
            erasure = personal_data_erase(
                email=form.cleaned_data["email"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            total = sum(sum(counts.values()) for counts in erasure.counts.values())
            messages.success(
                request,
                _("Erased (%(count)s rows changed or deleted). The audit trail records it.")
                % {"count": total},
            )
            return redirect("privacy_admin")
    email = form.data.get("email", "")
    lookup_form = AdminLookupForm({"email": email})
    holdings = personal_data(email=email) if lookup_form.is_valid() else []
    context = {
        "title": _("Personal data"),
        "form": lookup_form,
        "email": email,
        "holdings": holdings,
        "anything": any(holding.records for holding in holdings),
        "erase_form": form,
    }
    response = TemplateResponse(request, "privacy/admin/lookup.html", context, status=400)
    response["Cache-Control"] = "private, no-store"
    return response
