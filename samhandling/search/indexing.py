"""Writing the index: a full rebuild per site, and the rebuild of single owners (a page with what
is shown on it, a person) after a change has been committed.

Changes are collected while a transaction runs and indexed once, after it commits (`schedule`);
if it is rolled back, nothing is indexed. An owner is rebuilt whole: its old entries are deleted
and its current ones written, from what the public may see at that moment."""

import logging
import threading
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from wagtail.models import Page, Site

from samhandling.core.visibility import published

from . import registry
from .context import SiteContext, page_key
from .models import SearchEntry
from .registry import Entry, PageSource
from .text import indexed_words, join

logger = logging.getLogger(__name__)


def _generic_source() -> PageSource:
    from .sources.pages import generic_page_entries

    return PageSource(model=Page, build=generic_page_entries)


def source_for(page) -> PageSource:
    return registry.page_source_for(page) or _generic_source()


class Run:
    """One pass of indexing: the sites, and a context per site that is read once."""

    def __init__(self):
        self.sites = sorted(
            Site.objects.select_related("root_page"),
            key=lambda site: len(site.root_page.path),
            reverse=True,
        )
        self._contexts: dict[int, SiteContext] = {}

    def context(self, site: Site) -> SiteContext:
        if site.pk not in self._contexts:
            self._contexts[site.pk] = SiteContext(site)
        return self._contexts[site.pk]

    def site_of(self, page) -> Site | None:
        """The site the page is shown on (the one with the deepest root above it)."""
        return next((s for s in self.sites if page.path.startswith(s.root_page.path)), None)


def _refs(entry: Entry, context: SiteContext) -> str:
    pages = set(entry.refs)
    pages.update(context.linked[link] for link in entry.context if link in context.linked)
    pages.discard(entry.page.pk)
    return " " + " ".join(str(pk) for pk in sorted(pages)) + " " if pages else ""


def _rows(entries: Iterable[Entry], *, context: SiteContext, owner: str) -> list[SearchEntry]:
    site = context.site
    rows: dict[str, SearchEntry] = {}
    for entry in entries:
        if entry.key in rows or not entry.title:
            continue
        refs = _refs(entry, context)
        context_links = [[str(title), url] for title, url in entry.context]
        rows[entry.key] = SearchEntry(
            site=site,
            key=entry.key[:200],
            owner=owner,
            kind=entry.kind,
            page_id=entry.page.pk,
            document=entry.document,
            title=str(entry.title)[:500],
            body=entry.body,
            context=context_links,
            url=entry.url[:1000],
            date=entry.date,
            language=entry.language,
            title_words=indexed_words(entry.title),
            body_words=indexed_words(entry.body),
            context_words=indexed_words(join(*(title for title, _ in context_links))),
            refs=refs,
        )
    return list(rows.values())


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _update_vectors(entries) -> None:
    """PostgreSQL: the `norwegian` text search vector of the entries (title A, text B)."""
    if uses_postgres():
        entries.update(
            vector=SearchVector("title", weight="A", config="norwegian")
            + SearchVector("body", weight="B", config="norwegian")
        )


def _write(owner: str, rows: list[SearchEntry]) -> None:
    with transaction.atomic():
        SearchEntry.objects.filter(owner=owner).delete()
        SearchEntry.objects.bulk_create(rows, batch_size=500)
        _update_vectors(SearchEntry.objects.filter(owner=owner))


def _main_entry(key: str):
    return SearchEntry.objects.filter(owner=key, key=key).values_list("title", "url").first()


