"""The search's SQL, built once per process for each shape of query and run with the query's
stems.

Building a search query costs the ORM more than SQLite takes to run it: the ranking is a sum of
`Case` expressions per stem, and resolving, hashing and compiling it (four times a request: the
two facets, the count and the page) was most of the search page's time. The SQL only changes
with the shape of the query (how many stems and how long each is, the filters, the site and its
hidden pages), so `Compiled` builds the querysets once per shape with a sentinel in place of each
stem, keeps their SQL, and puts the stems (escaped for LIKE, as the ORM does) in place of the
sentinels on every search. Where a sentinel does not come out inside the parameters only, the
search keeps to the ORM (`compile_statement` returns None)."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections

# A stem is letters, digits and "_": a sentinel can never be mistaken for one.
_SENTINEL = "\x00samhandling-stem-{}\x00"
# Shapes kept per process; emptied when full (a shape is rebuilt in a few milliseconds).
MAX_SHAPES = 256


def sentinels(count: int) -> list[str]:
    return [_SENTINEL.format(i) for i in range(count)]


@dataclass(frozen=True)
class Statement:
    sql: str
    params: tuple  # with the sentinels in them
    attnames: tuple  # the model's columns first (for `from_db`); empty for plain rows
    extra: tuple  # names of the annotations selected after the model's columns
    converters: tuple  # (column position, converter functions, expression)
    using: str

    def _params(self, stems: list[str]) -> list:
        if not stems:
            return list(self.params)
        ops = connections[self.using].ops
        escaped = [(_SENTINEL.format(i), ops.prep_for_like_query(s)) for i, s in enumerate(stems)]
        params = []
        for param in self.params:
            if isinstance(param, str) and "\x00" in param:
                for sentinel, value in escaped:
                    param = param.replace(sentinel, value)
            params.append(param)
        return params

    def rows(self, stems: list[str]) -> list[tuple]:
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self._params(stems))
            rows = cursor.fetchall()
        if not self.converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, functions, expression in self.converters:
                for convert in functions:
                    row[position] = convert(row[position], expression, connection)
            converted.append(tuple(row))
        return converted

    def instances(self, model, stems: list[str]) -> list:
        width = len(self.attnames)
        found = []
        for row in self.rows(stems):
            instance = model.from_db(self.using, self.attnames, row[:width])
            for name, value in zip(self.extra, row[width:], strict=True):
                setattr(instance, name, value)
            found.append(instance)
        return found


def compile_statement(queryset, *, wrap: str = "%s") -> Statement | None:
    """The SQL and parameters of `queryset` (built with `sentinels`), `wrap` put around the SQL
        (a count, say). None when a sentinel ends up in the SQL text itself, or the query can match
    nothing (the ORM then answers without SQL)."""
    using = queryset.db
    compiler = queryset.query.get_compiler(using=using)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    if "\x00" in sql:
        return None
    columns = [column for column, _sql, _alias in compiler.select]
    klass_info = compiler.klass_info or {}
    model_columns = klass_info.get("select_fields", [])
    attnames = tuple(columns[i].target.attname for i in model_columns)
    extra = tuple(alias for _column, _sql, alias in compiler.select[len(model_columns) :])
    if model_columns and list(model_columns) != list(range(len(model_columns))):
        return None  # the model's columns are not first: not the shape expected
    converters = tuple(
        (position, tuple(functions), expression)
        for position, (functions, expression) in compiler.get_converters(columns).items()
    )
    return Statement(
        sql=wrap % sql,
        params=tuple(params),
        attnames=attnames if model_columns else (),
        extra=extra if model_columns else (),
        converters=converters if wrap == "%s" else (),
        using=using,
    )


class Shapes:
    """Compiled statements by shape, kept in the process (bounded)."""

    def __init__(self):
        self._kept: dict = {}

    def get(self, key, build):
        found = self._kept.get(key)
        if found is None:
            found = build()
            if len(self._kept) >= MAX_SHAPES:
                self._kept.clear()
            self._kept[key] = found
        return found

    def clear(self) -> None:
        self._kept.clear()
