"""The search's SQL compiled once per shape (`search/compiled.py`, `RankedEntries`) finds and ranks
what the ORM's queryset finds, page by page, with the same facets; the snippet is the one the
word-by-word version made."""

import re

import pytest
from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from samhandling.search import selectors
from samhandling.search.models import SearchEntry
from samhandling.search.text import matches, query_stems, snippet

from .conftest import MR_HOST, on_postgres

QUERIES = [
    ("samarbeid", "", None),
    ("samarbeidsavtale", "", None),
    ("avtale møte", "", None),
    ("e helse", "", None),  # a stem under three letters: whole words only
    ("delavtale 3", "", None),
    ("samarbeid", "agreement_version", None),
    ("samarbeid", "", 2023),
    ("samarbeid", "meeting", 2023),
    ("zzzingenting", "", None),
]


def by_orm(site, terms, kind, year):
    stems = query_stems(terms)
    kind_counts, year_counts, entries, _similar = selectors._querysets(
        site=site,
        terms=terms,
        stems=stems,
        lengths=[len(stem) for stem in stems],
        kind=kind,
        year=year,
    )
    kinds, years = selectors._facets(kind_counts, year_counts, kind=kind, year=year)
    return kinds, years, entries


@pytest.mark.skipif(on_postgres(), reason="PostgreSQL searches through the ORM")
@pytest.mark.parametrize(("terms", "kind", "year"), QUERIES)
def test_the_compiled_search_finds_what_the_orm_finds(demo, terms, kind, year):
    site = Site.objects.get(hostname=MR_HOST)
    found = selectors.search(site=site, terms=terms, kind=kind, year=year)
    assert isinstance(found.entries, selectors.RankedEntries)
    kinds, years, entries = by_orm(site, terms, kind, year)
    assert found.kinds == kinds and found.years == years
    expected = [(e.pk, e.title, e.url, e.date, e.context, e.body) for e in entries]
    assert found.entries.count() == len(expected)
    for per_page in (3, 10):
        paginator = Paginator(found.entries, per_page)
        got = []
        for number in paginator.page_range:
            got += [
                (e.pk, e.title, e.url, e.date, e.context, e.body) for e in paginator.page(number)
            ]
        assert got == expected
    assert list(found.entries) == [] or found.entries[0].pk == expected[0][0]
    # Again (the shape compiled): the same answer.
    again = selectors.search(site=site, terms=terms, kind=kind, year=year)
    assert [e.pk for e in again.entries[0:5]] == [row[0] for row in expected[:5]]


@pytest.mark.skipif(on_postgres(), reason="PostgreSQL searches through the ORM")
def test_a_stem_with_like_wildcards_is_matched_as_text(demo):
    site = Site.objects.get(hostname=MR_HOST)
    found = selectors.search(site=site, terms="samar_eid", kind="", year=None)
    # "_" is a LIKE wildcard: escaped as the ORM escapes it, so "samarbeid" is not found.
    assert found.entries.count() == by_orm(site, "samar_eid", "", None)[2].count()


def word_by_word(text, stems, *, before=10, length=32):
    """The snippet as it was made before: every word escaped on its own."""
    tokens = list(re.finditer(r"\w+", text or ""))
    if not tokens:
        return SafeString("")
    first = next((i for i, m in enumerate(tokens) if matches(m.group(), stems)), None)
    start = max(0, (first or 0) - before) if first is not None else 0
    end = min(len(tokens), start + length)
    pieces = ["… " if start > 0 else ""]
    position = tokens[start].start()
    for token in tokens[start:end]:
        pieces.append(escape(text[position : token.start()]))
        word = escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if matches(token.group(), stems) else word)
        position = token.end()
    pieces.append(escape(text[position : tokens[end - 1].end()]))
    if end < len(tokens):
        pieces.append(" …")
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703 - escaped above


def test_the_snippet_is_the_word_by_word_one(demo):
    texts = list(SearchEntry.objects.values_list("body", flat=True)[:60])
    texts += ["", "  ", "<b>a & b</b> 'c' \"d\" samarbeid", "å " * 100 + "samarbeid " + "ø " * 100]
    for text in texts:
        for stems in ([], ["samarbeid"], ["avtal", "møt"], ["e"], ["zzz"]):
            for before, length in ((10, 32), (0, 3), (50, 100)):
                assert snippet(text, stems, before=before, length=length) == word_by_word(
                    text, stems, before=before, length=length
                )


@pytest.mark.skipif(on_postgres(), reason="PostgreSQL searches through the ORM")
@pytest.mark.parametrize(("kind", "year"), [("", None), ("meeting", 2023)])
def test_the_facets_and_the_count_are_one_query(demo, kind, year):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    site = Site.objects.get(hostname=MR_HOST)
    selectors.search(site=site, terms="samarbeid", kind=kind, year=year)  # the shape compiled
    with CaptureQueriesContext(connection) as captured:
        found = selectors.search(site=site, terms="samarbeid", kind=kind, year=year)
        page = Paginator(found.entries, 10).get_page(1)
        list(page)
    searched = [q["sql"] for q in captured.captured_queries if "search_searchentry" in q["sql"]]
    assert len(searched) == 2  # the facets with the count, and the page
