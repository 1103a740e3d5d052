"""Cached lookups that every page makes and that change only when an editor changes the site's
structure: which site a host name is, its health community and member organisations, the main menu.

They are kept in the default cache (Redis in production, so shared by every process) under a key
that carries a version number. Publishing, unpublishing, moving or deleting a page, changing who
may see a page, or saving a site, a health community, an organisation, a locale, an image, a
document, an agreement's version, an adoption or a membership bumps the version at once (the rest
of the transaction reads afresh) and again once the change is committed (a request that read the
old state in between must not keep it under the new version), and the next request reads afresh.
The timeout only bounds how long a cache that is not shared between processes (no REDIS_URL) can
lag behind. Within one request, what was read is kept in memory for the rest of the request
(`_memo`).

Since a key carries the version, what was read for it can never go stale: each process also keeps
what it read or built (`_copies`, a bounded number, pickled so that no caller can change a copy
another request gets), so that after its first request a process reads only the version from the
shared cache. A copy is kept no longer than TIMEOUT, so that without a shared cache a process lags
behind another's change at most twice as long as before."""

import contextlib
import hashlib
import logging
import pickle  # nosec B403 - only bytes this process pickled itself
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
    _request.uncommitted = False


def request_finished(**_kwargs) -> None:
    _request.memo = None


def for_this_request(name: str, build):
    """`build()`, kept for the rest of the request (until the structure changes); outside a
    request, built every time."""
    memo = _memo()
    if memo is None:
        return build()
    key = ("for-this-request", name)
    if key not in memo:
        memo[key] = build()
    return memo[key]


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
    that read the old state in between must not keep it under the new version).

    Until the commit, what this thread reads is the change not yet committed, which a rollback
    would undo: it is not kept under the new version (`_uncommitted`)."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        _request.uncommitted = True
        transaction.on_commit(_committed)
    else:
        transaction.on_commit(_bump)


def _committed() -> None:
    _request.uncommitted = False
    _bump()


def _uncommitted() -> bool:
    """True while this thread is inside the transaction that changed the structure: what it
    reads may be rolled back, so it is neither stored in the shared cache nor kept."""
    return getattr(_request, "uncommitted", False) and transaction.get_connection().in_atomic_block


# What this process read from or wrote to the shared cache under a versioned key: {key: (kept
# until, value or its pickle)}. Bounded: emptied when full (old versions' keys go with it).
_copies: dict = {}
COPIES_ENTRIES = 2048
COPIES_BYTES = 32 * 1024 * 1024
_copies_bytes = 0
_PLAIN = (str, int, float, bool, bytes, type(None))


def _plain(value) -> bool:
    """True for a value no caller can change: strings, numbers, None and tuples of them."""
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return type(value) in _PLAIN


def _copy_of(key: str):
    """The value this process keeps for the key (a fresh object of its own each time), or
    _MISSING."""
    kept = _copies.get(key)
    if kept is None:
        return _MISSING
    until, plain, stored = kept
    if until < time.monotonic():
        return _MISSING
    return stored if plain else pickle.loads(stored)  # noqa: S301  # nosec B301 - pickled here


def _keep_copy(key: str, value) -> None:
    global _copies_bytes
    plain = _plain(value)
    try:
        stored = value if plain else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a value that cannot be pickled stays in the shared cache only
        return
    size = 0 if plain else len(stored)
    if len(_copies) >= COPIES_ENTRIES or _copies_bytes + size > COPIES_BYTES:
        _forget_old_versions(_copies, key)
        _copies_bytes = sum(len(stored) for _until, plain, stored in _copies.values() if not plain)
        if len(_copies) >= COPIES_ENTRIES or _copies_bytes + size > COPIES_BYTES:
            _copies.clear()
            _copies_bytes = 0
    if size > COPIES_BYTES // 8:
        return
    _copies[key] = (time.monotonic() + TIMEOUT, plain, stored)
    _copies_bytes += size


def cached(name: str, *parts, build):
    """`build()`, or what it returned last time for the same name and parts (None included).
    The cache is only a shortcut: if it cannot be reached, the lookup is made every time."""
    memo = _memo()
    if memo is not None and (name, parts) in memo:
        return memo[(name, parts)]
    try:
        key = _key(name, parts)
    except Exception:  # noqa: BLE001 - e.g. Redis down: serve from the database
        logger.warning("The cache cannot be reached; reading %s from the database.", name)
        return build()
    value = _copy_of(key)
    if value is _MISSING:
        try:
            value = cache.get(key, _MISSING)
        except Exception:  # noqa: BLE001 - e.g. Redis down: serve from the database
            logger.warning("The cache cannot be reached; reading %s from the database.", name)
            return build()
        if value is _MISSING:
            value = build()
            if _uncommitted():
                return value
            with contextlib.suppress(Exception):
                cache.set(key, value, timeout=TIMEOUT)
        _keep_copy(key, value)  # pickled now, before a caller could change this object
    if memo is not None:
        memo[(name, parts)] = value
    return value


