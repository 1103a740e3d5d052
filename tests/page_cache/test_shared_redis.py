"""Two app instances (two cache clients) on one Redis see each other's entries and purges.
Needs Redis: TEST_REDIS_URL (or REDIS_URL), e.g. redis://127.0.0.1:6379/5."""

import os

import pytest
from django.http import HttpResponse

from samhandling.core.page_cache import PageCache, Recorder

REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(
    not REDIS_URL, reason="Set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/5) to test on Redis."
)


def _instance():
    from django_redis.cache import RedisCache

    return PageCache(RedisCache(REDIS_URL, {"KEY_PREFIX": "samhandling-test"}))


def test_a_purge_in_one_instance_empties_the_other_instances_entry():
    first, second = _instance(), _instance()
    recorder = Recorder(started=0.0)
    recorder.add("page:424242", "site:00010001")
    key = "samhandling:page-cache:entry:test:nn:abc"
    assert first.store(key, "http://a.example/x/", HttpResponse(b"old"), recorder, 60)
    assert second.get(key)["content"] == b"old"  # the other instance is served from it
    assert second.purge(["page:424242"]) == ["http://a.example/x/"]
    assert first.get(key) is None
    assert first.purge(["page:424242"]) == []


def test_a_render_that_began_before_another_instances_purge_is_not_kept():
    first, second = _instance(), _instance()
    recorder = Recorder()  # started now
    recorder.add("page:434343")
    second.purge(["page:434343"])  # committed while the first instance was rendering
    key = "samhandling:page-cache:entry:test:nn:def"
    assert not first.store(key, "http://a.example/y/", HttpResponse(b"old"), recorder, 60)
    assert second.get(key) is None


@pytest.mark.django_db
def test_through_the_middleware_on_redis_the_next_view_after_a_change_shows_it(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from samhandling.committees.models import CommitteePage
    from samhandling.committees.people import Membership, Person
    from tests.browser.page_types import SSU

    from .helpers import MR_HOST, cached_view, committed, fresh_view

    cache_on.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samhandling-test-middleware",
        }
    }
    cache.clear()
    try:
        person = Person.objects.create(name="Redis Medlemsdotter")
        assert "Redis Medlemsdotter" not in cached_view(SSU, MR_HOST)
        committee = CommitteePage.objects.get(url_path__endswith=SSU)
        with committed(django_capture_on_commit_callbacks):
            Membership.objects.create(person=person, committee=committee, represents="kommune")
        assert "Redis Medlemsdotter" in fresh_view(SSU, MR_HOST)
    finally:
        cache.clear()
