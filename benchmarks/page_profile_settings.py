"""Settings for `benchmarks/page_profile.py`: the production settings (DEBUG off, Django's cached
template loader, which it uses whenever DEBUG is off and no loaders are set), configured through
the environment as production is; plus one bare Django view beside the pages, as the reference.

Static files are referenced without the manifest (no `collectstatic` needed), as in
`benchmarks/settings.py`."""

import os

from samhandling.settings.production import *  # noqa: F403

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ROOT_URLCONF = "benchmarks.page_profile_urls"
# The demo's images (and their renditions) next to the profile's database.
MEDIA_ROOT = os.environ["PAGE_PROFILE_MEDIA_ROOT"]
