"""Production: everything from the environment (see .env.example). Nothing here weakens base."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = False
# Behind a proxy that already terminates TLS, SECURE_SSL_REDIRECT may be switched off there.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The demo's password login is refused here (also a system check, accounts.E001).
if env_bool("SAMHANDLING_DEMO_LOGIN", False):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SAMHANDLING_DEMO_LOGIN must not be on in production.")
SAMHANDLING_DEMO_LOGIN = False
