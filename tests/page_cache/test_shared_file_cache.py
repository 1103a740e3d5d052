"""Without Redis, the demo's processes (two web workers, the task worker) share a cache on disk.
Its tag sets are rewritten whole, so two processes storing pages at once can lose each other's
members; a purge must still reach every page that showed the tag."""

import time

from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse

from samhandling.core.page_cache import PageCache, Recorder, _tag_key


def _process(directory):
    return PageCache(FileBasedCache(str(directory), {}))


def test_a_purge_reaches_a_page_whose_tag_set_lost_it(tmp_path):
    web, worker = _process(tmp_path), _process(tmp_path)
    recorder = Recorder(started=time.time() - 5)
    recorder.add("events.registration:7", "page:99")
    key = "samhandling:page-cache:entry:test:nn:seats"
    assert web.store(key, "http://a.example/event/", HttpResponse(b"12 seats"), recorder, 60)
    assert worker.get(key)["content"] == b"12 seats"  # shared by the processes
    # Another process rewrote the tag's set from a copy read before this page was added.
    worker.cache.delete(_tag_key("events.registration:7"))
    worker.purge(["events.registration:7"])
    assert web.get(key) is None  # the next view renders the page afresh
    assert worker.get(key) is None


def test_a_page_rendered_after_the_purge_is_served_from_the_cache(tmp_path):
    web = _process(tmp_path)
    web.purge(["page:98"])
    time.sleep(1.1)  # past the clock margin
    recorder = Recorder()
    recorder.add("page:98")
    key = "samhandling:page-cache:entry:test:nn:fresh"
    assert web.store(key, "http://a.example/fresh/", HttpResponse(b"new"), recorder, 60)
    assert web.get(key)["content"] == b"new"
