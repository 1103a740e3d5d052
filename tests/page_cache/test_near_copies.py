"""The near copies (core/page_cache_local.py): each app process serves the entries it read lately
from its own memory, and a purge in any process drops them before the next request.
Needs Redis: TEST_REDIS_URL (or REDIS_URL), e.g. redis://127.0.0.1:6379/5."""

import os
import time
import uuid

import pytest
from django.http import HttpResponse

from samhandling.core.page_cache import PageCache, Recorder

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(
    not REDIS_URL, reason="Set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/5) to test on Redis."
)


@pytest.fixture
def near_on(settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 500
    return settings


def _instance(prefix="samhandling-test-near"):
    """An app process of its own: a cache client with its own connections and near copies."""
    from django_redis.cache import RedisCache

    return PageCache(RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}))


def _subscribed(instance: PageCache):
    """The instance's near copies once Redis has confirmed their subscription."""
    near = instance._near_copies()
    deadline = time.monotonic() + 5
    while not near.live and time.monotonic() < deadline:
        near._drain()
        time.sleep(0.01)
    assert near.live, "the purge channel's subscription was not confirmed"
    return near


def _entry(instance, body: bytes, tag: str):
    key = f"samhandling:page-cache:entry:test:nn:{uuid.uuid4().hex}"
    recorder = Recorder(started=0.0)
    recorder.add(tag)
    assert instance.store(key, f"http://a.example/{key[-6:]}/", HttpResponse(body), recorder, 60)
    return key


def _overwrite_in_redis_only(instance, key, body: bytes) -> None:
    """Change the entry in Redis behind the near copies' back (no purge message)."""
    entry = instance.cache.get(key)
    instance.cache.set(key, {**entry, "content": body}, timeout=60)


def test_a_hit_is_served_from_the_process_own_copy_without_asking_redis(near_on):
    writer, reader = _instance(), _instance()
    _subscribed(reader)
    key = _entry(writer, b"first", f"page:{uuid.uuid4().hex}")
    assert reader.get(key)["content"] == b"first"  # read from Redis, kept near
    _overwrite_in_redis_only(writer, key, b"changed behind its back")
    assert reader.get(key)["content"] == b"first"  # the near copy: no round trip


def test_a_purge_in_another_process_drops_the_copy_before_the_next_request(near_on):
    writer, reader = _instance(), _instance()
    _subscribed(reader)
    tag = f"page:{uuid.uuid4().hex}"
    key = _entry(writer, b"seats left: 3", tag)
    assert reader.get(key)["content"] == b"seats left: 3"
    assert writer.purge([tag])  # another process, after the commit of the change
    assert reader.get(key) is None  # at once: no waiting, no stale page


def test_a_render_overtaken_by_a_purge_is_dropped_from_the_copies_too(near_on, monkeypatch):
    writer, reader = _instance(), _instance()
    _subscribed(reader)
    tag = f"page:{uuid.uuid4().hex}"
    writer.purge([tag])  # committed while the writer was rendering
    key = f"samhandling:page-cache:entry:test:nn:{uuid.uuid4().hex}"
    began_before = Recorder(started=time.time() - 5)
    began_before.add(tag)
    # The reader asks for the page in the moment between the writer's SET and its check of the
    # purge marks, and copies the overtaken render.
    seen = []
    check_marks = writer.cache.get_many

    def read_in_between(keys):
        seen.append(reader.get(key))
        return check_marks(keys)

    monkeypatch.setattr(writer.cache, "get_many", read_in_between)
    assert not writer.store(key, "http://a.example/x/", HttpResponse(b"old"), began_before, 60)
    assert seen[0]["content"] == b"old"
    assert reader.get(key) is None


def test_a_lost_purge_channel_drops_every_copy_and_reads_redis_again(near_on):
    writer, reader = _instance(), _instance()
    near = _subscribed(reader)
    key = _entry(writer, b"before", f"page:{uuid.uuid4().hex}")
    assert reader.get(key)["content"] == b"before"
    _overwrite_in_redis_only(writer, key, b"after")
    # Redis drops the subscription's connection (a restart, a network fault): purges sent
    # meanwhile would be missed, so the copies can no longer be trusted.
    port = near.pubsub.connection._sock.getsockname()[1]
    admin = writer._redis()
    ours = [c for c in admin.client_list() if c["addr"].endswith(f":{port}")]
    assert len(ours) == 1
    admin.client_kill_filter(_id=ours[0]["id"])
    time.sleep(0.05)
    assert reader.get(key)["content"] == b"after"
    assert not near.entries


def test_at_most_the_configured_number_of_copies_are_kept(near_on):
    near_on.PAGE_CACHE_LOCAL_ENTRIES = 2
    writer, reader = _instance(), _instance()
    near = _subscribed(reader)
    keys = [_entry(writer, f"page {n}".encode(), f"page:{uuid.uuid4().hex}") for n in range(3)]
    for key in keys:
        reader.get(key)
    assert list(near.entries) == keys[1:]  # the least recently used went first


def test_no_copies_when_turned_off(settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0
    writer, reader = _instance(), _instance()
    assert reader._near_copies() is None
    key = _entry(writer, b"first", f"page:{uuid.uuid4().hex}")
    assert reader.get(key)["content"] == b"first"
    _overwrite_in_redis_only(writer, key, b"second")
    assert reader.get(key)["content"] == b"second"


def test_purges_of_another_database_or_prefix_leave_the_copies_alone(near_on):
    writer, reader = _instance(), _instance()
    _subscribed(reader)
    other = _instance(prefix="samhandling-test-near-other")
    key = _entry(writer, b"ours", f"page:{uuid.uuid4().hex}")
    assert reader.get(key)["content"] == b"ours"
    _overwrite_in_redis_only(writer, key, b"changed")
    other_tag = f"page:{uuid.uuid4().hex}"
    _entry(other, b"theirs", other_tag)
    assert other.purge([other_tag])
    assert reader.get(key)["content"] == b"ours"  # not dropped by another cache's purge
