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
