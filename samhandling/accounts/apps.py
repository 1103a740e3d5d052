from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff login: the lockout page of django-axes and the second factor (django-otp) that every
    admin user passes after the password."""

    name = "samhandling.accounts"
    label = "accounts"
    verbose_name = _("Staff login")

    def ready(self):
        from . import checks  # noqa: F401  (the public login's system checks)
