from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import account_views, services, views
from .panels import RecoveryCodesLowPanel


@hooks.register("register_admin_urls")
def staff_login_urls():
    return [
        path("second-factor/", views.verify, name="staff_login_verify"),
        path("second-factor/enrol/", views.enrol, name="staff_login_enrol"),
        path(
            "account/second-factor/",
            account_views.second_factor_settings,
            name="staff_login_settings",
        ),
        path(
            "account/second-factor/recovery-codes/",
            account_views.recovery_codes_new,
            name="staff_login_recovery_codes",
        ),
        path(
            "account/second-factor/replace/",
            account_views.authenticator_replace,
            name="staff_login_replace",
        ),
        path(
            "account/second-factor/replace/confirm/",
            account_views.authenticator_replace_confirm,
            name="staff_login_replace_confirm",
        ),
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    """On the admin's Account page, tab "More actions"."""
    return {
        "url": reverse("staff_login_settings"),
        "label": _("Second factor and recovery codes"),
        "help_text": _("See how many recovery codes are left, make new ones or change phone."),
    }


@hooks.register("construct_homepage_panels")
def recovery_codes_low_panel(request, panels):
    if services.recovery_codes_running_low(user=request.user):
        panels.append(RecoveryCodesLowPanel(left=services.recovery_codes_left(user=request.user)))
