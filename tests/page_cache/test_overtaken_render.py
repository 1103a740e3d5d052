"""A page whose render a purge overtook may show the state before the change: neither the app's
cache nor a proxy in front of it may keep it."""

import pytest

from samhandling.core import page_cache_tags
from samhandling.core.page_cache import purge_tags
from samhandling.news.models import NewsArticlePage

from .helpers import MR_HOST, view

pytestmark = pytest.mark.django_db

ARTICLE = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"


def test_a_render_overtaken_by_a_purge_is_neither_kept_nor_shared(demo, cache_on, monkeypatch):
    article = NewsArticlePage.objects.get(url_path__endswith=ARTICLE)
    finish = page_cache_tags.stop

    def purged_while_rendering(token):  # another process commits a change to the article now
        finish(token)
        purge_tags(f"page:{article.pk}")

    monkeypatch.setattr(page_cache_tags, "stop", purged_while_rendering)
    response = view(ARTICLE, MR_HOST)
    assert response["X-Page-Cache"] == "pass"
    assert "private" in response["Cache-Control"] and "s-maxage" not in response["Cache-Control"]

    monkeypatch.setattr(page_cache_tags, "stop", finish)
    assert view(ARTICLE, MR_HOST)["X-Page-Cache"] == "miss"  # the next render is kept
    assert view(ARTICLE, MR_HOST)["X-Page-Cache"] == "hit"
