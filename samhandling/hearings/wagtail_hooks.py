"""The hearings in the admin: a menu item "Hearings" with a board per hearing, the board's
buttons on the hearing page, and the period warning after a hearing is saved."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import admin_views, comment_hooks  # noqa: F401 - comment_hooks registers its hooks
from .admin_forms import period_warning
from .pages import HearingPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("hearings/", admin_views.hearing_index, name="hearings_index"),
        path("hearings/<id:pk>/board/", admin_views.board_view, name="hearings_board"),
        path("hearings/<id:pk>/remind/", admin_views.board_remind, name="hearings_remind"),
        path("hearings/<id:pk>/extend/", admin_views.board_extend, name="hearings_extend"),
        path(
            "hearings/<id:pk>/extension/<id:extension_pk>/remove/",
            admin_views.extension_remove,
            name="hearings_extension_remove",
        ),
        path(
            "hearings/<id:pk>/register/",
            admin_views.response_register_view,
            name="hearings_register",
        ),
        path("hearings/<id:pk>/export.xlsx", admin_views.export_xlsx, name="hearings_xlsx"),
        path("hearings/<id:pk>/archive.zip", admin_views.export_zip, name="hearings_zip"),
        path("hearings/<id:pk>/report/", admin_views.report_view, name="hearings_report"),
        path(
            "hearings/<id:pk>/report.<str:fmt>",
            admin_views.report_download,
            name="hearings_report_download",
        ),
        path("hearings/response/<id:pk>/", admin_views.response_detail, name="hearings_response"),
    ]


class HearingsMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERM)


@hooks.register("register_admin_menu_item")
def register_hearings_menu_item():
    return HearingsMenuItem(
        _("Hearings"), reverse("hearings_index"), icon_name="clipboard-list", order=320
    )


def _hearing_buttons(page, user):
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, HearingPage):
        return
    if not user.has_perm(admin_views.VIEW_PERM):
        return
    yield MenuItem(
        _("Hearing board"),
        reverse("hearings_board", args=[page.pk]),
        icon_name="group",
        priority=80,
    )
    yield MenuItem(
        _("Summary report"),
        reverse("hearings_report", args=[page.pk]),
        icon_name="doc-full",
        priority=81,
    )


@hooks.register("register_page_listing_more_buttons")
def hearing_page_listing_buttons(page, user, next_url=None):
    yield from _hearing_buttons(page, user)


@hooks.register("register_page_header_buttons")
def hearing_page_header_buttons(page, user, view_name, next_url=None):
    yield from _hearing_buttons(page, user)


def _warn_about_period(request, page):
    page = page.specific
    if isinstance(page, HearingPage):
        warning = period_warning(opens_on=page.opens_on, deadline=page.deadline)
        if warning:
            messages.warning(request, warning)


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_about_period(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_about_period(request, page)
