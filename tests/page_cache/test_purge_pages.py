"""Publishing, unpublishing, moving and deleting pages: the next anonymous view of every page
that showed them (the page, its listings, the home page, the menu, breadcrumbs) shows the change."""

import pytest
from wagtail.models import Page

from samhandling.news.models import NewsArticlePage, NewsIndexPage

from .helpers import MR_HOST, cached_view, committed, fresh_view, publish

pytestmark = pytest.mark.django_db

ARTICLE = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"


def _article():
    return NewsArticlePage.objects.get(url_path__endswith=ARTICLE)


def test_a_republished_title_shows_on_the_article_its_index_and_the_home_page(
    demo, cache_on, django_capture_on_commit_callbacks
):
    for path in (ARTICLE, "/nyhende/", "/"):
        assert "Haustens nyheiter" in cached_view(path, MR_HOST)
    article = _article().specific
    with committed(django_capture_on_commit_callbacks):
        publish(article, title="Vinterens nyheiter frå Helsefellesskapa")
    assert "Vinterens nyheiter" in fresh_view(ARTICLE, MR_HOST)
    assert "Vinterens nyheiter" in fresh_view("/nyhende/", MR_HOST)
    assert "Vinterens nyheiter" in fresh_view("/", MR_HOST)


def test_a_new_article_shows_in_the_index_and_on_the_home_page(
    demo, cache_on, django_capture_on_commit_callbacks
):
    index = NewsIndexPage.objects.descendant_of(demo[MR_HOST].root_page).first()
    for path in ("/nyhende/", "/"):
        assert "Heilt ny testartikkel" not in cached_view(path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        article = NewsArticlePage(title="Heilt ny testartikkel", slug="heilt-ny-testartikkel")
        index.add_child(instance=article)
        article.save_revision().publish()
    assert "Heilt ny testartikkel" in fresh_view("/nyhende/", MR_HOST)
    assert "Heilt ny testartikkel" in fresh_view("/", MR_HOST)


def test_an_unpublished_article_leaves_its_listings(
    demo, cache_on, django_capture_on_commit_callbacks
):
    assert "Haustens nyheiter" in cached_view("/nyhende/", MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        _article().unpublish()
    assert "Haustens nyheiter" not in fresh_view("/nyhende/", MR_HOST)
    assert "Haustens nyheiter" not in fresh_view("/", MR_HOST)


def test_a_deleted_article_leaves_its_listings(demo, cache_on, django_capture_on_commit_callbacks):
    assert "Haustens nyheiter" in cached_view("/nyhende/", MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        _article().delete()
    assert "Haustens nyheiter" not in fresh_view("/nyhende/", MR_HOST)


def test_a_moved_article_leaves_its_old_index(demo, cache_on, django_capture_on_commit_callbacks):
    root = demo[MR_HOST].root_page
    assert "Haustens nyheiter" in cached_view("/nyhende/", MR_HOST)
    other = Page.objects.get(url_path__endswith="/om-helsefellesskapet/")
    with committed(django_capture_on_commit_callbacks):
        _article().move(other, pos="last-child")
    assert "Haustens nyheiter" not in fresh_view("/nyhende/", MR_HOST)
    assert root is not None


def test_a_new_top_level_page_shows_in_the_menu_of_every_page(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from samhandling.core.pages import StandardPage

    for path in (ARTICLE, "/nyhende/"):
        assert "Testmeny-side" not in cached_view(path, MR_HOST)
    root = demo[MR_HOST].root_page
    with committed(django_capture_on_commit_callbacks):
        page = StandardPage(title="Testmeny-side", slug="testmeny-side", show_in_menus=True)
        root.add_child(instance=page)
        page.save_revision().publish()
    for path in (ARTICLE, "/nyhende/"):
        assert "Testmeny-side" in fresh_view(path, MR_HOST)


def test_a_renamed_index_shows_in_the_breadcrumbs_of_its_articles(
    demo, cache_on, django_capture_on_commit_callbacks
):
    assert "Nyhende-arkivet" not in cached_view(ARTICLE, MR_HOST)
    index = NewsIndexPage.objects.descendant_of(demo[MR_HOST].root_page).first()
    with committed(django_capture_on_commit_callbacks):
        publish(index, title="Nyhende-arkivet")
    assert "Nyhende-arkivet" in fresh_view(ARTICLE, MR_HOST)


def test_an_unrelated_page_stays_cached(demo, cache_on, django_capture_on_commit_callbacks):
    """Exactly the pages that show a record are purged: an article's new body text leaves the
    committee pages in the cache."""
    from .helpers import view

    cached_view("/utval/", MR_HOST)
    article = _article().specific
    with committed(django_capture_on_commit_callbacks):
        publish(article, lead="Ein ny ingress.")
    assert view("/utval/", MR_HOST)["X-Page-Cache"] == "hit"
    assert "Ein ny ingress." in fresh_view(ARTICLE, MR_HOST)
