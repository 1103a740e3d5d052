"""Admin: registrations (with export and actions that go through the services) and the outbox."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import OutboxMessage, Registration, RegistrationKind, RegistrationStatus


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    list_display = ["name", "event", "organisation_name", "kind", "status", "position", "created"]
    list_filter = ["status", "kind", "attended"]
    list_export = [
        "event",
        "name",
        "email",
        "phone",
        "organisation_name",
        "job_title",
        "kind",
        "status",
        "position",
        "dietary_needs",
        "accessibility_needs",
        "attended",
        "created",
    ]
    search_fields = ["name", "email", "organisation_other", "job_title"]
    ordering = ["event", "status", "position", "created"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("organisation_other")]),
        FieldPanel("job_title"),
        FieldRowPanel([FieldPanel("dietary_needs"), FieldPanel("accessibility_needs")]),
        FieldPanel("attended"),
    ]


class OutboxViewSet(SnippetViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    list_display = ["subject", "to_email", "kind", "status", "attempts", "created", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject"]
    ordering = ["-created"]
    panels = [FieldPanel("status", read_only=True), FieldPanel("last_error", read_only=True)]


class EventsGroup(SnippetViewSetGroup):
    items = (RegistrationViewSet, OutboxViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "events"


register_snippet(EventsGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "events/registration/<int:pk>/<str:action>/",
            admin_views.registration_action,
            name="events_registration_action",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def registration_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Registration) or not user.has_perm("events.change_registration"):
        return
    actions = []
    if snippet.kind == RegistrationKind.PRESS and snippet.status == RegistrationStatus.PENDING:
        actions += [("approve", _("Approve press request"), "success")]
        actions += [("reject", _("Reject press request"), "cross")]
    if snippet.is_active:
        actions += [("cancel", _("Cancel registration"), "bin")]
    for priority, (action, label, icon) in enumerate(actions):
        url = reverse("events_registration_action", args=[snippet.pk, action])
        yield MenuItem(label, url, icon_name=icon, priority=200 + priority)
