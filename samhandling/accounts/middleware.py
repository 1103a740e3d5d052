"""One place that keeps staff out until the second factor is passed. A signed-in user who may
open the admin but whose session django-otp has not verified yet:

- is sent to the second-factor page from every address under the admin (the admin pages, the
  demo's mail viewer, the exports, everything but signing in and out and the code pages);
- is treated as a visitor on the public site, so nothing meant for editors (case papers of an
  unpublished meeting, private pages) is served on the password alone."""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
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


def is_staff(user) -> bool:
    """Staff: anyone who may open the Wagtail admin."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and is_staff(user):
            if request.path_info.startswith(reverse("wagtailadmin_home")):
                if not _open_before_second_factor(request.path_info):
                    query = urlencode({"next": request.get_full_path()})
                    return HttpResponseRedirect(f"{reverse('staff_login_verify')}?{query}")
            else:
                request.user = AnonymousUser()
        return self.get_response(request)


def _open_before_second_factor(path: str) -> bool:
    try:
        return resolve(path).url_name in OPEN_BEFORE_SECOND_FACTOR
    except Resolver404:
        return False
