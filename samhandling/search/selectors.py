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
from django.db import router
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear, Greatest, Length
from wagtail.models import Page, Site

from samhandling.core.visibility import hidden_paths, published

from . import registry
from .compiled import Shapes, Statement, compile_statement, sentinels
from .indexing import uses_postgres
from .models import SearchEntry
from .text import MIN_SUBSTRING_LENGTH, query_stems, words

# Similar words (PostgreSQL, when nothing matches): word similarity of the query to a title.
FUZZY_THRESHOLD = 0.7
# What a result shows (core/search.html and its snippet): not the words matched on, the vector
# or the references, which are longer than the rest of the row.
RESULT_FIELDS = ("id", "kind", "title", "body", "context", "url", "date", "language")


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    entries: QuerySet | object  # a QuerySet or RankedEntries: what a paginator takes
    stems: list[str]
    kinds: list[Facet] = field(default_factory=list)
    years: list[Facet] = field(default_factory=list)
    similar: bool = False  # the entries are for words similar to the query (typos)


def _needle(stem: str, length: int) -> tuple[str, str]:
    """(what a word starting with the stem looks like, what a word containing it looks like);
    `length` is the stem's (the stem may be a sentinel standing in for it, see `compiled`)."""
    if length < MIN_SUBSTRING_LENGTH:
        return f" {stem} ", f" {stem} "
    return f" {stem}", stem


def _matches(stems: list[str], lengths: list[int]) -> Q:
    condition = Q()
    for stem, length in zip(stems, lengths, strict=True):
        _start, inside = _needle(stem, length)
        condition &= (
            Q(title_words__contains=inside)
            | Q(body_words__contains=inside)
            | Q(context_words__contains=inside)
        )
    return condition


def _points(condition: Q, points: float):
    return Case(When(condition, then=Value(points)), default=Value(0.0), output_field=FloatField())


