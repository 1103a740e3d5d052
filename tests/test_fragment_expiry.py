"""A kept part of a page that noted when it changes by itself (a hearing opens or closes) is
rendered afresh once that moment has passed (core/fragment_cache.py)."""

import datetime as dt
import time

from django.utils import timezone

from samhandling.core import page_cache_tags
from samhandling.core.fragment_cache import cached_noting, immutable_noting


def _part(builds: list, *, changes_in: float):
    def build():
        builds.append(1)
        page_cache_tags.tag("page:4242")
        page_cache_tags.changes_at(timezone.now() + dt.timedelta(seconds=changes_in))
        return f"render {len(builds)}"

    return build


def test_a_kept_part_is_rendered_again_once_its_moment_has_passed():
    for keep in (immutable_noting, cached_noting):
        builds: list = []
        build = _part(builds, changes_in=0.3)
        name = f"expiry-test-{keep.__name__}"
        key = time.time()
        first = keep(name, key, build=build)
        assert keep(name, key, build=build) == first  # kept
        time.sleep(0.35)
        again = keep(name, key, build=build)
        assert again != first  # rendered afresh after its moment


def test_a_page_built_from_a_kept_part_notes_its_tags_and_moment():
    builds: list = []
    build = _part(builds, changes_in=60)
    immutable_noting("expiry-test-replay", "x", build=build)
    recorder, token = page_cache_tags.start()
    try:
        immutable_noting("expiry-test-replay", "x", build=build)
    finally:
        page_cache_tags.stop(token)
    assert len(builds) == 1
    assert "page:4242" in recorder.tags
    assert 0 < recorder.seconds() <= 60
