"""The demo's case papers are real PDFs with a text layer, so a word that only the paper holds
finds it (the first demo drew them as pictures, which no search can read)."""

import pytest

from .conftest import search

pytestmark = pytest.mark.django_db


def test_a_word_only_inside_a_demo_case_paper_finds_that_paper(demo):
    page = search("kjernejournal")
    assert page.results, page.count_text
    assert (
        page.results[0].title == "Saksframlegg SSU sak 11/2023 E-helse og teknologi i samhandlinga"
    )
    assert "kjernejournal" in [word.lower() for word in page.results[0].marked]
