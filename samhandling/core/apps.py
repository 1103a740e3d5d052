from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samhandling.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import page_cache_purge, page_cache_tags
        from .i18n import install_fallbacks
        from .structure_cache import connect_signals

        install_fallbacks()
        connect_signals()
        page_cache_tags.connect()
        page_cache_purge.connect()

        from . import ids, mailbox  # noqa: F401 - the <id:…> path converter, a system check
