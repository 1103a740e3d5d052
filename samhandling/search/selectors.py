"""Answering a query from the index of one site.

Both databases: each query word is reduced to its Norwegian stem and must occur in the title or
text of an entry, as a whole word or inside one (compounds); stems under three letters only as a
whole word. Title hits rank above text hits, words that start with the stem above words that only
contain it. PostgreSQL adds its `norwegian` full-text search (matching and SearchRank), trigram
word similarity in the ranking, and, when nothing matches, results for similar words (typos).

Whatever the index holds, only entries whose page is live, public and not below an unpublished
page are returned."""

from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear, Greatest, Length
from wagtail.models import Page, Site

from samhandling.core.visibility import published

from . import registry
from .indexing import uses_postgres
from .models import SearchEntry
from .text import MIN_SUBSTRING_LENGTH, query_stems, words

# Similar words (PostgreSQL, when nothing matches): word similarity of the query to a title.
FUZZY_THRESHOLD = 0.7


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    entries: QuerySet
    stems: list[str]
    kinds: list[Facet] = field(default_factory=list)
    years: list[Facet] = field(default_factory=list)
    similar: bool = False  # the entries are for words similar to the query (typos)


def _needle(stem: str) -> tuple[str, str]:
    """(what a word starting with the stem looks like, what a word containing it looks like)."""
    if len(stem) < MIN_SUBSTRING_LENGTH:
        return f" {stem} ", f" {stem} "
    return f" {stem}", stem


def _matches(stems: list[str]) -> Q:
    condition = Q()
    for stem in stems:
        _start, inside = _needle(stem)
        condition &= (
            Q(title_words__contains=inside)
            | Q(body_words__contains=inside)
            | Q(context_words__contains=inside)
        )
    return condition


def _points(condition: Q, points: float):
    return Case(When(condition, then=Value(points)), default=Value(0.0), output_field=FloatField())


def _score(stems: list[str]):
    """Per word: 8 for a title word that starts with the stem, 4 for one that contains it, plus up
    to 10 for how much of the title it is; 2 and 1 for the text, 0.5 for
    the context (committee, meeting). Plus the boost of the kind."""
    score = Value(0.0, output_field=FloatField())
    for stem in stems:
        start, inside = _needle(stem)
        score += Case(
            When(title_words__contains=start, then=Value(8.0)),
            When(title_words__contains=inside, then=Value(4.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        share = Value(10.0 * (len(stem) + 2)) / Greatest(Length("title_words"), Value(1))
        score += Case(
            When(title_words__contains=inside, then=share),
            default=Value(0.0),
            output_field=FloatField(),
        )
        score += Case(
            When(body_words__contains=start, then=Value(2.0)),
            When(body_words__contains=inside, then=Value(1.0)),
            When(context_words__contains=inside, then=Value(0.5)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    for kind in registry.kinds():
        if kind.boost:
            score += _points(Q(kind=kind.name), kind.boost)
    return score


def _tsquery(terms: str, operator: str) -> SearchQuery | None:
    """A prefix query in the `norwegian` configuration ("avtale:* & møte:*"); the words come from
    `search_terms`, so they hold no tsquery syntax."""
    parts = [f"{word}:*" for word in dict.fromkeys(words(terms))][:12]
    if not parts:
        return None
    return SearchQuery(f" {operator} ".join(parts), search_type="raw", config="norwegian")


def visible_entries(*, site: Site) -> QuerySet:
    pages = published(Page.objects.descendant_of(site.root_page, inclusive=True))
    return SearchEntry.objects.filter(site=site, page_id__in=pages.values("pk"))


def _matched(entries: QuerySet, *, terms: str, stems: list[str]):
    """(the matching entries, the expression to rank them by, whether they are similar words)."""
    matching = _matches(stems)
    score = _score(stems)
    if not uses_postgres():
        return entries.filter(matching), score, False
    every, some = _tsquery(terms, "&"), _tsquery(terms, "|")
    if every is not None:
        matching |= Q(vector=every)
        score = score + 3 * SearchRank(F("vector"), some)
    score = score + 4 * TrigramSimilarity("title", Value(terms))
    found = entries.filter(matching)
    if found.exists():
        return found, score, False
    similarity = TrigramWordSimilarity(Value(terms), "title")
    similar = entries.alias(similarity=similarity).filter(similarity__gte=FUZZY_THRESHOLD)
    return similar, similarity, True


def search(*, site: Site | None, terms: str, kind: str = "", year: int | None = None):
    """The entries of the site that match the query words `terms`, best first, narrowed to one
    kind and one year when given, with the counts per kind and per year beside them."""
    stems = query_stems(terms)
    if site is None or not stems:
        return SearchResults(entries=SearchEntry.objects.none(), stems=stems)
    found, score, similar = _matched(visible_entries(site=site), terms=terms, stems=stems)
    by_kind = found.filter(date__year=year) if year else found
    by_year = found.filter(kind=kind) if kind else found
    counts = dict(by_kind.order_by().values_list("kind").annotate(n=Count("pk")))
    kinds = [
        Facet(value=k.name, label=k.plural, count=counts.get(k.name, 0), selected=k.name == kind)
        for k in registry.kinds()
        if counts.get(k.name) or k.name == kind
    ]
    years = [
        Facet(value=str(y), label=str(y), count=n, selected=y == year)
        for y, n in by_year.filter(date__isnull=False)
        .annotate(y=ExtractYear("date"))
        .order_by("-y")
        .values_list("y")
        .annotate(n=Count("pk"))
    ]
    if year and not any(facet.selected for facet in years):
        years.insert(0, Facet(value=str(year), label=str(year), count=0, selected=True))
    entries = found
    if kind:
        entries = entries.filter(kind=kind)
    if year:
        entries = entries.filter(date__year=year)
    entries = entries.annotate(score=score).order_by(
        "-score", F("date").desc(nulls_last=True), "title", "pk"
    )
    return SearchResults(entries=entries, stems=stems, kinds=kinds, years=years, similar=similar)
