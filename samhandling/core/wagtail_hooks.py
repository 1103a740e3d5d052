"""The demo's mail viewer in the admin: its URLs and menu item exist only where the settings
turn it on (dev and demo); production has neither."""

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import mail_viewer


class MailViewerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


def mail_viewer_urls():
    return [
        path("demo-mail/", mail_viewer.mail_index, name="core_mail_index"),
        path("demo-mail/clear/", mail_viewer.mail_clear, name="core_mail_clear"),
        path("demo-mail/<str:key>/", mail_viewer.mail_detail, name="core_mail_detail"),
        path(
            "demo-mail/<str:key>/attachment/<int:index>/",
            mail_viewer.mail_attachment,
            name="core_mail_attachment",
        ),
    ]


def mail_viewer_menu_item():
    return MailViewerMenuItem(
        _("E-mail (demo)"), reverse("core_mail_index"), icon_name="mail", order=10000
    )


if getattr(settings, "SAMHANDLING_MAIL_VIEWER", False):
    hooks.register("register_admin_urls", mail_viewer_urls)
    hooks.register("register_admin_menu_item", mail_viewer_menu_item)


@hooks.register("before_serve_page")
def page_cache_declare(page, request, serve_args, serve_kwargs):
    """Public pages may be shared with other anonymous visitors (core/page_cache_middleware.py)."""
    from .page_cache_middleware import declare_page

    declare_page(page, request)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own (order 0)
def kept_page_links(features):
    """Links to pages in rich text kept with the site's structure (core/rich_text_links.py)."""
    from .rich_text_links import KeptPageLinkHandler

    features.register_link_type(KeptPageLinkHandler)
