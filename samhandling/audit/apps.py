from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samhandling.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from .memberships import connect_signals
        from .site_history import fix_user_filter

        connect_signals()
        fix_user_filter()
