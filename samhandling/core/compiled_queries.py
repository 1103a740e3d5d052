"""Queries whose SQL is built once per process and run with new values.

Building the SQL of a query for a Wagtail page type (a join and some fifty columns) costs the ORM
more than the database takes to run it, and a hot path (a page's route, the row locks of a
sign-up) runs the same query on every request but for one value. `first_by` compiles the
queryset once per model, field, database and lock, with a sentinel where the value goes, and
then runs that SQL on a cursor and makes the instance as the ORM does (`Model.from_db`, with
the fields' converters): the same rows, the same instances with every field loaded (`post_init`
fires as before), and with `lock` the same `SELECT … FOR UPDATE`. Where the sentinel does not
come out as exactly one parameter, or the columns are not the model's fields in order, it falls
back to the ORM."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections, router

_compiled: dict = {}
# Values no query is run with; the integer within every integer column's range (PostgreSQL's
# 32-bit `integer` too: Django answers a lookup out of a column's range with no SQL at all).
_SENTINELS = {int: 2_071_999_993, str: "\x00samhandling-compiled-query\x00"}


def _queryset(model, field: str, value, lock: bool):
    queryset = model.objects.filter(**{field: value}).order_by("pk")
    return (queryset.select_for_update() if lock else queryset)[:1]


@dataclass(frozen=True)
class CompiledQuery:
    sql: str
    params: tuple
    attnames: list  # the selected columns' fields, in order
    converters: tuple  # (column position, converter functions, expression)


def _compile(model, field: str, sentinel, lock: bool, using: str) -> CompiledQuery | None:
    query = _queryset(model, field, sentinel, lock).using(using).query
    compiler = query.get_compiler(using=using)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # a value the column cannot hold: no shortcut
        return None
    columns = [column for column, _sql, _alias in compiler.select]
    attnames = [getattr(getattr(column, "target", None), "attname", None) for column in columns]
    if (
        list(params).count(sentinel) != 1
        or compiler.klass_info.get("model") is not model
        or attnames != [f.attname for f in model._meta.concrete_fields]
    ):
        return None  # not the shape expected: no shortcut
    converters = tuple(
        (position, tuple(functions), expression)
        for position, (functions, expression) in compiler.get_converters(columns).items()
    )
    return CompiledQuery(sql, tuple(params), attnames, converters)


def compiled_first(model, *, field: str, value_type: type, using: str, lock: bool):
    """The compiled SQL `first_by` sends for the model, field and type of value (compiled on the
    first call, kept in the process), or None where there is no shortcut. Its parameters hold
    `sentinel_of(value_type)` where the value goes (`params_for`); `instance_from_row` makes
    the instance of a row it returned. For a caller that sends the SQL with other statements."""
    sentinel = _SENTINELS.get(value_type)
    if sentinel is None:
        return None
    key = (model, field, value_type, using, lock)
    known = _compiled.get(key, False)
    if known is False:
        known = _compiled[key] = _compile(model, field, sentinel, lock, using)
    return known


def params_for(compiled: CompiledQuery, value) -> list:
    """The compiled SQL's parameters with the value where its sentinel is."""
    sentinel = _SENTINELS[type(value)]
    return [value if param == sentinel else param for param in compiled.params]


def instance_from_row(model, compiled: CompiledQuery, row, connection):
    """The instance of a row the compiled SQL returned (None for no row), as the ORM makes it:
    the fields' converters, then `Model.from_db`."""
    if row is None:
        return None
    if compiled.converters:
        row = list(row)
        for position, functions, expression in compiled.converters:
            for convert in functions:
                row[position] = convert(row[position], expression, connection)
    return model.from_db(connection.alias, compiled.attnames, row)


def first_by(model, *, field: str = "pk", value, lock: bool = False):
    """`model.objects.filter(<field>=value).order_by("pk")` (`.select_for_update()` with
    `lock`), its first row or None, through SQL compiled once."""
    using = router.db_for_write(model) if lock else router.db_for_read(model)
    known = compiled_first(model, field=field, value_type=type(value), using=using, lock=lock)
    if known is None:
        return _queryset(model, field, value, lock).using(using).first()
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(known.sql, params_for(known, value))
        row = cursor.fetchone()
    return instance_from_row(model, known, row, connection)
