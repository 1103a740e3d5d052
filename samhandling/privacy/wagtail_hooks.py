"""Admin: the personal data screen (look up, download, erase). Its audit log action
(`ERASE_ACTION`) is registered with the project's others in `samhandling/audit/registry.py`."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("personal-data/", admin_views.lookup, name="privacy_admin"),
        path("personal-data/download/", admin_views.download, name="privacy_admin_download"),
        path("personal-data/erase/", admin_views.erase, name="privacy_admin_erase"),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_may_erase(request.user)


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Personal data"), reverse("privacy_admin"), name="personal-data", icon_name="user"
    )
