"""Cached lookups that every page makes and that change only when an editor changes the site's
structure: which site a host name is, its health community and member organisations, the main
menu.

They are kept in the default cache (Redis in production, so shared by every process) under a key
that carries a version number. Publishing, unpublishing, moving or deleting a page, changing who
may see a page, or saving a site, a health community, an organisation, a locale or an image bumps
the version at once (the rest of the transaction reads afresh) and again once the change is
committed (a request that read the old state in between must not keep it under the new
version), and the next request reads afresh. The timeout only bounds how long a cache that is
not shared between processes (no REDIS_URL) can lag behind. Within one request, what was read
is kept in memory for the rest of the request (`_memo`)."""

import contextlib
import hashlib
import logging
import threading
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "samhandling:structure-version"
TIMEOUT = 300
_MISSING = object()

# While a request is answered, what this thread read from the cache (the version and each value)
# is kept for the rest of the request, so that a page listing fifty pages reads the locales once,
# not fifty times. Outside a request (commands, task workers) every lookup reads the cache.
_request = threading.local()


def _memo() -> dict | None:
    return getattr(_request, "memo", None)


def request_started(**_kwargs) -> None:
    _request.memo = {}


def request_finished(**_kwargs) -> None:
    _request.memo = None


def _fresh_version() -> int:
    """A version never used before, for a cache that lost it (flushed, restarted, evicted): the
    values `immutable` keeps in a process under an old version must not come back."""
    return time.time_ns()


def _version() -> int:
    memo = _memo()
    if memo is not None and VERSION_KEY in memo:
        return memo[VERSION_KEY]
    version = cache.get(VERSION_KEY)
    if version is None:
        fresh = _fresh_version()
        cache.add(VERSION_KEY, fresh, timeout=None)
        version = cache.get(VERSION_KEY) or fresh  # a cache that keeps nothing: new every time
    if memo is not None:
        memo[VERSION_KEY] = version
    return version


def _bump() -> None:
    memo = _memo()
    if memo is not None:
        memo.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or evicted): any new value will do
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:  # noqa: BLE001 - the cache is down; entries expire after TIMEOUT
        logger.warning("The cache cannot be reached; cached site lookups expire on their own.")


def structure_changed(**_kwargs) -> None:
    """Signal receiver: forget every cached lookup now (so that the rest of the transaction, and
    a test that never commits, reads afresh) and again once the change is committed (a request
    that read the old state in between must not keep it under the new version)."""
    _bump()
    transaction.on_commit(_bump)


def cached(name: str, *parts, build):
    """`build()`, or what it returned last time for the same name and parts (None included).
    The cache is only a shortcut: if it cannot be reached, the lookup is made every time."""
    memo = _memo()
    if memo is not None and (name, parts) in memo:
        return memo[(name, parts)]
    try:
        key = _key(name, parts)
        value = cache.get(key, _MISSING)
    except Exception:  # noqa: BLE001 - e.g. Redis down: serve from the database
        logger.warning("The cache cannot be reached; reading %s from the database.", name)
        return build()
    if value is _MISSING:
        value = build()
        with contextlib.suppress(Exception):
            cache.set(key, value, timeout=TIMEOUT)
    if memo is not None:
        memo[(name, parts)] = value
    return value


# `immutable()`: values kept in this process, under the same versioned key; a bounded number.
_process: dict = {}
PROCESS_ENTRIES = 256


def immutable(name: str, *parts, build):
    """`build()` kept in this process's memory under the current version, for values that no
    caller changes (tuples of strings and numbers): no unpickling, no rebuilding, on a request
    that needs it again. The version is read as for `cached` (once per request), so a change
    to the structure is seen as soon as the version is bumped."""
    try:
        key = _key(name, parts)
    except Exception:  # noqa: BLE001 - the cache is down: build every time
        return build()
    value = _process.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if len(_process) >= PROCESS_ENTRIES:
            _process.clear()
        _process[key] = value
    return value


def peek(name: str, *parts):
    """What `remember` kept for the name and parts under the current version, or None."""
    try:
        return cache.get(_key(name, parts))
    except Exception:  # noqa: BLE001 - the cache is only a shortcut
        return None


def remember(name: str, *parts, value) -> None:
    with contextlib.suppress(Exception):
        cache.set(_key(name, parts), value, timeout=TIMEOUT)


# Parts longer than this (an address someone typed, say) go into the key as their SHA-256, so
# that no key passes the 250 characters memcached allows and a client cannot make keys huge.
KEY_PARTS_MAX = 160


def _key(name: str, parts) -> str:
    joined = ":".join(str(part) for part in parts)
    if len(joined) > KEY_PARTS_MAX:
        joined = "sha256-" + hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()
    return f"samhandling:{name}:{joined}:{_version()}"


def alias_saved(sender, instance, created=False, **_kwargs) -> None:
    """A new alias of a page changes which view restrictions apply below it."""
    if created and getattr(instance, "alias_of_id", None):
        structure_changed()


def connect_signals() -> None:
    from django.core.signals import request_finished as finished
    from django.core.signals import request_started as started
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from samhandling.organisations.models import HealthCommunity, Organisation

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(structure_changed, dispatch_uid=f"samhandling-structure-{id(signal)}")
    post_delete.connect(structure_changed, sender=Page, dispatch_uid="samhandling-structure-page")
    # An image saved (its file replaced: its renditions go) changes the logo's cached rendition.
    models = (PageViewRestriction, Site, HealthCommunity, Organisation, Locale, get_image_model())
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                structure_changed,
                sender=model,
                dispatch_uid=f"samhandling-structure-{model.__name__}-{id(signal)}",
            )
    post_save.connect(alias_saved, dispatch_uid="samhandling-structure-alias")
    started.connect(request_started, dispatch_uid="samhandling-structure-request-started")
    finished.connect(request_finished, dispatch_uid="samhandling-structure-request-finished")
    m2m_changed.connect(
        structure_changed,
        sender=HealthCommunity.members.through,
        dispatch_uid="samhandling-structure-members",
    )
