"""The page cache for anonymous visitors: whole responses kept in the default cache (Redis with
REDIS_URL, so every app process shares them; local memory otherwise), and purged by the records
they show.

Keys: the host (the site), the language the visitor gets (their language cookie, otherwise the
site's default), and the path with its query string. Only anonymous GET and HEAD requests without
a session cookie are served from it or stored in it (samhandling/core/page_cache_middleware.py).

Dependencies: while a page renders, every record it reads is noted as a *tag* ("page:42" for any
page, "committees.person:7" for other records, "menu:<site root path>", …;
page_cache_tags.py). Each tag maps, in the shared cache, to the set of cached entries that showed
it. `purge_tags()` deletes those entries (and, when WAGTAILFRONTENDCACHE is configured, asks the
front cache to drop their URLs). Purges run after the change is committed
(page_cache_purge.py), and mark each purged tag with the time, so a page that started rendering
before the purge (and so may show the old state) is not kept.

With Redis the tag sets are Redis sets (SADD is atomic: two processes adding entries to one tag
never lose each other's); with the local-memory cache a lock does the same within the process."""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

logger = logging.getLogger(__name__)

PREFIX = "samhandling:page-cache"
# A purge within this many seconds before a page started rendering still keeps it out of the
# cache (clocks of app servers differ a little: a server whose clock is ahead must not keep a
# page it began before the purge).
CLOCK_MARGIN = 1.0
# Query strings longer than this are not cached (each one would make an entry of its own).
MAX_QUERY_LENGTH = 512


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE", False))


def default_seconds() -> int:
    return max(int(getattr(settings, "PAGE_CACHE_SECONDS", 300)), 0)


def entry_key(*, host: str, language: str, path: str, query: str) -> str:
    digest = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()[:40]
    return f"{PREFIX}:entry:{host.lower()}:{language}:{digest}"


def _tag_key(tag: str) -> str:
    return f"{PREFIX}:tag:{tag}"


def _purged_key(tag: str) -> str:
    return f"{PREFIX}:purged:{tag}"


@dataclass
class Recorder:
    """What one render read: tags, and the earliest moment the page changes by itself."""

    started: float = field(default_factory=time.time)
    tags: set = field(default_factory=set)
    changes_at: float | None = None  # a Unix time

    def add(self, *tags: str) -> None:
        self.tags.update(tags)

    def change_at(self, moment: float) -> None:
        if moment > time.time() and (self.changes_at is None or moment < self.changes_at):
            self.changes_at = moment

    def seconds(self) -> int:
        """How long the page may be kept: the setting, or less if it changes sooner."""
        seconds = default_seconds()
        if self.changes_at is not None:
            seconds = min(seconds, max(int(self.changes_at - time.time()), 0))
        return seconds


