"""What PostgreSQL adds: its `norwegian` text search vector, and results for similar words when
nothing matches (typos). On SQLite these tests are skipped."""

import pytest

from samhandling.search.models import SearchEntry

from .conftest import on_postgres, search

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _postgres_only(db):
    if not on_postgres():
        pytest.skip("PostgreSQL only (DATABASE_URL=postgres://…)")


def test_every_entry_has_a_norwegian_text_search_vector(demo):
    assert SearchEntry.objects.count() > 50
    assert not SearchEntry.objects.filter(vector__isnull=True).exists()
    agreement = SearchEntry.objects.get(key__startswith="page:", title="Samarbeidsavtalen")
    assert "'samarbeidsavtal':1A" in str(agreement.vector)  # the stem, in the title (A)


def test_a_typo_gives_results_for_similar_words(demo):
    page = search("samarbeidsavtle")
    assert "Samarbeidsavtalen" in page.titles
    assert "Nothing matched" not in page.html
    assert "så dette er treff på liknande ord" in page.html


def test_the_trigram_extension_and_indexes_are_in_place(demo):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_searchentry' "
            "AND indexdef LIKE '%gin%'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {"search_entry_title_words_trgm", "search_entry_body_words_trgm"} <= names
    assert "search_entry_vector" in names
