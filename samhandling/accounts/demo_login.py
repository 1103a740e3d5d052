"""The demo's password login for organisation contacts (/innlogging/demo/): only where
SAMHANDLING_DEMO_LOGIN is on (dev and demo settings; production refuses it, checks.py). It logs in
an existing user who is not staff; django-axes counts the failures as for the admin login."""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from samhandling.core.ratelimits import rate_limited

from .oidc_views import no_store, safe_next_url


class DemoLoginForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        user = authenticate(self.request, username=data["username"], password=data["password"])
        if user is None or user.is_staff or user.is_superuser:
            # Staff log in to the admin, with their second factor; never here.
            raise forms.ValidationError(_("The user name or password is wrong."))
        self.user = user
        return data


@sensitive_post_parameters("password")
@never_cache
@rate_limited("login")
def demo_login(request):
    if not settings.SAMHANDLING_DEMO_LOGIN:
        raise Http404
    form = DemoLoginForm(request.POST or None, request=request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
            return no_store(redirect(safe_next_url(request)))
        status = 400
    if getattr(request, "axes_locked_out", False):
        status = 429
    context = {"form": form, "next": safe_next_url(request)}
    return no_store(
        TemplateResponse(request, "accounts/oidc/demo_login.html", context, status=status)
    )
