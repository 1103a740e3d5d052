"""The second factor in the admin's account settings: how many recovery codes are left, a new set
of them, and a new authenticator app (a new phone). Only for a verified session (the middleware
sends any other to the code page first); every rule is in `services`."""

import django_otp
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import services
from .enrolment import authenticator_key_context, enrolment_confirm
from .forms import CurrentCodeForm, EnrolmentForm

TITLE = gettext_lazy("Second factor")
# The new, unconfirmed authenticator between the two steps of replacing the app.
REPLACEMENT_SESSION_KEY = "staff_login_replacement_device"


def _settings_page(request, *, form=None, status=200):
    user = request.user
    context = {
        "title": TITLE,
        "codes_left": services.recovery_codes_left(user=user),
        "codes_total": services.RECOVERY_CODE_COUNT,
        "running_low": services.recovery_codes_running_low(user=user),
        "form": form or CurrentCodeForm(),
    }
    return TemplateResponse(request, "accounts/settings.html", context, status=status)


def _stay_verified(request) -> None:
    """The session keeps its verification when the device it was verified by was replaced."""
    device = services.device_after_change(user=request.user, previous=request.user.otp_device)
    if device is not None and device != request.user.otp_device:
        django_otp.login(request, device)


@never_cache
def second_factor_settings(request):
    return _settings_page(request)


@never_cache
@require_POST
def recovery_codes_new(request):
    codes = services.recovery_codes_replace(user=request.user)
    _stay_verified(request)
    context = {"title": _("New recovery codes"), "codes": codes}
    return TemplateResponse(request, "accounts/settings_recovery_codes.html", context)


@never_cache
@require_POST
def authenticator_replace(request):
    form = CurrentCodeForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, form=form)
    try:
        device = services.authenticator_replacement_start(
            user=request.user, code=form.cleaned_data["code"]
        )
    except services.SecondFactorRefused as refused:
        form.add_error("code", refused.messages[0])
        return _settings_page(request, form=form, status=429 if refused.retry_after else 200)
    _stay_verified(request)  # a recovery code may have been the session's device's last
    request.session[REPLACEMENT_SESSION_KEY] = device.pk
    return redirect("staff_login_replace_confirm")


@never_cache
def authenticator_replace_confirm(request):
    device = services.authenticator_replacement_device(
        user=request.user, device_id=request.session.get(REPLACEMENT_SESSION_KEY)
    )
    if device is None:
        return redirect("staff_login_settings")
    form = EnrolmentForm(request.POST or None)
    codes, status = enrolment_confirm(request, device=device, form=form)
    if codes is not None:
        del request.session[REPLACEMENT_SESSION_KEY]
        django_otp.login(request, device)
        messages.success(request, _("Your new authenticator app is set up."))
        context = {"title": _("New recovery codes"), "codes": codes, "replaced": True}
        return TemplateResponse(request, "accounts/settings_recovery_codes.html", context)
    context = {
        "title": _("Set up the app on your new phone"),
        "form": form,
        **authenticator_key_context(request, device=device),
    }
    return TemplateResponse(request, "accounts/settings_replace.html", context, status=status)
