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
    monkeypatch.setattr(structure_cache, "_process", {})  # the header rendered afresh:
    fresh, fresh_tags = _header_tags(RequestFactory().get("/", HTTP_HOST=MR_HOST))
    kept, kept_tags = _header_tags(RequestFactory().get("/", HTTP_HOST=MR_HOST))  # and kept
    assert "site-brand__logo" in fresh and kept == fresh
    assert "page:menu-test" in fresh_tags
    assert kept_tags == fresh_tags
