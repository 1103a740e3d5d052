"""Parts of pages kept with the structure (core/fragment_cache.py): a page built from a kept part
is listed under the same page-cache tags as one that worked it out, and the part changes with
the structure."""

import pytest
from django.core.cache import cache

from samhandling.core import page_cache_tags, structure_cache
from samhandling.core.fragment_cache import cached_noting
from samhandling.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _render_noting(build):
    recorder, token = page_cache_tags.start()
    try:
        value = cached_noting("test-fragment", "x", build=build)
    finally:
        page_cache_tags.stop(token)
    return value, recorder.tags


def test_a_kept_part_notes_the_tags_it_noted_when_worked_out(django_capture_on_commit_callbacks):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):  # committed: parts may be kept
        organisation = Organisation.objects.create(name="Fragmentsjukehuset")
    calls = []

    def build():
        calls.append(1)
        return Organisation.objects.get(pk=organisation.pk).name  # noted by post_init

    first, first_tags = _render_noting(build)
    second, second_tags = _render_noting(build)
    assert first == second == "Fragmentsjukehuset"
    assert len(calls) == 1  # the second render used the kept part
    assert f"organisations.organisation:{organisation.pk}" in first_tags
    assert second_tags == first_tags


def test_a_kept_part_is_worked_out_again_when_the_structure_changes():
    cache.clear()
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    assert _render_noting(build)[0] == 1
    structure_cache.structure_changed()
    assert _render_noting(build)[0] == 2
