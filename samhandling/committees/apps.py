from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "samhandling.committees"
    label = "committees"
    verbose_name = _("Committees")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samhandling.core.upcoming import register_upcoming_provider

        from .selectors import upcoming_meeting_items

        register_upcoming_provider(upcoming_meeting_items)

        from wagtail.signals import page_published

        from .emails import on_page_published
        from .pages import MeetingPage

        page_published.connect(
            on_page_published, sender=MeetingPage, dispatch_uid="committees_minutes_notices"
        )
