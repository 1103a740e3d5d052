"""What the search indexes, and the hook for adding more.

A *kind* is a type of result ("news", "meeting", "person"): its name, its label on a result and in
the type filter. A *page source* turns a live, public page of a given type into entries (the page
itself and the records shown on it: a meeting's agenda items, decisions and case papers). A *record
source* indexes things that are not pages (people). A *watch* names the owners to rebuild when a
model's rows are saved or deleted.

Apps add their own in a module named `search_sources.py`, which is imported when Django starts
(like `wagtail_hooks.py`). Hearings, for example::

    # samhandling/hearings/search_sources.py
    from django.utils.translation import gettext_lazy as _
    from samhandling.search import registry
    from samhandling.search.registry import Entry
    from .pages import HearingPage

    registry.register_kind("hearing", _("Hearing"), _("Hearings"))

    @registry.page_source(HearingPage)
    def hearing_entries(page, context):
        yield context.page_entry(page, kind="hearing", body=..., date=page.deadline)

Registered kinds appear in the type filter by themselves. A page type with no source of its own is
indexed as a plain page, with the text of its Wagtail `search_fields`; never register a source for
private records (registrations, responses before they are published)."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from wagtail.models import Page

# The boost of the kinds that are things of their own, not parts of another.
BOOST = 1.5


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # one result: "Meeting"
    plural: str  # the type filter: "Meetings"
    # Added to the rank of every result of the kind: the thing itself (an agreement, a meeting)
    # before its parts (versions, cases) when both match as well.
    boost: float = 0.0


@dataclass
class Entry:
    """One result, before it is written to the index."""

    key: str
    kind: str
    title: str
    url: str
    page: Page
    body: str = ""
    date: datetime.date | None = None
    context: list[tuple[str, str]] = field(default_factory=list)
    language: str = ""
    document: object = None
    # Other pages whose title or visibility the entry shows (its context pages count already).
    refs: set[int] = field(default_factory=set)


PageBuilder = Callable[[Page, object], Iterable[Entry]]


@dataclass
class PageSource:
    model: type[Page]
    build: PageBuilder
    # Owner keys to rebuild as well when a page of this type changes (its committee's members).
    related_owners: Callable[[Page], Iterable[str]] | None = None
    # Rebuild every page below it when one is published (its title or settings show below it).
    descendants_depend: bool = False


@dataclass
class RecordSource:
    prefix: str  # owner keys are "<prefix>:<id>"
    build: Callable[[int, object], Iterable[Entry]]  # (id, site context) -> entries
    ids: Callable[[object], Iterable[int]]  # site context -> every id worth building


_kinds: dict[str, Kind] = {}
_page_sources: dict[type, PageSource] = {}
_record_sources: dict[str, RecordSource] = {}
_watches: list[tuple[type[models.Model], Callable[[models.Model], Iterable[str]]]] = []


def register_kind(name: str, label, plural, *, boost: float = 0.0) -> Kind:
    kind = Kind(name=name, label=label, plural=plural, boost=boost)
    _kinds[name] = kind
    return kind


def kinds() -> list[Kind]:
    return list(_kinds.values())


def kind(name: str) -> Kind | None:
    return _kinds.get(name)


def register_page_source(model, build: PageBuilder, **options) -> PageSource:
    source = PageSource(model=model, build=build, **options)
    _page_sources[model] = source
    return source


def page_source(model, **options):
    """Decorator form of `register_page_source`."""

    def decorate(build):
        register_page_source(model, build, **options)
        return build

    return decorate


def page_source_for(page: Page) -> PageSource | None:
    for cls in type(page).__mro__:
        if cls in _page_sources:
            return _page_sources[cls]
    return None


def register_record_source(prefix: str, *, build, ids) -> RecordSource:
    source = RecordSource(prefix=prefix, build=build, ids=ids)
    _record_sources[prefix] = source
    return source


def record_sources() -> list[RecordSource]:
    return list(_record_sources.values())


def record_source(prefix: str) -> RecordSource | None:
    return _record_sources.get(prefix)


def watch(model, owners_of: Callable[[models.Model], Iterable[str]]) -> None:
    """Rebuild `owners_of(instance)` after a row of `model` is saved or deleted (after commit)."""
    _watches.append((model, owners_of))


def watches() -> list:
    return list(_watches)
