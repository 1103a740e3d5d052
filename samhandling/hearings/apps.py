from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "samhandling.hearings"
    label = "hearings"
    verbose_name = _("Hearings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The receipt's PDF attachment (mail.ATTACHMENT_BUILDERS) and the responses as a source
        # of personal data (data requests and erasure).
        from . import receipt_pdf  # noqa: F401
        from .response_privacy import register_response_source

        register_response_source()

        from .comment_privacy import register_comment_source

        register_comment_source()
