"""The page cache's near copy: each app process keeps the entries it served lately in its own
memory, so that a hit needs no round trip to Redis, and drops them the moment another process
(or this one) purges them.

Purges reach every process through Redis pub/sub: `PageCache.purge` deletes the entries in Redis
and then publishes their keys on one channel; every process that keeps near copies is subscribed
to it on a connection of its own. Before each lookup, the process reads what has arrived on that
connection without waiting (the messages are already in its socket when the purging process's
PUBLISH returns), so a page purged before a request began is never served from the near copy.

The copy is only trusted while the subscription is known to be live: from the moment Redis
confirms it (the "subscribe" reply, read like any message), until anything goes wrong with that
connection (an error, or a reconnection, during which purges may have been missed). Then every
near copy is dropped, lookups go to Redis as without this layer, and a new subscription is tried
after RETRY_SECONDS. Entries keep the expiry they have in Redis; at most `size` are kept, the least
recently used dropped first (PAGE_CACHE_LOCAL_ENTRIES; 0 turns the layer off).

Only with Redis: with the local-memory cache every entry is already in the process, and a file
cache (the demo's processes) has no channel to carry purges."""

import contextlib
import logging
import os
import time
from collections import OrderedDict

logger = logging.getLogger(__name__)

# Seconds before a failed subscription is tried again (a Redis that is down is not asked at
# every request).
RETRY_SECONDS = 5.0
ALL = "*"  # a message that drops every near copy (the whole page cache was emptied)


def channel_name(cache, redis) -> str:
    """One channel per page cache: pub/sub ignores Redis's databases and key prefixes, so both
    are in its name (a test run on database 5 does not empty the near copies of the demo's)."""
    from .page_cache import PREFIX

    database = redis.connection_pool.connection_kwargs.get("db", 0)
    return f"{cache.make_key(PREFIX + ':purged-entries')}@{database}"


class NearCopies:
    """The near copies of one process (of one cache client: tests make several)."""

    def __init__(self, *, redis, channel: str, size: int):
        self.redis = redis
        self.channel = channel
        self.size = size
        self.pid = os.getpid()
        self.entries: OrderedDict = OrderedDict()
        self.pubsub = None
        self.live = False  # the subscription is confirmed and nothing has gone wrong since
        self.retry_at = 0.0

    # --- the subscription ---------------------------------------------------------------------
    def _subscribe(self) -> None:
        if time.monotonic() < self.retry_at:
            return
        try:
            self.pubsub = self.redis.pubsub()
            self.pubsub.subscribe(self.channel)  # confirmed by a reply that _drain reads
            # A reconnection (redis-py makes one by itself after a lost connection) may have
            # missed purges: forget everything until the new subscription is confirmed.
            self.pubsub.connection.register_connect_callback(self._reconnected)
        except Exception:  # noqa: BLE001 - Redis is down: no near copies for now
            self._fail()

    def _reconnected(self, _connection) -> None:
        self.entries.clear()
        self.live = False

    def _fail(self) -> None:
        self.entries.clear()
        self.live = False
        pubsub, self.pubsub = self.pubsub, None
        self.retry_at = time.monotonic() + RETRY_SECONDS
        if pubsub is not None:
            with contextlib.suppress(Exception):  # already broken
                pubsub.close()

    def _drain(self) -> None:
        """Apply every purge that has arrived, without waiting for any."""
        if self.pubsub is None:
            self._subscribe()
            if self.pubsub is None:
                return
        try:
            connection = self.pubsub.connection
            while connection is not None and connection.can_read(timeout=0):
                message = self.pubsub.get_message(timeout=0)
                if message is None:
                    break
                kind = message["type"]
                if kind == "subscribe":
                    self.live = True
                elif kind == "message":
                    self._drop(message["data"])
                connection = self.pubsub.connection
        except Exception:  # noqa: BLE001 - the connection broke: purges may be missed
            logger.warning("The page cache's purge channel was lost; near copies dropped.")
            self._fail()

    def _drop(self, data) -> None:
        keys = data.decode() if isinstance(data, bytes) else str(data)
        if keys == ALL:
            self.entries.clear()
            return
        for key in keys.split("\n"):
            self.entries.pop(key, None)

    # --- entries ------------------------------------------------------------------------------
    def get(self, key: str):
        self._drain()
        if not self.live:
            return None
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry["expires"] <= time.time():
            del self.entries[key]
            return None
        self.entries.move_to_end(key)
        return entry

    def keep(self, key: str, entry: dict) -> None:
        """Keep what Redis answered for `key`: read after this process's last drain, so any
        purge that deleted it in Redis afterwards is still on its way and will drop it."""
        if not self.live:
            return
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


def near_copies(cache, redis, size: int) -> NearCopies | None:
    """The near copies kept for this cache client in this process (a process forked from the
    one that made them starts afresh: the subscription's socket is not its own)."""
    if size <= 0:
        return None
    copies = getattr(cache, "_samhandling_near_copies", None)
    if copies is None or copies.pid != os.getpid():
        copies = NearCopies(redis=redis, channel=channel_name(cache, redis), size=size)
        cache._samhandling_near_copies = copies
    return copies


def publish_purged(cache, redis, keys) -> None:
    """Tell every process's near copies that these entries are gone (after deleting them)."""
    if keys:
        redis.publish(channel_name(cache, redis), "\n".join(sorted(keys)))
