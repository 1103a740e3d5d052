"""The layout's header and footer (core/templatetags/chrome_tags.py) are rendered once per site,
language and structure version in a process; each page fills in what is its own: the menu's
current item, the language switch's way back, the search box's value and a new form-guard
stamp. A page built from the kept parts notes the same page-cache tags."""

import re

import pytest
from django.template import engines
from django.test import Client, RequestFactory
from django.utils import translation

from samhandling.core import page_cache_tags
from samhandling.core.templatetags import chrome_tags
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


def get(path: str, **params) -> str:
    response = Client(HTTP_HOST=MR_HOST).get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def nav_links(html: str) -> list[str]:
    return re.findall(r'<a class="site-nav__link"[^>]*>', html)


def test_each_page_fills_in_its_own_values_in_the_kept_chrome(demo, monkeypatch):
    stamps = iter(f"stamp-{n}" for n in range(100))
    monkeypatch.setattr(chrome_tags, "form_stamp", lambda: next(stamps))
    renders = []
    render = chrome_tags._render
    monkeypatch.setattr(chrome_tags, "_render", lambda *a: renders.append(a[1]) or render(*a))
    chrome_tags._head_assets.clear()

    home = get("/")
    assert not any("aria-current" in link for link in nav_links(home))
    assert 'name="next" value="/"' in home and 'value="stamp-0"' in home
    assert len(renders) == 4  # head's assets, header, footer, newsletter form: rendered once
    assert '<link rel="stylesheet" href="/static/css/samhandling.css">' in home

    news = get("/nyhende/")
    assert '<a class="site-nav__link" href="/nyhende/" aria-current="page">' in news
    assert sum("aria-current" in link for link in nav_links(news)) == 1
    assert 'name="next" value="/nyhende/"' in news and 'value="stamp-1"' in news
    assert len(renders) == 4  # kept: only filled in

    found = get("/sok/", q='<b>"samarbeid"')
    assert 'name="q" value="&lt;b&gt;&quot;samarbeid&quot;"' in found
    assert 'name="next" value="/sok/?q=%3Cb%3E%22samarbeid%22"' in found
    assert "samhandling-slot-" not in found + news + home
    assert len(renders) == 4


def _header_tags(request) -> tuple[str, set]:
    template = engines["django"].from_string("{% load chrome_tags %}{% site_header %}")
    recorder, token = page_cache_tags.start()
    try:
        with translation.override("nn"):
            html = template.render({"page": None}, request)
    finally:
        page_cache_tags.stop(token)
    return html, set(recorder.tags)


def test_a_header_from_the_kept_part_notes_the_tags_of_one_rendered_afresh(demo, monkeypatch):
    from samhandling.core import structure_cache

    menu = chrome_tags._menu

    def menu_noting(context):  # as a menu read from the database would note its pages
        page_cache_tags._recorder.get().add("page:menu-test")
        return menu(context)

    monkeypatch.setattr(chrome_tags, "_menu", menu_noting)
    _header_tags(RequestFactory().get("/", HTTP_HOST=MR_HOST))  # the structure cache filled
    kept_parts = {  # the header rendered afresh (the site and community still kept):
        key: value
        for key, value in structure_cache._process.items()
        if ":chrome-header:" not in key
    }
    monkeypatch.setattr(structure_cache, "_process", kept_parts)
    fresh, fresh_tags = _header_tags(RequestFactory().get("/", HTTP_HOST=MR_HOST))
    kept, kept_tags = _header_tags(RequestFactory().get("/", HTTP_HOST=MR_HOST))  # and kept
    assert "site-brand__logo" in fresh and kept == fresh
    assert "page:menu-test" in fresh_tags
    assert kept_tags == fresh_tags


BREADCRUMB_LOOP = (
    "{% load wagtailcore_tags samhandling_tags %}{% breadcrumbs page as crumbs %}"
    '{% for crumb in crumbs %}<li><a class="ds-link" href="{% pageurl crumb %}"'
    "{{ crumb|lang_attr }}>{{ crumb.title }}</a></li>{% endfor %}"
)


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_kept_breadcrumbs_are_those_the_template_loop_rendered(demo, monkeypatch, language):
    """The ancestors' part of the breadcrumbs, kept per page, language and structure version,
    is what the template's loop over the ancestors rendered (links, titles, language tags)."""
    from samhandling.committees.pages import MeetingPage
    from samhandling.core import structure_cache
    from samhandling.core.sites import site_root_for_request

    meeting = MeetingPage.objects.live().filter(url_path__contains="/helsefellesskap-more").last()
    request = RequestFactory().get(meeting.url, HTTP_HOST=MR_HOST)
    kept_tag = engines["django"].from_string("{% load chrome_tags %}{% breadcrumb_items page %}")

    def render(template):
        with translation.override(language):
            from samhandling.core.context_processors import community

            context = {"page": meeting, **community(request)}
            assert context["site_root"] is site_root_for_request(request)
            return template.render(context, request)

    loop = render(engines["django"].from_string(BREADCRUMB_LOOP))
    assert loop.count("<li>") >= 2  # the committee index and the committee at least
    monkeypatch.setattr(structure_cache, "_process", {})
    assert render(kept_tag) == loop  # rendered afresh and kept
    assert any(":chrome-crumbs:" in key for key in structure_cache._process)
    assert render(kept_tag) == loop  # from the kept part
