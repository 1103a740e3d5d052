"""News lists: the teasers are rendered in Python ({% article_teaser %}), byte for byte what
news/includes/article_teaser.html (kept as the reference for the markup) renders, and the lists
are read through SQL compiled once per process: the same articles in the same order."""

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from samhandling.news.models import NewsArticlePage, NewsIndexPage
from samhandling.news.selectors import TeaserList, news_teasers, teasers_without_images
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/", HTTP_HOST=MR_HOST)
    return engines["django"].from_string(source).render(context, request)


def test_a_teaser_is_what_article_teaser_html_renders(demo):
    article = NewsArticlePage.objects.live().first()
    article.lead = "Ein lang ingress <b>med</b> & «teikn» " + "ord " * 40
    article.save_revision().publish()
    articles = list(news_teasers(root=NewsIndexPage.objects.live().first()))
    assert any(a.image_id for a in articles)
    for language in ("nn", "nb", "en"):
        with translation.override(language):
            for article in articles:
                for heading_level in (2, 3):
                    for show_image in (True, False):
                        context = {
                            "article": article,
                            "heading_level": heading_level,
                            "show_image": show_image,
                        }
                        ours = _render(
                            "{% load news_tags %}{% article_teaser article "
                            "heading_level=heading_level show_image=show_image %}",
                            **context,
                        )
                        theirs = _render(
                            '{% include "news/includes/article_teaser.html" %}', **context
                        )
                        assert ours == theirs
    assert "&lt;b&gt;med&lt;/b&gt; &amp;" in _render(
        "{% load news_tags %}{% article_teaser article %}",
        article=NewsArticlePage.objects.get(pk=article.pk),
    )


def test_the_lists_are_news_teasers(demo):
    for index in NewsIndexPage.objects.all():
        expected = [a.pk for a in news_teasers(root=index)]
        teasers = TeaserList(root=index)
        assert teasers.count() == len(teasers) == len(expected)
        for start, stop in ((0, 2), (1, 3), (0, 10), (2, None), (0, 0)):
            assert [a.pk for a in teasers[start:stop]] == expected[start:stop]
        pages = Paginator(teasers, 2)
        assert [a.pk for n in pages.page_range for a in pages.page(n)] == expected
        home = index.get_parent()
        assert [a.pk for a in teasers_without_images(root=home, limit=3)] == [
            a.pk for a in news_teasers(root=home, limit=3)
        ]


def test_a_teaser_image_is_kept_until_the_image_changes(demo):
    from samhandling.news.templatetags.news_tags import teaser_image

    article = next(a for a in NewsArticlePage.objects.live() if a.image_id)
    image = article.image

    def theirs():
        tag = '{% image image fill-320x180 alt="" class="teaser__image" %}'
        return _render("{% load wagtailimages_tags %}" + tag, image=image)

    before = teaser_image(image)
    assert before == theirs()
    assert teaser_image(image) == theirs()  # kept
    image.focal_point_x, image.focal_point_y = 1, 1
    image.focal_point_width, image.focal_point_height = 10, 10
    image.save()  # a new rendition (its focal point): the teaser shows it
    assert teaser_image(image) == theirs() != before
