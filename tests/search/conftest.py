"""Helpers for the search tests: run a query as a visitor does and read the results off the page.

The tests run on SQLite and on PostgreSQL (DATABASE_URL=postgres://… pytest tests/search)."""

from dataclasses import dataclass, field

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client

from tests.conftest import HN_HOST, MR_HOST

__all__ = ["HN_HOST", "MR_HOST", "Result", "SearchPage", "on_postgres", "search"]


@dataclass
class Result:
    type: str
    title: str
    url: str
    date: str
    context: list[str]
    snippet: str
    marked: list[str] = field(default_factory=list)


@dataclass
class SearchPage:
    status: int
    results: list[Result]
    count_text: str
    alerts: list[str]
    type_options: dict[str, str]  # value -> label with count
    year_options: dict[str, str]
    html: str

    @property
    def titles(self) -> list[str]:
        return [r.title for r in self.results]

    def of_type(self, label: str) -> list[Result]:
        return [r for r in self.results if r.type == label]

    def first(self, title_start: str) -> Result:
        return next(r for r in self.results if r.title.startswith(title_start))


def _text(node) -> str:
    return " ".join(node.get_text(" ").split()) if node else ""


def _options(soup, name: str) -> dict[str, str]:
    select = soup.find("select", attrs={"name": name})
    if select is None:
        return {}
    return {o.get("value", ""): _text(o) for o in select.find_all("option")}


def search(query, host=MR_HOST, **params) -> SearchPage:
    """The search page for `query` on the site at `host`, with its results (all of them: the test
    asks for large pages by following the pagination)."""
    client = Client(HTTP_HOST=host)
    results: list[Result] = []
    page_number, first = 1, None
    while True:
        response = client.get("/sok/", {"q": query, **params, "side": page_number})
        soup = BeautifulSoup(response.content, "html.parser")
        first = first or (response, soup)
        for item in soup.select(".search-result"):
            link = item.select_one(".search-result__title a")
            time = item.select_one(".search-result__meta time")
            snippet = item.select_one(".search-result__snippet")
            results.append(
                Result(
                    type=_text(item.select_one(".search-result__type")),
                    title=_text(link),
                    url=link["href"],
                    date=_text(time),
                    context=[_text(a) for a in item.select(".search-result__context a")],
                    snippet=_text(snippet),
                    marked=[_text(m) for m in snippet.find_all("mark")] if snippet else [],
                )
            )
        if not soup.select_one("a[rel=next]"):
            break
        page_number += 1
    response, soup = first
    return SearchPage(
        status=response.status_code,
        results=results,
        count_text=_text(soup.select_one(".search-count")),
        alerts=[_text(a) for a in soup.select(".ds-alert")],
        type_options=_options(soup, "type"),
        year_options=_options(soup, "aar"),
        html=response.content.decode(),
    )


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Runs what happens after commit (the index update) for the changes made inside it."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
