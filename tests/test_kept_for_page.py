"""Parts of a page kept once rendered (`{% kept_for_page %}`, core/templatetags/kept_tags.py): a
page's blocks are rendered again after anything they show changes, and never kept from a
preview."""

import pytest
from django.test import Client, RequestFactory
from wagtail.documents import get_document_model

from samhandling.core.pages import HomePage, StandardPage
from tests.conftest import MR_HOST


def _view(path: str) -> str:
    response = Client(HTTP_HOST=MR_HOST).get(path)
    assert response.status_code == 200
    return response.content.decode()


def _page_with_a_document_link(title: str):
    document = get_document_model().objects.create(title="Referat frå SSU")
    home = next(page for page in HomePage.objects.live() if page.get_site().hostname == MR_HOST)
    page = StandardPage(
        title=title,
        slug="kept-test",
        body=[
            ("rich_text", "<p>Innleiing til sida.</p>"),
            ("document", {"document": document, "title": "", "description": ""}),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, document


@pytest.mark.django_db
def test_a_documents_new_title_shows_on_a_page_that_links_to_it(demo):
    page, document = _page_with_a_document_link("Sida med dokument")
    assert "Referat frå SSU" in _view(page.url)
    assert "Referat frå SSU" in _view(page.url)  # from the kept part
    document.title = "Referat frå SSU, retta"
    document.save()
    assert "Referat frå SSU, retta" in _view(page.url)


@pytest.mark.django_db
def test_a_new_revision_published_shows_at_once(demo):
    page, _document = _page_with_a_document_link("Sida som blir endra")
    assert "Innleiing til sida." in _view(page.url)
    page = StandardPage.objects.get(pk=page.pk)
    page.body = [("rich_text", "<p>Ny innleiing.</p>")]
    page.save_revision().publish()
    html = _view(page.url)
    assert "Ny innleiing." in html and "Innleiing til sida." not in html


@pytest.mark.django_db
def test_a_preview_renders_the_unsaved_blocks_and_keeps_nothing(demo):
    page, _document = _page_with_a_document_link("Sida som blir førehandsvist")
    assert "Innleiing til sida." in _view(page.url)  # kept
    draft = StandardPage.objects.get(pk=page.pk)
    draft.body = [("rich_text", "<p>Utkast som ikkje er lagra.</p>")]
    request = RequestFactory().get(page.url, HTTP_HOST=MR_HOST)
    request.is_preview = True
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = draft.serve_preview(request, draft.default_preview_mode).render().content.decode()
    assert "Utkast som ikkje er lagra." in html and "Innleiing til sida." not in html
    assert "Innleiing til sida." in _view(page.url)  # the preview was not kept


@pytest.mark.django_db
def test_the_home_pages_latest_news_show_an_article_once_published_and_not_once_unpublished(demo):
    import datetime

    from samhandling.news.models import NewsArticlePage, NewsIndexPage

    assert "Helsefellesskapa opnar ny nettstad" not in _view("/")
    assert "Helsefellesskapa opnar ny nettstad" not in _view("/")  # the list kept
    index = next(i for i in NewsIndexPage.objects.live() if i.get_site().hostname == MR_HOST)
    article = NewsArticlePage(
        title="Helsefellesskapa opnar ny nettstad",
        slug="ny-nettstad",
        date=datetime.date(2099, 1, 1),
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    assert "Helsefellesskapa opnar ny nettstad" in _view("/")
    article.unpublish()
    assert "Helsefellesskapa opnar ny nettstad" not in _view("/")
