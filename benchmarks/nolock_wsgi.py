"""The WSGI app WITHOUT the row locks of the sign-up services: only for the benchmark's
`--without-lock` variant, which shows that parallel sign-ups over HTTP break the limits when the
locks are gone. Never serve this module.

The benchmark starts gunicorn with this module (and SIGNUP_RUSH_WITHOUT_LOCK=1) instead of
`samhandling.wsgi`; each worker process imports it, so the patch is in every process. Production
code reads no switch: the patch lives here only."""

import os

if os.environ.get("SIGNUP_RUSH_WITHOUT_LOCK") != "1":
    raise RuntimeError(
        "benchmarks.nolock_wsgi removes the sign-up locks; it runs only under the benchmark "
        "(SIGNUP_RUSH_WITHOUT_LOCK=1)."
    )

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from samhandling.events import services  # noqa: E402
from samhandling.events.models import EventPage, EventSeriesPage  # noqa: E402


def _lock_without_row_locks(*, event):
    """`locks.event_lock` minus `select_for_update`: reads the same rows, locks nothing."""
    series = event.series
    if series is not None:
        series = EventSeriesPage.objects.get(pk=series.pk)
    return EventPage.objects.get(pk=event.pk), series


# The sign-up services call `event_lock` by the name they imported, so the patch goes there.
services.event_lock = _lock_without_row_locks
