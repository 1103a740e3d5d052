"""The contacts in the admin: a menu item "Contact persons" for a community's secretariat, its
pages, and the boards' action that e-mails the contacts of the organisations that have not
acted."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem

from samhandling.organisations.roles import secretariat_communities

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("contacts/", admin_views.contacts_index, name="contacts_index"),
        path(
            "contacts/<id:community_pk>/",
            admin_views.community_contacts,
            name="contacts_community",
        ),
        path("contacts/<id:community_pk>/invite/", admin_views.invite, name="contacts_invite"),
        path(
            "contacts/<id:community_pk>/contact/<id:pk>/revoke/",
            admin_views.revoke,
            name="contacts_revoke",
        ),
        path(
            "contacts/<id:community_pk>/invitation/<id:pk>/withdraw/",
            admin_views.withdraw,
            name="contacts_withdraw",
        ),
        path(
            "contacts/remind/series/<id:pk>/",
            admin_views.remind_series,
            name="contacts_remind_series",
        ),
        path(
            "contacts/remind/hearing/<id:pk>/",
            admin_views.remind_hearing,
            name="contacts_remind_hearing",
        ),
    ]


class ContactsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return secretariat_communities(user=request.user).exists()


@hooks.register("register_admin_menu_item")
def register_contacts_menu_item():
    return ContactsMenuItem(
        _("Contact persons"), reverse("contacts_index"), icon_name="user", order=330
    )
