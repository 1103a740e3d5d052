"""Production: everything from the environment (see .env.example). Nothing here weakens base."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = False
# Behind a proxy that already terminates TLS, SECURE_SSL_REDIRECT may be switched off there.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
