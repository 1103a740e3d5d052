from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "samhandling.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from . import public_cache

        public_cache.connect()
