from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "samhandling.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samhandling.core.upcoming import register_upcoming_provider

        from .selectors import upcoming_event_items

        register_upcoming_provider(upcoming_event_items)
