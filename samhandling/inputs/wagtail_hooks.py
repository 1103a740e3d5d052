"""Admin: the menu item "Input" with the secretariat's views, and themes and topics as snippets."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import admin_views
from .models import Theme, Topic


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("innspel/", admin_views.input_list, name="inputs_admin_list"),
        path("innspel/ny/", admin_views.input_add, name="inputs_admin_add"),
        path("innspel/<id:pk>/", admin_views.input_edit, name="inputs_admin_edit"),
        path("innspel/oppsummering/", admin_views.summaries, name="inputs_admin_summaries"),
        path(
            "innspel/rapport.<str:file_format>",
            admin_views.report,
            name="inputs_admin_report",
        ),
    ]


class InputMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("inputs.change_input")


@hooks.register("register_admin_menu_item")
def register_input_menu_item():
    return InputMenuItem(_("Input"), reverse("inputs_admin_list"), icon_name="comment", order=260)


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Input themes")
    list_display = ["name", "community", "order"]
    ordering = ["order", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "help"
    menu_label = _("Input topics")
    list_display = ["title", "site", "is_open"]


register_snippet(ThemeViewSet)
register_snippet(TopicViewSet)
