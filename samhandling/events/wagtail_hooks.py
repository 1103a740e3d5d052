"""Admin: registrations (with export and actions that go through the services) and the outbox."""

import django_filters
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>
from samhandling.core.spreadsheets import SafeSpreadsheetExportMixin
from samhandling.organisations.roles import SecretariatScopedViewSetMixin, scope_to_secretariat

from . import admin_exports, admin_messages, admin_views
from .models import (
    APPROVAL_KINDS,
    EventPage,
    EventSeriesPage,
    OutboxMessage,
    Registration,
    RegistrationStatus,
)
from .selectors import active_registration_count, event_changes, previous_live_version


class RegistrationFilterSet(WagtailFilterSet):
    """Registrations per event or per series, by status, kind and attendance."""

    series = django_filters.ModelChoiceFilter(
        label=_("Series"),
        queryset=EventSeriesPage.objects.order_by("-first_published_at"),
        method="filter_series",
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=EventPage.objects.order_by("-start")
    )

    class Meta:
        model = Registration
        fields = ["series", "event", "status", "kind", "attended"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:  # the series and events of the user's communities only
            for name in ("series", "event"):
                field = self.filters[name]
                field.queryset = scope_to_secretariat(field.queryset, user=request.user, page="")

    def filter_series(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(event__in=EventPage.objects.child_of(value).values("pk"))


class RegistrationIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The registrations list; its CSV and XLSX downloads go through the project's safe cells."""


class RegistrationViewSet(SecretariatScopedViewSetMixin, SnippetViewSet):
    model = Registration
    secretariat_scope = {"page": "event"}  # a community's secretariat sees its own sign-ups
    index_view_class = RegistrationIndexView
    icon = "form"
    menu_label = _("Registrations")
    list_display = [
        "name",
        "event",
        Column("organisation_name", label=_("Organisation")),
        "kind",
        "status",
        "position",
        "created",
    ]
    filterset_class = RegistrationFilterSet
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
        "attended_at",
        "created",
    ]
    export_headings = {"organisation_name": _("Organisation")}
    search_fields = ["name", "email", "organisation_other", "job_title"]
    ordering = ["event", "status", "position", "created"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("organisation_other")]),
        FieldPanel("job_title"),
        FieldRowPanel([FieldPanel("dietary_needs"), FieldPanel("accessibility_needs")]),
        FieldPanel("attended"),
    ]


class OutboxViewSet(SecretariatScopedViewSetMixin, SnippetViewSet):
    model = OutboxMessage
    secretariat_scope = {"page": ("registration__event", "broadcast__page")}
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    list_display = [
        "subject",
        "to_email",
        "kind",
        "language",
        "status",
        "attempts",
        "created",
        "sent_at",
    ]
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
            "events/registration/<id:pk>/move/",
            admin_views.registration_move_view,
            name="events_registration_move",
        ),
        path(
            "events/registration/<id:pk>/attended/",
            admin_views.registration_attended,
            name="events_registration_attended",
        ),
        path(
            "events/registration/<id:pk>/<str:action>/",
            admin_views.registration_action,
            name="events_registration_action",
        ),
        path(
            "events/series/<id:pk>/quota/",
            admin_views.series_quota,
            name="events_series_quota",
        ),
        path(
            "events/event/<id:pk>/check-in/",
            admin_views.event_checkin,
            name="events_event_checkin",
        ),
        path(
            "events/event/<id:pk>/export/",
            admin_exports.event_export,
            name="events_event_export",
        ),
        path(
            "events/event/<id:pk>/badges/",
            admin_exports.event_badges,
            name="events_event_badges",
        ),
        path(
            "events/event/<id:pk>/notify/",
            admin_views.event_notify,
            name="events_event_notify",
        ),
        path(
            "events/event/<id:pk>/notify-cancelled/",
            admin_messages.event_notify_cancelled,
            name="events_event_notify_cancelled",
        ),
        path(
            "events/<id:pk>/message/",
            admin_messages.broadcast,
            name="events_broadcast",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def registration_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Registration) or not user.has_perm("events.change_registration"):
        return
    actions = []
    if snippet.kind in APPROVAL_KINDS and snippet.status == RegistrationStatus.PENDING:
        actions += [("approve", admin_views.action_texts("approve", snippet)[0], "success")]
        actions += [("reject", admin_views.action_texts("reject", snippet)[0], "cross")]
    if snippet.is_active:
        actions += [("cancel", _("Cancel registration"), "bin")]
    for priority, (action, label, icon) in enumerate(actions):
        url = reverse("events_registration_action", args=[snippet.pk, action])
        yield MenuItem(label, url, icon_name=icon, priority=200 + priority)
    if snippet.is_active and snippet.event.series is not None:
        url = reverse("events_registration_move", args=[snippet.pk])
        yield MenuItem(
            _("Move to another event in the series"), url, icon_name="resubmit", priority=210
        )
        url = reverse("events_series_quota", args=[snippet.event.series.pk])
        yield MenuItem(_("Quota board"), url, icon_name="group", priority=211)


