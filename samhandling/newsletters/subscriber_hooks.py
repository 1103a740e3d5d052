"""Admin of the subscriber side: the menu item "Mailing lists" and its views (lists, their
subscribers, imports), for users who may change mailing lists. Imported by the app's ready()
so that it does not clash with the sending side's wagtail_hooks."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import subscriber_admin_views as views


@hooks.register("register_admin_urls")
def register_subscriber_admin_urls():
    return [
        path("nyhendebrev/lister/", views.overview, name="newsletters_admin_overview"),
        path("nyhendebrev/lister/ny/", views.list_edit, name="newsletters_admin_list_add"),
        path("nyhendebrev/lister/<id:pk>/", views.list_edit, name="newsletters_admin_list_edit"),
        path(
            "nyhendebrev/lister/<id:pk>/abonnentar/",
            views.list_subscribers,
            name="newsletters_admin_subscribers",
        ),
        path(
            "nyhendebrev/lister/<id:list_pk>/abonnentar/<id:pk>/fjern/",
            views.subscriber_remove,
            name="newsletters_admin_subscriber_remove",
        ),
        path(
            "nyhendebrev/lister/<id:pk>/import/",
            views.list_import,
            name="newsletters_admin_import",
        ),
    ]


class MailingListsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_mailing_lists_menu_item():
    return MailingListsMenuItem(
        _("Mailing lists"), reverse("newsletters_admin_overview"), icon_name="mail", order=270
    )
