"""The demo that `make run` serves: what a visitor of the product sees. Like `dev` (local host
names, mail to the console and the mail viewer) but with debug off, so an unknown address gets the
site's own 404 page, and static files hashed, compressed and served by WhiteNoise as in
production (`make run` runs collectstatic first)."""

from .dev import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", False)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Only the hashed copies are kept and compressed, which halves collectstatic on a first `make run`.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
if not REDIS_URL:  # noqa: F405
    # The web processes, the task worker and the scheduler share one cache on disk, so a change in
    # the admin is seen by every process at once.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("SAMHANDLING_DEMO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),  # noqa: F405
        }
    }
