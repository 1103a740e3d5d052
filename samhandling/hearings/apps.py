from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "samhandling.hearings"
    label = "hearings"
    verbose_name = _("Hearings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .comment_privacy import register_comment_source

        register_comment_source()
