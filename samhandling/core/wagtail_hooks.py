from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import mail_viewer


@hooks.register("register_admin_urls")
def register_mail_viewer_urls():
    if not getattr(settings, "SAMHANDLING_MAIL_VIEWER", False):
        return []
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


class MailViewerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_mail_viewer_menu_item():
    if not getattr(settings, "SAMHANDLING_MAIL_VIEWER", False):
        return None
    return MailViewerMenuItem(
        _("E-mail (demo)"), reverse("core_mail_index"), icon_name="mail", order=10000
    )