def _event_page_buttons(page, user):
    if not user.has_perm("events.change_registration"):
        return
    listing = reverse("wagtailsnippets_events_registration:list")
    page_class = page.specific_class
    if page_class is not None and issubclass(page_class, EventSeriesPage):
        url = reverse("events_series_quota", args=[page.pk])
        yield MenuItem(_("Quota board"), url, icon_name="group", priority=80)
        url = reverse("events_broadcast", args=[page.pk])
        yield MenuItem(_("Message to participants"), url, icon_name="mail", priority=84)
    elif page_class is not None and issubclass(page_class, EventPage):
        url = reverse("events_event_checkin", args=[page.pk])
        yield MenuItem(_("Check-in"), url, icon_name="tick", priority=80)
        url = reverse("events_event_export", args=[page.pk])
        yield MenuItem(_("Export participants"), url, icon_name="download", priority=82)
        url = reverse("events_event_badges", args=[page.pk])
        yield MenuItem(_("Name badges (PDF)"), url, icon_name="doc-full", priority=83)
        url = reverse("events_broadcast", args=[page.pk])
        yield MenuItem(_("Message to participants"), url, icon_name="mail", priority=84)
        yield MenuItem(
            _("Registrations"),
            f"{listing}?{urlencode({'event': page.pk})}",
            icon_name="form",
            priority=81,
        )


@hooks.register("register_page_listing_more_buttons")
def event_page_listing_buttons(page, user, next_url=None):
    yield from _event_page_buttons(page, user)


@hooks.register("register_page_header_buttons")
def event_page_header_buttons(page, user, view_name, next_url=None):
    yield from _event_page_buttons(page, user)
    if getattr(page, "cancelled", False) and user.has_perm("events.change_registration"):
        url = reverse("events_event_notify_cancelled", args=[page.pk])
        yield MenuItem(
            _("Tell the participants that the event is cancelled"),
            url,
            icon_name="warning",
            priority=85,
        )


@hooks.register("after_publish_page")
def offer_change_notification(request, page):
    """After an event with sign-ups is published with a new time, venue or program, offer to
    tell the participants (nothing is sent until the editor confirms)."""
    page = page.specific
    if not isinstance(page, EventPage) or page.live_revision_id != page.latest_revision_id:
        return  # not an event, or publishing is scheduled for later
    count = active_registration_count(event=page)
    if not count:
        return
    before = previous_live_version(event=page)
    if page.cancelled and (before is None or not before.cancelled):
        _offer_cancellation_notice(request, page, count)
        return
    if before is None or not event_changes(before=before, after=page):
        return
    messages.warning(
        request,
        ngettext(
            "The time, venue or program of this event has changed, and %(count)s participant "
            "has signed up.",
            "The time, venue or program of this event has changed, and %(count)s participants "
            "have signed up.",
            count,
        )
        % {"count": count},
        buttons=[
            messages.button(
                reverse("events_event_notify", args=[page.pk]),
                ngettext(
                    "Notify %(counter)s participant of the change",
                    "Notify %(counter)s participants of the change",
                    count,
                )
                % {"counter": count},
            )
        ],
    )


def _offer_cancellation_notice(request, page, count: int) -> None:
    """The event has just been published as cancelled: offer to tell everyone signed up."""
    messages.warning(
        request,
        ngettext(
            "This event is cancelled, and %(count)s participant has signed up.",
            "This event is cancelled, and %(count)s participants have signed up.",
            count,
        )
        % {"count": count},
        buttons=[
            messages.button(
                reverse("events_event_notify_cancelled", args=[page.pk]),
                ngettext(
                    "Tell %(counter)s participant that it is cancelled",
                    "Tell %(counter)s participants that it is cancelled",
                    count,
                )
                % {"counter": count},
            )
        ],
    )
