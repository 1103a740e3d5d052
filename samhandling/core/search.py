"""Site search: cleans the visitor's query and searches the live pages of the current site."""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page, Site

from .visibility import published

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass
class SearchOutcome:
    query: str
    shortened: bool
    results: PaginatorPage | None

    @property
    def max_length(self) -> int:
        return settings.SEARCH_QUERY_MAX_LENGTH


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


def site_search(*, raw_query: str, site: Site | None, page_number: str | None, per_page: int = 10):
    query, shortened = clean_query(raw_query)
    if not query:
        return SearchOutcome(query="", shortened=shortened, results=None)
    pages = published(Page.objects.all())
    if site is not None:
        pages = pages.in_site(site)
    terms = search_terms(query)
    if not terms:
        return SearchOutcome(
            query=query, shortened=shortened, results=Paginator([], per_page).page(1)
        )
    hits = pages.specific().search(terms, operator="and")
    paginator = Paginator(hits, per_page)
    return SearchOutcome(query=query, shortened=shortened, results=paginator.get_page(page_number))
