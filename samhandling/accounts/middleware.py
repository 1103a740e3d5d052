"""One place that keeps the admin closed until the second factor is passed: every request under
the admin's address from a signed-in user whose session is not verified by django-otp goes to the
second-factor page first (the admin pages, the demo's mail viewer, the exports, everything)."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

# What an unverified user may still open under the admin's address: signing in and out, the
# second-factor pages, and the admin's icons and script catalogue that those pages load.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_password_reset",
    "staff_login_verify",
    "staff_login_enrol",
}


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_second_factor(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('staff_login_verify')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request) -> bool:
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            return True
        return name not in OPEN_BEFORE_SECOND_FACTOR
