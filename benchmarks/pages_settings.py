"""Settings for the page benchmark's servers: the sign-up benchmark's (production settings, plain
HTTP on loopback)."""

from .settings import *  # noqa: F403
