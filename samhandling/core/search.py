"""Site search: cleans the visitor's query and searches the index of the current site
(`samhandling.search`: pages and records, Norwegian words)."""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Site

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass
class SearchOutcome:
    query: str
    shortened: bool
    results: PaginatorPage | None
    kinds: list = field(default_factory=list)  # Facet per type of result, with counts
    years: list = field(default_factory=list)  # Facet per year, newest first
    kind: str = ""
    year: int | None = None
    similar: bool = False  # the results are for words like the query (PostgreSQL)
    filter_errors: list = field(default_factory=list)

    @property
    def max_length(self) -> int:
        return settings.SEARCH_QUERY_MAX_LENGTH

    @property
    def filtered(self) -> bool:
        return bool(self.kind or self.year)

    def querystring(self, **changes) -> str:
        """The query and filters as URL parameters (for paging), with `changes` applied."""
        params = {"q": self.query, "type": self.kind, "aar": self.year or ""}
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value})


def clean_query(raw: str, *, max_length: int | None = None) -> tuple[str, bool]:
    """Drop control characters and surplus space; shorten to the limit.

    Returns (query, shortened)."""
    limit = max_length or settings.SEARCH_QUERY_MAX_LENGTH
    text = unicodedata.normalize("NFC", raw or "")
    text = _CONTROL.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    shortened = len(text) > limit
    if shortened:
        text = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return text, shortened


def search_terms(query: str) -> str:
    """The words of the query, lower-cased, for the search backend.

    Punctuation and upper-case AND/OR/NOT/NEAR are query syntax to SQLite's FTS5 and PostgreSQL's
    tsquery; visitors type them as text, so only words are passed on.
    """
    return " ".join(word.lower() for word in _WORD.findall(query))


def site_search(
    *,
    raw_query: str,
    site: Site | None,
    page_number: str | None,
    filters: dict | None = None,
    per_page: int = 10,
) -> SearchOutcome:
    """Searches the index of the site (`samhandling.search`) for the visitor's query, narrowed by
    the GET filters `type` and `aar` (year) when they are valid."""
    from samhandling.search.forms import SearchFilterForm
    from samhandling.search.selectors import search
    from samhandling.search.text import snippet

    query, shortened = clean_query(raw_query)
    kind, year, errors = "", None, []  # what the form gives without filters (unbound)
    if filters:
        form = SearchFilterForm(filters)
        kind, year = form.filters()
        errors = [str(error) for errors in form.errors.values() for error in errors]
    outcome = SearchOutcome(
        query=query,
        shortened=shortened,
        results=None,
        kind=kind,
        year=year,
        filter_errors=errors,
    )
    if not query:
        return outcome
    found = search(site=site, terms=search_terms(query), kind=kind, year=year)
    outcome.results = Paginator(found.entries, per_page).get_page(page_number)
    outcome.kinds, outcome.years, outcome.similar = found.kinds, found.years, found.similar
    for entry in outcome.results:
        entry.snippet = snippet(entry.body, found.stems)
    return outcome
