"""Parts of a page kept in the structure cache together with what the page cache notes while they
are worked out, so that a page built from a kept part is listed under the same tags (and expires
as early) as one that worked it out afresh.

Use only for parts that depend on nothing but the site's structure (pages' titles, addresses,
places in the tree, sites, communities, organisations): the structure cache's version changes
whenever one of those does (`structure_cache.structure_changed`), and the replayed tags make the
page cache purge a page showing the part exactly as before."""

import time

from . import page_cache_tags
from .page_cache import Recorder
from .structure_cache import cached, immutable, remember, replace_immutable


def _noting(build):
    def build_noting():
        recorder, token = page_cache_tags.start()
        try:
            value = build()
        finally:
            page_cache_tags.stop(token)
        return value, tuple(sorted(recorder.tags)), recorder.changes_at

    return build_noting


def _passed(changes_at) -> bool:
    return changes_at is not None and changes_at <= time.time()


def cached_noting(name: str, *parts, build):
    """`build()`, kept under the structure cache's version with the tags it noted; built again
    once the moment it noted it changes by itself (a hearing closes, say) has passed."""
    value, tags, changes_at = cached(name, *parts, build=_noting(build))
    if _passed(changes_at):
        value, tags, changes_at = kept = _noting(build)()
        remember(name, *parts, value=kept)
    return _replay(value, tags, changes_at)


def immutable_noting(name: str, *parts, build):
    """The same, kept in the process (`structure_cache.immutable`): for values no caller
    changes, such as rendered fragments of the layout."""
    value, tags, changes_at = immutable(name, *parts, build=_noting(build))
    if _passed(changes_at):
        value, tags, changes_at = kept = _noting(build)()
        replace_immutable(name, *parts, value=kept)
    return _replay(value, tags, changes_at)


def _replay(value, tags, changes_at):
    outer: Recorder | None = page_cache_tags._recorder.get()
    if outer is not None:
        outer.add(*tags)
        if changes_at is not None:
            outer.change_at(changes_at)
    return value


def kept_instance(model, *, field: str = "pk", value):
    """`compiled_queries.first_by(model, field=field, value=value)`, read once per process and
    structure version, for records that change only with the structure (pages, organisations,
    documents, agreement versions: `structure_cache.connect_signals`); the tags its reading
    noted are noted again. Every caller gets the same instance: read it, never change it."""
    from .compiled_queries import first_by

    return immutable_noting(
        "kept-instance",
        model._meta.label_lower,
        field,
        value,
        build=lambda: first_by(model, field=field, value=value),
    )