def reindex_page(page_id: int, run: Run) -> set[str]:
    """Rebuild the entries of one page; returns the owners that depend on it and need a rebuild
    as well (pages below it when its title, address or visibility changed; its people)."""
    key = f"page:{page_id}"
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        SearchEntry.objects.filter(owner=key).delete()
        return set()
    page = page.specific
    source = source_for(page)
    before = _main_entry(key)
    site = run.site_of(page)
    rows: list[SearchEntry] = []
    if site is not None:
        context = run.context(site)
        if context.visible(page):
            rows = _rows(source.build(page, context), context=context, owner=key)
    _write(key, rows)
    after = _main_entry(key)
    more = set(source.related_owners(page)) if source.related_owners else set()
    if before != after:  # entries elsewhere that show its title or link to it
        referring = SearchEntry.objects.filter(refs__contains=f" {page.pk} ")
        more.update(referring.values_list("owner", flat=True))
    if page.numchild and (source.descendants_depend or before != after):
        below = Page.objects.descendant_of(page).values_list("pk", flat=True)
        more.update(f"page:{pk}" for pk in below)
    more.discard(key)
    return more


def reindex_record(source: registry.RecordSource, ident: int, run: Run) -> None:
    owner = f"{source.prefix}:{ident}"
    rows: list[SearchEntry] = []
    for site in run.sites:
        context = run.context(site)
        rows += _rows(source.build(ident, context) or [], context=context, owner=owner)
    _write(owner, rows)


def reindex(owners: Iterable[str]) -> int:
    """Rebuild the given owners ("page:12", "tree:12" for a page and all below it, "person:3")
    and whatever depends on them; returns how many owners were rebuilt."""
    run = Run()
    queue = list(owners)
    done: set[str] = set()
    while queue:
        owner = queue.pop(0)
        if owner in done:
            continue
        done.add(owner)
        prefix, _, ident = owner.partition(":")
        if not ident.isdigit():
            continue
        if prefix == "tree":
            tree = Page.objects.filter(pk=ident).first()
            if tree is not None:
                pages = Page.objects.descendant_of(tree, inclusive=True)
                queue.extend(f"page:{pk}" for pk in pages.values_list("pk", flat=True))
        elif prefix == "page":
            queue.extend(reindex_page(int(ident), run) - done)
        elif (source := registry.record_source(prefix)) is not None:
            reindex_record(source, int(ident), run)
    return len(done)


def rebuild(*, sites: Iterable[Site] | None = None) -> dict[Site, int]:
    """Build the index of each site from scratch; returns the number of entries per site."""
    discard_pending()
    run = Run()
    counts = {}
    for site in sites or run.sites:
        context = run.context(site)
        rows: list[SearchEntry] = []
        pages = published(Page.objects.descendant_of(context.root, inclusive=True))
        pages = pages.specific().order_by("path")
        for page in pages:
            if run.site_of(page) != site:  # shown on a site nested inside this one
                continue
            entries = source_for(page).build(page, context)
            rows += _rows(entries, context=context, owner=page_key(page))
        for source in registry.record_sources():
            for ident in source.ids(context):
                owner = f"{source.prefix}:{ident}"
                rows += _rows(source.build(ident, context) or [], context=context, owner=owner)
        with transaction.atomic():
            SearchEntry.objects.filter(site=site).delete()
            SearchEntry.objects.bulk_create(rows, batch_size=500)
            _update_vectors(SearchEntry.objects.filter(site=site))
        counts[site] = len(rows)
    return counts


# --- After commit ----------------------------------------------------------------------------

_local = threading.local()


def _pending() -> set[str]:
    if not hasattr(_local, "owners"):
        _local.owners = set()
    return _local.owners


def _flush_registered() -> bool:
    conn = transaction.get_connection()
    return any(callback is _flush for _sids, callback, _robust in conn.run_on_commit)


def schedule(*owners: str) -> None:
    """Rebuild these owners once the current transaction commits (at once outside one)."""
    if not owners:
        return
    pending = _pending()
    if pending and _flush_registered():
        pending.update(owners)
        return
    # Nothing waiting, or what waits was left by a transaction that was rolled back (and needs no
    # rebuild): start afresh, flushed when this transaction commits.
    _local.owners = set(owners)
    transaction.on_commit(_flush, robust=True)


def discard_pending() -> None:
    _local.owners = set()


def _flush() -> None:
    owners, _local.owners = _pending(), set()
    if not owners:
        return
    try:
        reindex(sorted(owners))
    except Exception:  # the change itself is committed; `search_rebuild` mends the index
        logger.exception("Could not update the search index for %s", sorted(owners)[:20])
