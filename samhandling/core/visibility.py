"""What the public may see: live, public pages that are not below an unpublished page.

Wagtail serves a live page even when a page above it is unpublished; committee pages refuse
that (`HidesPagesBelowWhenUnpublished`), and lists and search leave such pages out with this.

Which sections are private (view restrictions) and which unpublished pages hide pages below
them are kept in the structure cache (publishing, unpublishing, moving or deleting a page and
changing a view restriction forget them), so that a list of pages costs one query, not three."""

from django.db.models import Q
from wagtail.models import Page

from .structure_cache import cached


def _hidden_paths() -> tuple[list[str], list[str], list[str]]:
    """(paths of the sections with a view restriction, paths of unpublished pages with pages
    below them, paths of aliases)."""
    from wagtail.models import PageViewRestriction

    restricted = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
    unpublished = list(
        Page.objects.not_live().filter(numchild__gt=0).values_list("path", flat=True)
    )
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return restricted, unpublished, aliases


def hidden_paths() -> tuple[list[str], list[str], list[str]]:
    return cached("hidden-paths", build=_hidden_paths)


def may_be_restricted(page) -> bool:
    """False when no view restriction can apply to the page: none on it or above it, and no
    alias on the way (an alias takes the restrictions of its original)."""
    restricted, _unpublished, aliases = hidden_paths()
    return any(page.path.startswith(path) for path in (*restricted, *aliases))


def _below_any(paths) -> Q:
    hidden = Q()
    for path in paths:
        hidden |= Q(path__startswith=path)
    return hidden


def public_live(pages):
    """`pages.live().public()` without Wagtail's query for the view restrictions."""
    restricted, _unpublished, _aliases = hidden_paths()
    pages = pages.live()
    return pages.exclude(_below_any(restricted)) if restricted else pages


def published(pages):
    """`pages` (a page queryset), live and public, without those below an unpublished page."""
    restricted, unpublished, _aliases = hidden_paths()
    hidden = _below_any([*restricted, *unpublished])
    pages = pages.live()
    return pages.exclude(hidden) if hidden else pages


def live_and_not_below(pages, hidden: tuple):
    """`pages` live and not below any of the `hidden` paths: `core.visibility.public_live` (the
    restricted sections) or `published` (and the unpublished pages), with the paths given, for
    they are the `key` of a compiled list (its SQL compiled once per set of them)."""
    pages = pages.filter(live=True)
    below = Q()
    for path in hidden:
        below |= Q(path__startswith=path)
    return pages.exclude(below) if below else pages