# `immutable()`: values kept in this process, under the same versioned key; a bounded number.
_process: dict = {}
PROCESS_ENTRIES = 4096  # a few per site and language, and the breadcrumbs of each page


def immutable(name: str, *parts, build):
    """`build()` kept in this process's memory under the current version, for values that no
    caller changes (tuples of strings and numbers, rendered fragments, and the request's site,
    community and home page, which serving a page only reads): no unpickling, no rebuilding, on
    a request that needs it again. The version is read as for `cached` (once per request), so a
    change to the structure is seen as soon as the version is bumped."""
    try:
        key = _key(name, parts)
    except Exception:  # noqa: BLE001 - the cache is down: build every time
        return build()
    value = _process.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if _uncommitted():
            return value
        if len(_process) >= PROCESS_ENTRIES:
            _forget_old_versions(_process, key)
            if len(_process) >= PROCESS_ENTRIES:
                _process.clear()
        _process[key] = value
    return value


def _forget_old_versions(kept: dict, key: str) -> None:
    """Drop what was kept under another version than `key`'s (the current one): it can never be
    asked for again. What the current version keeps stays, so that a full store does not make
    every page of the site build its parts again at once."""
    current = ":" + key.rpartition(":")[2]
    for old in [old for old in kept if not old.endswith(current)]:
        del kept[old]


def replace_immutable(name: str, *parts, value) -> None:
    """Keep `value` for `immutable(name, *parts)` instead of what was built (it has expired)."""
    if _uncommitted():
        return
    with contextlib.suppress(Exception):
        _process[_key(name, parts)] = value


def peek(name: str, *parts):
    """What `remember` kept for the name and parts under the current version, or None."""
    try:
        key = _key(name, parts)
        value = _copy_of(key)
        if value is _MISSING:
            value = cache.get(key)
            # Nothing too (an address no page has, say): another process that remembers it
            # later only makes this one find the page the longer way until the version changes.
            _keep_copy(key, value)
    except Exception:  # noqa: BLE001 - the cache is only a shortcut
        return None
    return value


def remember(name: str, *parts, value) -> None:
    if _uncommitted():
        return
    with contextlib.suppress(Exception):
        key = _key(name, parts)
        cache.set(key, value, timeout=TIMEOUT)
        _keep_copy(key, value)


# Parts longer than this (an address someone typed, say) go into the key as their SHA-256, so
# that no key passes the 250 characters memcached allows and a client cannot make keys huge.
KEY_PARTS_MAX = 160


def _key(name: str, parts) -> str:
    joined = ":".join(str(part) for part in parts)
    if len(joined) > KEY_PARTS_MAX:
        joined = "sha256-" + hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()
    return f"samhandling:{name}:{joined}:{_version()}"


def page_saved(sender, instance, created=False, raw=False, **_kwargs) -> None:
    """A new alias of a page changes which view restrictions apply below it; a site's root page
    saved (a new translation of it, say) changes Wagtail's site root paths, which are kept under
    the version (`page_urls.site_root_paths`). Wagtail itself forgets its own copy then."""
    from wagtail.models import Page

    if raw or not isinstance(instance, Page):
        return
    if (created and instance.alias_of_id) or instance.is_site_root():
        structure_changed()


def connect_signals() -> None:
    from django.core.signals import request_finished as finished
    from django.core.signals import request_started as started
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from samhandling.agreements.versions import Adoption, AgreementVersion
    from samhandling.committees.people import Membership
    from samhandling.organisations.models import HealthCommunity, Organisation

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(structure_changed, dispatch_uid=f"samhandling-structure-{id(signal)}")
    post_delete.connect(structure_changed, sender=Page, dispatch_uid="samhandling-structure-page")
    # An image saved (its file replaced: its renditions go) changes the logo's cached rendition;
    # an image or a document saved changes the page parts kept with them (kept_tags.py).
    models = (
        PageViewRestriction,
        Site,
        HealthCommunity,
        Organisation,
        Locale,
        get_image_model(),
        get_document_model(),
        # An agreement's versions and who has adopted them (the agreement page's kept status).
        AgreementVersion,
        Adoption,
        # Who sits on a committee (the committee structure's member counts).
        Membership,
    )
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                structure_changed,
                sender=model,
                dispatch_uid=f"samhandling-structure-{model.__name__}-{id(signal)}",
            )
    post_save.connect(page_saved, dispatch_uid="samhandling-structure-alias")
    started.connect(request_started, dispatch_uid="samhandling-structure-request-started")
    finished.connect(request_finished, dispatch_uid="samhandling-structure-request-finished")
    m2m_changed.connect(
        structure_changed,
        sender=HealthCommunity.members.through,
        dispatch_uid="samhandling-structure-members",
    )