class PageCache:
    """Entries and tag sets in one Django cache (`caches["default"]` unless given)."""

    _local_lock = threading.Lock()

    def __init__(self, cache=None):
        self.cache = cache if cache is not None else caches["default"]

    # --- Redis or not ---------------------------------------------------------------------------
    def _redis(self):
        client = getattr(self.cache, "client", None)
        if client is None or not hasattr(client, "get_client"):
            return None
        return client.get_client(write=True)

    # --- entries --------------------------------------------------------------------------------
    def _near_copies(self):
        from .page_cache_local import near_copies

        redis = self._redis()
        if redis is None:
            return None
        return near_copies(self.cache, redis, getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 0))

    def get(self, key: str):
        try:
            near = self._near_copies()
            if near is not None:
                entry = near.get(key)
                if entry is not None:
                    return entry
            entry = self.cache.get(key)
            if entry is not None and entry.get("tags") and self._purged_since(entry):
                self.cache.delete(key)
                return None
            if entry is not None and near is not None:
                near.keep(key, entry)
            return entry
        except Exception:  # noqa: BLE001 - the cache is down: render the page
            logger.warning("The page cache cannot be reached; pages are rendered.")
            return None

    def _purged_since(self, entry: dict) -> bool:
        """Whether one of the entry's tags was purged after its render started. Only entries kept
        without Redis carry their tags: there several processes sharing a file cache (the demo)
        rewrite a tag's set whole and may lose each other's members, so a purge could miss an
        entry; this check at every hit makes a purge hold whatever happened to the sets."""
        marks = self.cache.get_many([_purged_key(tag) for tag in entry["tags"]])
        return any(mark >= entry["started"] - CLOCK_MARGIN for mark in marks.values())

    def store(self, key: str, url: str, response, recorder: Recorder, seconds: int) -> bool:
        """Keep `response` under `key` for `seconds`, listed under each of the recorder's tags.
        Not kept (False) when one of the tags was purged after the render started."""
        if seconds <= 0:
            return False
        entry = {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in {"cache-control", "x-page-cache"}
            ],
            "content": response.content,
            "expires": time.time() + seconds,
        }
        member = f"{key} {url}"
        tags = sorted(recorder.tags)
        if self._redis() is None:  # sets are not atomic across processes: check at each hit
            entry["tags"] = tags
            entry["started"] = recorder.started
        try:
            # Listed first, kept second, checked third: a purge that runs in between either finds
            # the entry in the tag set or leaves its mark for the check below.
            self._index_add(tags, member, seconds)
            self.cache.set(key, entry, timeout=seconds)
            marks = self.cache.get_many([_purged_key(tag) for tag in tags]) if tags else {}
            if any(mark >= recorder.started - CLOCK_MARGIN for mark in marks.values()):
                self.cache.delete(key)
                redis = self._redis()
                if redis is not None:  # another process may have copied it meanwhile
                    from .page_cache_local import publish_purged

                    publish_purged(self.cache, redis, [key])
                return False
        except Exception:  # noqa: BLE001
            logger.warning("The page cache cannot be reached; the page is not kept.")
            return False
        return True

    @staticmethod
    def response_from(entry: dict):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response.headers[name] = value
        return response

    # --- tag sets -------------------------------------------------------------------------------
    def _index_add(self, tags, member: str, seconds: int) -> None:
        if not tags:
            return
        # A tag set lives as long as the longest entry in it (plus a minute).
        keep = max(seconds, default_seconds()) + 60
        redis = self._redis()
        if redis is not None:
            pipe = redis.pipeline(transaction=False)
            for tag in tags:
                name = self.cache.make_key(_tag_key(tag))
                pipe.sadd(name, member)
                pipe.expire(name, keep)
            pipe.execute()
            return
        with self._local_lock:
            for tag in tags:
                members = self.cache.get(_tag_key(tag)) or set()
                members.add(member)
                self.cache.set(_tag_key(tag), members, timeout=keep)

    def _index_pop(self, tags) -> set:
        """The members of the tags' sets, removing the sets."""
        redis = self._redis()
        members = set()
        if redis is not None:
            names = [self.cache.make_key(_tag_key(tag)) for tag in tags]
            pipe = redis.pipeline(transaction=True)
            for name in names:
                pipe.smembers(name)
            pipe.delete(*names)
            for found in pipe.execute()[:-1]:
                members.update(value.decode() for value in found)
            return members
        with self._local_lock:
            for tag in tags:
                members.update(self.cache.get(_tag_key(tag)) or ())
            self.cache.delete_many([_tag_key(tag) for tag in tags])
        return members

    def purge(self, tags) -> list[str]:
        """Delete every entry that showed one of `tags`; the URLs of the pages deleted."""
        tags = sorted(set(tags))
        if not tags:
            return []
        try:
            now = time.time()
            keep = default_seconds() + 60
            self.cache.set_many({_purged_key(tag): now for tag in tags}, timeout=keep)
            members = self._index_pop(tags)
            keys, urls = set(), set()
            for member in members:
                key, _space, url = member.partition(" ")
                keys.add(key)
                urls.add(url)
            if keys:
                self.cache.delete_many(sorted(keys))
                redis = self._redis()
                if redis is not None:  # every process's near copies (page_cache_local.py)
                    from .page_cache_local import publish_purged

                    publish_purged(self.cache, redis, keys)
        except Exception:  # noqa: BLE001 - entries expire on their own
            logger.warning("The page cache cannot be reached; cached pages expire on their own.")
            return []
        return sorted(urls)


def purge_tags(*tags: str) -> list[str]:
    """Delete the cached pages that showed any of `tags`, here and in the front cache (when
    WAGTAILFRONTENDCACHE is set). Call it after the change is committed (page_cache_purge.py
    does). Returns the URLs purged."""
    urls = PageCache().purge(tags)
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        try:
            purge_urls_from_cache(urls)
        except Exception:  # noqa: BLE001 - the proxy's own entries expire (s-maxage)
            logger.exception("The front cache could not be purged.")
    return urls
