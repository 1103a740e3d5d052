"""The staff login pages after the password: enrolment of an authenticator, the check of a code,
and the page that django-axes shows a locked-out client. They call `services` for every rule."""

from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from . import services
from .enrolment import authenticator_key_context, enrolment_confirm
from .forms import EnrolmentForm, VerificationForm


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _verified(request, device) -> None:
    request.session.cycle_key()  # a new session key once the login is complete
    django_otp.login(request, device)


@never_cache
def verify(request):
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if services.totp_device_confirmed(user=request.user) is None:
        return redirect(_with_next("staff_login_enrol", next_url))
    form = VerificationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            factor = services.second_factor_verify(
                user=request.user, code=form.cleaned_data["code"]
            )
        except services.SecondFactorRefused as refused:
            form.add_error("code", refused.messages[0])
            status = 429 if refused.retry_after else 200
        else:
            _verified(request, factor.device)
            if factor.recovery_codes_left is not None:
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code. %(count)s code is left.",
                        "You signed in with a recovery code. %(count)s codes are left.",
                        factor.recovery_codes_left,
                    )
                    % {"count": factor.recovery_codes_left},
                )
            return redirect(next_url)
    return TemplateResponse(
        request, "accounts/verify.html", {"form": form, "next": next_url}, status=status
    )


@never_cache
def enrol(request):
    next_url = _next_url(request)
    if services.totp_device_confirmed(user=request.user) is not None:
        return redirect(_with_next("staff_login_verify", next_url))
    device = services.totp_device_for_enrolment(user=request.user)
    form = EnrolmentForm(request.POST or None)
    codes, status = enrolment_confirm(request, device=device, form=form)
    if codes is not None:
        _verified(request, device)
        return TemplateResponse(
            request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url}
        )
    context = {"form": form, "next": next_url, **authenticator_key_context(request, device=device)}
    return TemplateResponse(request, "accounts/enrol.html", context, status=status)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): a page in the admin's
    look and the visitor's language, 429 with Retry-After."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(
        request, "accounts/locked_out.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response.render()