def _score(stems: list[str], lengths: list[int]):
    """Per word: 8 for a title word that starts with the stem, 4 for one that contains it, plus up
    to 10 for how much of the title it is; 2 and 1 for the text, 0.5 for
    the context (committee, meeting). Plus the boost of the kind."""
    score = Value(0.0, output_field=FloatField())
    for stem, length in zip(stems, lengths, strict=True):
        start, inside = _needle(stem, length)
        score += Case(
            When(title_words__contains=start, then=Value(8.0)),
            When(title_words__contains=inside, then=Value(4.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        share = Value(10.0 * (length + 2)) / Greatest(Length("title_words"), Value(1))
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


def _matched(entries: QuerySet, *, terms: str, stems: list[str], lengths: list[int]):
    """(the matching entries, the expression to rank them by, whether they are similar words)."""
    matching = _matches(stems, lengths)
    score = _score(stems, lengths)
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


def _querysets(
    *, site: Site, terms: str, stems: list[str], lengths: list[int], kind: str, year: int | None
):
    """(counts per kind, counts per year, the entries best first, whether they are similar
    words) as querysets, not yet run. `lengths`: of the stems (which may be sentinels)."""
    found, score, similar = _matched(
        visible_entries(site=site), terms=terms, stems=stems, lengths=lengths
    )
    by_kind = found.filter(date__year=year) if year else found
    by_year = found.filter(kind=kind) if kind else found
    kind_counts = by_kind.order_by().values_list("kind").annotate(n=Count("pk"))
    year_counts = (
        by_year.filter(date__isnull=False)
        .annotate(y=ExtractYear("date"))
        .order_by("-y")
        .values_list("y")
        .annotate(n=Count("pk"))
    )
    entries = found
    if kind:
        entries = entries.filter(kind=kind)
    if year:
        entries = entries.filter(date__year=year)
    entries = entries.annotate(score=score).order_by(
        "-score", F("date").desc(nulls_last=True), "title", "pk"
    )
    return kind_counts, year_counts, entries.only(*RESULT_FIELDS), similar


@dataclass(frozen=True)
class _Shape:
    """A search's statements, compiled with sentinels for the stems (`compiled`)."""

    key: tuple
    groups: Statement  # (kind, year, number) of the matching entries: facets and count in one
    entries: QuerySet  # with the sentinels; compiled per page (`RankedEntries`)


_shapes = Shapes()


def _shape_key(*, site: Site, stems: list[str], kind: str, year: int | None) -> tuple:
    """What the SQL of a search depends on besides the stems themselves."""
    restricted, unpublished, _aliases = hidden_paths()
    root = site.root_page
    return (
        router.db_for_read(SearchEntry),
        site.pk,
        root.path,
        root.depth,
        tuple(restricted),
        tuple(unpublished),
        tuple(len(stem) for stem in stems),
        kind,
        year,
        tuple((k.name, k.boost) for k in registry.kinds()),  # the boosts in the score
    )


def _groups(found: QuerySet) -> QuerySet:
    """(kind, year or None, number) of the `found` entries: what the counts per kind and per year
    and the number of entries (each narrowed by the other filter) are summed from."""
    years = found.annotate(y=ExtractYear("date")).order_by()
    return years.values_list("kind", "y").annotate(n=Count("pk"))


def _compile_shape(*, key: tuple, site: Site, stems: list[str], kind: str, year: int | None):
    marked = sentinels(len(stems))
    lengths = [len(stem) for stem in stems]
    found, _score, _similar = _matched(
        visible_entries(site=site), terms=" ".join(marked), stems=marked, lengths=lengths
    )
    _kind_counts, _year_counts, entries, _similar = _querysets(
        site=site, terms=" ".join(marked), stems=marked, lengths=lengths, kind=kind, year=year
    )
    groups = compile_statement(_groups(found))
    if groups is None:
        return False  # the ORM every time for this shape
    return _Shape(key, groups, entries=entries)


def _counted(groups, *, kind: str, year: int | None):
    """(counts per kind, counts per year newest first, number of entries) from `_groups`' rows,
    as the ORM counts them: per kind within the year, per year (dated entries) within the kind,
    and the entries within both."""
    kinds: dict = {}
    years: dict = {}
    total = 0
    for entry_kind, entry_year, number in groups:
        in_year = not year or entry_year == year
        in_kind = not kind or entry_kind == kind
        if in_year:
            kinds[entry_kind] = kinds.get(entry_kind, 0) + number
        if in_kind and entry_year is not None:
            years[entry_year] = years.get(entry_year, 0) + number
        if in_kind and in_year:
            total += number
    return list(kinds.items()), sorted(years.items(), reverse=True), total


class RankedEntries:
    """The matching entries, best first, as the paginator reads them (`count()` and a slice),
    each a query whose SQL is compiled once per shape of search and slice."""

    ordered = True

    def __init__(self, *, shape: _Shape, stems: list[str], orm, count: int):
        self._shape = shape
        self._stems = stems
        self._orm = orm  # () -> the same entries as a QuerySet, for a slice that won't compile
        self._count = count  # summed from the facets' rows (`_counted`)

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[0:None])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step is not None or (index.start or 0) < 0 or (index.stop or 0) < 0:
            raise ValueError("RankedEntries takes slices with a start and stop of 0 or more")
        start, stop = index.start or 0, index.stop
        if stop is not None and stop <= start:
            return []  # (the ORM's SQL for an empty slice: EmptyResultSet)
        statement = _shapes.get(
            (self._shape.key, start, stop),
            lambda: compile_statement(self._shape.entries[start:stop]),
        )
        if statement is None:
            return list(self._orm()[start:stop])
        return statement.instances(SearchEntry, self._stems)


def _facets(kind_rows, year_rows, *, kind: str, year: int | None):
    counts = dict(kind_rows)
    kinds = [
        Facet(value=k.name, label=k.plural, count=counts.get(k.name, 0), selected=k.name == kind)
        for k in registry.kinds()
        if counts.get(k.name) or k.name == kind
    ]
    years = [Facet(value=str(y), label=str(y), count=n, selected=y == year) for y, n in year_rows]
    if year and not any(facet.selected for facet in years):
        years.insert(0, Facet(value=str(year), label=str(year), count=0, selected=True))
    return kinds, years


def search(*, site: Site | None, terms: str, kind: str = "", year: int | None = None):
    """The entries of the site that match the query words `terms`, best first, narrowed to one
    kind and one year when given, with the counts per kind and per year beside them."""
    stems = query_stems(terms)
    if site is None or not stems:
        return SearchResults(entries=SearchEntry.objects.none(), stems=stems)

    def querysets():
        lengths = [len(stem) for stem in stems]
        return _querysets(
            site=site, terms=terms, stems=stems, lengths=lengths, kind=kind, year=year
        )

    if not uses_postgres():
        # SQLite: the SQL compiled once per shape (`compiled`). PostgreSQL's query also depends
        # on the words themselves (text search, similarity), so it is built by the ORM each time.
        key = _shape_key(site=site, stems=stems, kind=kind, year=year)
        shape = _shapes.get(
            key,
            lambda: _compile_shape(key=key, site=site, stems=stems, kind=kind, year=year),
        )
        if shape is not False:
            kind_rows, year_rows, count = _counted(shape.groups.rows(stems), kind=kind, year=year)
            kinds, years = _facets(kind_rows, year_rows, kind=kind, year=year)
            return SearchResults(
                entries=RankedEntries(
                    shape=shape,
                    stems=stems,
                    orm=lambda: querysets()[2],
                    count=count,
                ),
                stems=stems,
                kinds=kinds,
                years=years,
            )
    kind_counts, year_counts, entries, similar = querysets()
    kinds, years = _facets(kind_counts, year_counts, kind=kind, year=year)
    return SearchResults(entries=entries, stems=stems, kinds=kinds, years=years, similar=similar)
