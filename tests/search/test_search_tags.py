"""The search page's repeated parts made in Python (`core/templatetags/search_tags.py`) give the
HTML of the template loops they replaced (kept in `search_tags_reference/` and here): the old
loop and the tag render the same results and filters, in each language, to the byte."""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from samhandling.search.selectors import Facet

TRICKY = "<b>Ål & «sø»</b> \"'"

OLD_RESULTS = (Path(__file__).parent / "search_tags_reference" / "search_results.html").read_text()
NEW_RESULTS = (
    "{% load search_tags %}    {% search_result_items search.results interface_language %}"
)
OLD_OPTIONS = (
    '{% for facet in facets %}<option value="{{ facet.value }}"{% if facet.selected %} selected'
    "{% endif %}>{{ facet.label }} ({{ facet.count }})</option>{% endfor %}"
)
NEW_OPTIONS = "{% load search_tags %}{% search_facet_options facets %}"


def both(old: str, new: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        render = engines["django"].from_string
        return render(old).render(context), render(new).render(context)


def result(**fields):
    known = {
        "kind_label": "Sak",
        "date": None,
        "url": "/a/?b=1&c=2",
        "language": "",
        "title": TRICKY,
        "context": [],
        "snippet": "",
    }
    return SimpleNamespace(**{**known, **fields})


RESULTS = [
    result(),
    result(
        kind_label=gettext_lazy("Page"),
        date=dt.date(2027, 1, 17),
        language="nn",
        context=[[TRICKY, "/x/"], ["Møte", "/y/?z=1&w=2"]],
        snippet=mark_safe("Før <mark>samarbeid</mark> &amp; etter"),
    ),
    result(language="en", context=[["Ein", "/ein/"]], snippet=TRICKY, date=dt.date(2019, 5, 15)),
    result(language="nb", title="Bokmål"),
]


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_results_are_as_the_loop_made_them(language):
    for interface_language in ("en", "nb", "nn"):
        context = {"search": {"results": RESULTS}, "interface_language": interface_language}
        old, new = both(OLD_RESULTS, NEW_RESULTS, context, language)
        assert old == new
    assert 'lang="en"' in new and "<mark>" in new and "&lt;b&gt;" in new and " › " in new


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_filter_options_are_as_the_loop_made_them(language):
    facets = [
        Facet(value="page", label=gettext_lazy("Page"), count=3, selected=False),
        Facet(value=TRICKY, label=TRICKY, count=1234567, selected=True),
        Facet(value="2027", label="2027", count=0),
    ]
    for listed in (facets, []):
        old, new = both(OLD_OPTIONS, NEW_OPTIONS, {"facets": listed}, language)
        assert old == new
