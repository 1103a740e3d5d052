"""Admin: people (with their memberships inline) and memberships as snippets, the follow-up
screen in the same menu, and "Publish minutes" on meetings that have been held."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>
from samhandling.organisations.roles import SecretariatScopedViewSetMixin

from . import admin_views
from .people import Membership, Person
from .selectors import user_may_follow_up


class PersonViewSet(SecretariatScopedViewSetMixin, SnippetViewSet):
    model = Person
    # A community's secretariat sees the people of its own committees (organisations.roles).
    secretariat_scope = {"page": "memberships__committee"}
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "title", "email"]
    ordering = ["name"]


class MembershipViewSet(SecretariatScopedViewSetMixin, SnippetViewSet):
    model = Membership
    secretariat_scope = {"page": "committee"}
    icon = "group"
    menu_label = _("Memberships")
    list_display = ["person", "committee", "role", "represents", "term_start", "term_end"]
    list_filter = ["role", "represents"]
    ordering = ["committee__title", "person__name"]
    panels = [
        FieldPanel("person"),
        FieldPanel("committee"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("represents")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
    ]


class CommitteesGroup(SnippetViewSetGroup):
    items = (PersonViewSet, MembershipViewSet)
    menu_icon = "group"
    menu_label = _("Committees")
    menu_name = "committees"
    # Menu items registered with this hook join the group (the follow-up screen below).
    submenu_hook = "register_committees_menu_item"


register_snippet(CommitteesGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("committees/follow-up/", admin_views.follow_up_index, name="committees_follow_up"),
        path(
            "committees/meeting/<id:pk>/publish-minutes/",
            admin_views.meeting_publish_minutes,
            name="committees_meeting_publish_minutes",
        ),
    ]


class FollowUpMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_follow_up(user=request.user)


@hooks.register("register_committees_menu_item")
def follow_up_menu_item():
    return FollowUpMenuItem(
        _("Follow-up of decisions"),
        reverse("committees_follow_up"),
        name="follow-up",
        icon_name="tasks",
        order=10,
    )


class PublishMinutesButton(PageMenuItem):
    label = _("Publish minutes")
    icon_name = "doc-full"
    url_name = "committees_meeting_publish_minutes"

    def is_shown(self, user):
        return admin_views.minutes_can_be_published(page=self.page, user=user)


@hooks.register("register_page_header_buttons")
def publish_minutes_header_button(page, user, view_name, next_url=None):
    yield PublishMinutesButton(page=page, priority=12)


@hooks.register("register_page_listing_more_buttons")
def publish_minutes_listing_button(page, user, next_url=None):
    yield PublishMinutesButton(page=page, priority=12)


@hooks.register("after_publish_page")
def log_minutes_and_follow_up(request, page):
    """A meeting published in the editor: its minutes and changed follow-ups in the audit trail."""
    from .pages import MeetingPage
    from .services import meeting_published_log

    page = page.specific
    if isinstance(page, MeetingPage) and page.live_revision_id == page.latest_revision_id:
        meeting_published_log(meeting=page, user=request.user)


@hooks.register("before_serve_document")
def hide_papers_of_unpublished_meetings(document, request):
    """Case papers of a draft or private meeting, or of a committee whose papers are not public,
    answer 404 to the public (not 403: that would confirm they exist). Editors still get them."""
    from django.http import Http404

    from .selectors import case_paper_is_public

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.has_perm("wagtaildocs.change_document"):
        return None
    if not case_paper_is_public(document=document):
        raise Http404
    return None
