"""The newsletter views in the admin: a "Newsletter" button on every issue page (preview, test
send, send to a list, progress and history)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import admin_views
from .issues import NewsletterIssuePage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("newsletters/issue/<id:pk>/", admin_views.issue_newsletter, name="newsletters_issue"),
        path(
            "newsletters/issue/<id:pk>/preview.<str:fmt>",
            admin_views.preview,
            name="newsletters_preview",
        ),
        path("newsletters/issue/<id:pk>/test/", admin_views.test_send, name="newsletters_test"),
        path(
            "newsletters/issue/<id:pk>/send/",
            admin_views.send_confirm,
            name="newsletters_send_confirm",
        ),
        path("newsletters/send/<id:pk>/", admin_views.send_detail, name="newsletters_send"),
    ]


def _issue_buttons(page, user):
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, NewsletterIssuePage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield MenuItem(
        _("Preview and send"),
        reverse("newsletters_issue", args=[page.pk]),
        icon_name="mail",
        priority=80,
    )


@hooks.register("register_page_listing_more_buttons")
def issue_listing_buttons(page, user, next_url=None):
    yield from _issue_buttons(page, user)


@hooks.register("register_page_header_buttons")
def issue_header_buttons(page, user, view_name, next_url=None):
    yield from _issue_buttons(page, user)
