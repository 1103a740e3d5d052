"""Work every process would otherwise do on its first requests, done once when the application
is loaded (`samhandling/wsgi.py`). With gunicorn's `--preload` it is done in the master before
the workers are forked, so they share the result; without it, each worker does it as it starts,
before it takes a request.

- Django's e-mail and URL validators compile their regular expressions on first use. Their host
  name part covers all of Unicode under IGNORECASE, which takes Python's `re` a quarter of a
  second to compile (measured with py-spy in a sign-up rush: a tenth of the workers' time went
  there, once in each worker, on the first sign-ups after a start).
- The layout's templates and those of the sign-up's answers are parsed once into the cached
  template loader (an include is otherwise parsed on the first page that renders it).

Then `freeze_heap` moves everything loaded so far (some 200,000 objects of Django, Wagtail and
the project) out of the garbage collector's sight (`gc.freeze`, as Python's documentation
advises before a fork): a full collection no longer walks them, which took 50–100 ms here and
could fall inside a sign-up holding the event's row lock; and the workers' pages stay shared
with the master instead of being copied when the collector touches them.

Nothing here touches the database or the cache: connections must not be opened before a fork."""

import contextlib
import gc
import logging
import time

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

logger = logging.getLogger(__name__)

TEMPLATES = (
    "base.html",
    "core/includes/head_assets.html",
    "core/includes/site_header.html",
    "core/includes/site_footer_start.html",
    "core/includes/language_switch.html",
    "core/includes/breadcrumbs.html",
    "core/includes/form_guard.html",
    "newsletters/includes/footer_form.html",
    "events/signup.html",
    "events/signup_refused.html",
    "events/includes/refusal.html",
    "events/event_page.html",
)


def warm_up() -> float:
    """Compile and parse what the first requests would; returns the seconds it took."""
    started = time.perf_counter()
    for validator, value in ((EmailValidator(), "a@example.org"), (URLValidator(), "https://a.no")):
        with contextlib.suppress(ValidationError):  # the values are valid
            validator(value)
    for name in TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:  # pragma: no cover - a project without the layout
            logger.warning("warm_up: no template %s", name)
    return time.perf_counter() - started


def freeze_heap() -> int:
    """Collect once, then freeze what is left (the application as loaded); returns how many
    objects were frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
