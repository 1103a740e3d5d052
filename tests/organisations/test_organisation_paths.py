"""`{% organisation_link %}` costs a dict lookup: the paths of a site's organisations are worked
out once per language (and structure version) in a process, and follow a rename at once."""

import pytest
from django.utils import translation

from samhandling.core import structure_cache
from samhandling.organisations import public_selectors
from samhandling.organisations.models import Organisation
from samhandling.organisations.public_selectors import name_slug, organisation_url
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


def test_the_paths_are_reversed_once_per_language_and_follow_a_rename(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    site = demo[MR_HOST]
    molde = Organisation.objects.get(name="Molde")
    # What tests run before left in this thread (paths the process keeps, a structure change
    # never committed that keeps it from keeping any): not this test's to count.
    monkeypatch.setattr(structure_cache, "_process", {})
    monkeypatch.setattr(structure_cache._request, "uncommitted", False, raising=False)
    reversed_ = []
    reverse = public_selectors.reverse
    monkeypatch.setattr(
        public_selectors, "reverse", lambda *a, **k: reversed_.append(1) or reverse(*a, **k)
    )
    with translation.override("nn"):
        first = organisation_url(site=site, organisation_id=molde.pk)
        assert first.endswith(f"{molde.pk}-{name_slug(molde.name)}/")
        count = len(reversed_)
        for _ in range(5):
            assert organisation_url(site=site, organisation_id=molde.pk) == first
        assert organisation_url(site=site, organisation_id=10**9) == ""
        assert len(reversed_) == count  # no reverse() for the next links
    with translation.override("en"):
        assert organisation_url(site=site, organisation_id=molde.pk)
        assert len(reversed_) > count  # worked out for this language too
    with django_capture_on_commit_callbacks(execute=True):
        molde.name = "Molde (ny)"
        molde.save()
    with translation.override("nn"):
        renamed = organisation_url(site=site, organisation_id=molde.pk)
    assert renamed != first and renamed.endswith(f"{molde.pk}-{name_slug(molde.name)}/")
