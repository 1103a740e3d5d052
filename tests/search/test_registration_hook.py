"""The hook for more kinds of result (as the hearings use it): a kind and a page source registered
by an app show up in the results and in the type filter by themselves."""

import pytest

from samhandling.core.pages import StandardPage
from samhandling.search import registry

from .conftest import MR_HOST, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice_source(monkeypatch):
    monkeypatch.setattr(registry, "_kinds", dict(registry._kinds))
    monkeypatch.setattr(registry, "_page_sources", dict(registry._page_sources))
    registry.register_kind("notice", "Notice", "Notices")

    @registry.page_source(StandardPage)
    def notice_entries(page, context):
        yield context.page_entry(page, kind="notice", body=page.lead)


def test_a_registered_kind_is_indexed_shown_and_offered_as_a_filter(demo, indexed, notice_source):
    from wagtail.models import Site

    home = Site.objects.get(hostname=MR_HOST).root_page
    with indexed():
        page = StandardPage(
            title="Kunngjering om delavtalane", lead="Frist for kunngjeringsmerknad."
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    found = search("kunngjeringsmerknad")
    assert [(r.type, r.title) for r in found.results] == [("Notice", "Kunngjering om delavtalane")]
    assert found.type_options["notice"] == "Notices (1)"
    assert search("kunngjeringsmerknad", type="notice").titles == ["Kunngjering om delavtalane"]


def test_a_page_type_without_a_source_is_indexed_as_a_page(demo):
    # The committee structure page has no source of its own: its search fields are indexed.
    result = search("Utval").first("Utval")
    assert result.type == "Side"
    assert result.url == "/utval/"
