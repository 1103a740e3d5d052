from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "samhandling.contacts"
    label = "contacts"
    verbose_name = _("Organisation contacts")

    def ready(self):
        from . import receivers  # noqa: F401  (binds roles when a login says so)
