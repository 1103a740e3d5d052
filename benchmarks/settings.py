"""Settings for the sign-up benchmark's gunicorn: the production settings, configured through the
same environment variables as production (the benchmark sets HTTP-only values for loopback).

The one change: static files are referenced without the manifest, so the benchmark does not have
to run `collectstatic` (about 20 seconds) before it starts. Sign-up pages only link to static
files; no request in the benchmark fetches one."""

from samhandling.settings.production import *  # noqa: F403

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
