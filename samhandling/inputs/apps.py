from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InputsConfig(AppConfig):
    name = "samhandling.inputs"
    label = "inputs"
    verbose_name = _("Input")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .privacy import register_input_source

        register_input_source()
