"""Tests: fast hashing, in-memory mail, immediate tasks, no HTTPS redirects."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")  # noqa: S105
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# No connection pool: the race tests give each thread a connection of its own, all at once.
os.environ.setdefault("DATABASE_POOL_MAX", "0")

from .base import *  # noqa: E402,F403

DEBUG = False
SAMHANDLING_DEMO_ALLOWED = True  # the tests load the demo
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Each database's pass has folders of its own, so CI can run the SQLite and the PostgreSQL pass
# side by side (.ci/run).
_PASS = "postgres" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "sqlite"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{_PASS}"  # noqa: F405
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405
# The demo's mail viewer is tested too (its admin URLs exist only where it is on).
SAMHANDLING_MAIL_VIEWER = True
SAMHANDLING_MAIL_VIEWER_DIR = BASE_DIR / "var" / f"test-mail-{_PASS}"  # noqa: F405
# The page cache is off unless a test turns it on (tests/test_page_cache*.py).
PAGE_CACHE = False
