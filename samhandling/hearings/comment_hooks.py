"""The admin's moderation of comments on sections: its addresses, a menu item with the number of
comments waiting, and a button on a hearing page's header. Imported by wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import comment_admin
from .comment_selectors import pending_comment_count
from .pages import HearingPage


@hooks.register("register_admin_urls")
def register_comment_admin_urls():
    return [
        path("hearing-comments/", comment_admin.comments_index, name="hearing_comments_index"),
        path(
            "hearing-comments/<id:hearing_id>/",
            comment_admin.hearing_comments,
            name="hearing_comments",
        ),
        path(
            "hearing-comments/comment/<id:pk>/<str:action>/",
            comment_admin.comment_moderate,
            name="hearing_comment_moderate",
        ),
    ]


class PendingCommentsMenuItem(AdminMenuItem):
    """ "Comments on hearings", with the number waiting for moderation."""

    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")

    def render_component(self, request):
        waiting = pending_comment_count()
        label = str(self.label)
        if waiting:
            label = gettext("%(label)s (%(count)s waiting)") % {"label": label, "count": waiting}
        original, self.label = self.label, label
        try:
            return super().render_component(request)
        finally:
            self.label = original


@hooks.register("register_admin_menu_item")
def comments_menu_item():
    return PendingCommentsMenuItem(
        _("Comments on hearings"),
        reverse("hearing_comments_index"),
        name="hearing-comments",
        icon_name="comment",
        order=310,
    )


@hooks.register("register_page_header_buttons")
def hearing_comments_header_button(page, user, view_name, next_url=None):
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, HearingPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    waiting = pending_comment_count(hearing=page)
    label = gettext("Comments on sections")
    if waiting:
        label = gettext("%(label)s (%(count)s waiting)") % {"label": label, "count": waiting}
    yield MenuItem(
        label,
        reverse("hearing_comments", args=[page.pk]),
        icon_name="comment",
        priority=90,
    )
