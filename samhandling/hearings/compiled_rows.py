"""The hearing page's queries, their SQL built once per process and run with the hearing's ids.

Building a queryset's SQL (filters, joins, a subquery) costs the ORM more than SQLite takes to
run it, and the hearing page runs the same handful of queries on every request but for the
hearing (and site) they are about. `rows` and `instances` build the queryset once per name with
sentinel ids, keep its SQL, and run it with the real ids put where the sentinels were; the rows
get the fields' converters as the ORM applies them (dates, times), and `instances` makes the
objects as the ORM does (`Model.from_db`, deferred fields left out). When a sentinel does not
come out as a parameter (or comes out in the SQL text), or the query can match nothing, the
ORM runs it every time. Like `samhandling.core.compiled_queries.first_by`, for queries by a few
ids rather than one field."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections, router

# Ids no row has (negative), one per value a query takes.
_SENTINELS = tuple(-7_000_000_101 - i for i in range(4))
_compiled: dict = {}


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple  # with sentinels
    attnames: tuple  # the model's columns (for `from_db`); empty for a values_list query
    converters: tuple  # (column position, converter functions, expression)
    using: str


def _compile(queryset, sentinels: tuple) -> _Statement | None:
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    if any(str(sentinel) in sql for sentinel in sentinels):
        return None
    if any(list(params).count(sentinel) < 1 for sentinel in sentinels):
        return None
    columns = [column for column, _sql, _alias in compiler.select]
    attnames = ()
    if queryset._fields is None:  # model instances: the model's columns only, in order
        klass_info = compiler.klass_info or {}
        if klass_info.get("model") is not queryset.model or klass_info.get("related_klass_infos"):
            return None
        if list(klass_info.get("select_fields", [])) != list(range(len(columns))):
            return None
        attnames = tuple(column.target.attname for column in columns)
    converters = tuple(
        (position, tuple(functions), expression)
        for position, (functions, expression) in compiler.get_converters(columns).items()
    )
    return _Statement(sql, tuple(params), attnames, converters, queryset.db)


def _statement(name: str, model, build, count: int) -> _Statement | None:
    using = router.db_for_read(model)
    key = (name, using)
    known = _compiled.get(key, False)
    if known is False:
        sentinels = _SENTINELS[:count]
        known = _compiled[key] = _compile(build(*sentinels).using(using), sentinels)
    return known


def _run(statement: _Statement, values: tuple) -> list[tuple]:
    by_sentinel = dict(zip(_SENTINELS, values, strict=False))
    params = [
        by_sentinel.get(param, param) if type(param) is int else param for param in statement.params
    ]
    connection = connections[statement.using]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        found = cursor.fetchall()
    if not statement.converters:
        return found
    converted = []
    for row in found:
        row = list(row)
        for position, functions, expression in statement.converters:
            for convert in functions:
                row[position] = convert(row[position], expression, connection)
        converted.append(row)
    return converted


def rows(name: str, model, build, *values: int) -> list:
    """The rows of `build(*values)`, a `values_list` queryset of `model` whose shape depends only
    on `name` (not on the values), through SQL compiled once under `name`."""
    statement = _statement(name, model, build, len(values))
    if statement is None or statement.attnames:
        return list(build(*values))
    return _run(statement, values)


def instances(name: str, model, build, *values: int) -> list:
    """The objects of `build(*values)` (a queryset of `model`, with `.only()` as wanted), as
    `rows` runs them."""
    statement = _statement(name, model, build, len(values))
    if statement is None or not statement.attnames:
        return list(build(*values))
    return [
        model.from_db(statement.using, statement.attnames, row) for row in _run(statement, values)
    ]
