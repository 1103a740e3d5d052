from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "samhandling.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The subscribers as a source of personal data (data requests and erasure), and the
        # admin of lists, subscribers and imports.
        from . import subscriber_hooks  # noqa: F401
        from .subscriber_privacy import register_subscriber_source

        register_subscriber_source()
