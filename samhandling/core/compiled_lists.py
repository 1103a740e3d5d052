"""Lists of pages whose SQL is built once per process and run with new values: what
`core.compiled_queries.first_by` does for one row, for a list.

Building and compiling the queryset of a list of Wagtail pages (a join, a tree filter, the
visibility rules, `only()`, an order) costs the ORM about a millisecond, several times what the
database takes to run it; a page showing four lists spends half its time there. `compiled_list`
builds the queryset once per process and shape (`name` and `key`: everything the SQL depends on
besides the values, such as the hidden paths `published()` leaves out and a limit) with a
sentinel for each value, compiles it, and then runs that SQL with the values put where the
sentinels were, making the instances as Django's `ModelIterable` does (`Model.from_db` with the
fields' converters, `select_related` objects filled in): the same rows and instances, every
`post_init` fired as before.

Rows come as instances, or as dicts for a `values()` queryset; `compiled_count` counts them.
Values may be strings (also inside a `startswith` pattern, for letters and digits, which a
page path is), integers, dates and aware datetimes. Where a sentinel does not come out where
expected (or something made from it, such as a depth plus one, would be baked in), or the
queryset is of a shape this does not handle (prefetching, known related objects, extra
columns), the queryset is run through the ORM every time instead: slower, never different.

The committee, news, home, agreement and hearing pages use it; `compiled_queries.first_by` is
the same for one row by one field."""

import datetime
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators

_MAX_SHAPES = 512  # each (name, key, database): a few per page type, bounded all the same
_compiled: OrderedDict = OrderedDict()
_compiling = threading.Lock()  # for adding and dropping shapes (reading needs none)
_UNCOMPILABLE = object()
_EPOCH = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
_FIRST_DAY = datetime.date(1901, 3, 1)
_SENTINEL_YEAR = "1901-0"  # how every datetime and date sentinel starts, as a param


def _sentinel(position: int, value):
    """A value of value's type that no query is ever run with (no "_" or "%": LIKE keeps it)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return 2_071_000_000 + position  # within every integer column's range
    if isinstance(value, str):
        return f"\x00samhandling-compiled-list-{position}\x00"
    if isinstance(value, datetime.datetime):
        return _EPOCH + datetime.timedelta(microseconds=position + 1) if value.tzinfo else None
    if isinstance(value, datetime.date):
        return _FIRST_DAY + datetime.timedelta(days=position)
    return None


@dataclass(frozen=True)
class _Slot:
    position: int  # in the params
    name: str  # of the value
    kind: str  # "equal", "inside" (a str sentinel within a LIKE pattern), "datetime", "date"
    template: object = None  # "inside": the param with the sentinel in it; "equal": its type


@dataclass(frozen=True)
class _Compiled:
    db: str
    sql: str
    params: tuple
    slots: tuple
    sentinels: dict
    model: type | None  # None: rows as dicts (`values()`) with these names
    names: tuple
    init_list: list
    fields_start: int
    fields_end: int
    converters: tuple
    populators: list
    annotations: dict


def _compile(build, values: dict, using: str | None):
    sentinels = {}
    for position, (name, value) in enumerate(sorted(values.items())):
        sentinel = _sentinel(position, value)
        if sentinel is None:
            return None
        sentinels[name] = sentinel
    queryset = build(**sentinels)
    if using:
        queryset = queryset.using(using)
    if (
        queryset._iterable_class not in (ModelIterable, ValuesIterable)
        or queryset._prefetch_related_lookups
        or queryset._known_related_objects
    ):
        return None
    db = queryset.db
    connection = connections[db]
    compiler = queryset.query.get_compiler(using=db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # nothing to run (an empty slice): the ORM knows what to give
        return None
    values_rows = queryset._iterable_class is ValuesIterable
    if compiler.has_extra_select or (compiler.klass_info is None and not values_rows):
        return None
    slots, found = [], set()
    for position, param in enumerate(params):
        for name, sentinel in sentinels.items():
            if isinstance(sentinel, datetime.datetime):
                if param == sentinel or param == connection.ops.adapt_datetimefield_value(sentinel):
                    slots.append(_Slot(position, name, "datetime"))
                    found.add(name)
            elif isinstance(sentinel, datetime.date):
                if param == sentinel or param == connection.ops.adapt_datefield_value(sentinel):
                    slots.append(_Slot(position, name, "date"))
                    found.add(name)
            elif _same_kind(param, sentinel) and param == sentinel:
                # On PostgreSQL an integer comes out wrapped (psycopg's Int4, Int8): the value
                # is wrapped the same way where it goes in.
                slots.append(_Slot(position, name, "equal", type(param)))
                found.add(name)
            elif isinstance(sentinel, str) and isinstance(param, str) and sentinel in param:
                slots.append(_Slot(position, name, "inside", param))
                found.add(name)
    if found != set(sentinels) or _derived_from_a_sentinel(sql, params, slots, sentinels):
        return None
    columns = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
    converters = tuple(
        (position, tuple(functions), expression)
        for position, (functions, expression) in compiler.get_converters(columns).items()
    )
    if values_rows:
        query = queryset.query
        names = query.selected or [
            *query.extra_select,
            *query.values_select,
            *query.annotation_select,
        ]
        return _Compiled(
            db=db,
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            sentinels=sentinels,
            model=None,
            names=tuple(names),
            init_list=[],
            fields_start=0,
            fields_end=0,
            converters=converters,
            populators=[],
            annotations={},
        )
    select, klass_info = compiler.select, compiler.klass_info
    fields_start, fields_end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    return _Compiled(
        db=db,
        sql=sql,
        params=tuple(params),
        slots=tuple(slots),
        sentinels=sentinels,
        model=klass_info["model"],
        names=(),
        init_list=[column[0].target.attname for column in select[fields_start:fields_end]],
        fields_start=fields_start,
        fields_end=fields_end,
        converters=converters,
        populators=get_related_populators(klass_info, select, db),
        annotations=dict(compiler.annotation_col_map or {}),
    )


def _same_kind(param, sentinel) -> bool:
    """The param is the sentinel's type, or (an int) a subclass of it that is not a bool."""
    if isinstance(sentinel, int):
        return isinstance(param, int) and not isinstance(param, bool)
    return type(param) is type(sentinel)


def _derived_from_a_sentinel(sql: str, params, slots, sentinels: dict) -> bool:
    """Whether the SQL holds something made from a sentinel rather than the sentinel itself (a
    depth plus one, a slice of a path): that would be baked in, so the shape is not compiled."""
    placed = {slot.position for slot in slots}
    near = [s for s in sentinels.values() if isinstance(s, int)]
    if "\x00" in sql:
        return True
    for position, param in enumerate(params):
        if position in placed:
            continue
        if isinstance(param, str) and "\x00" in param:
            return True
        if isinstance(param, int) and any(abs(param - s) < 1_000_000 for s in near):
            return True
        if isinstance(param, datetime.date | str) and str(param).startswith(_SENTINEL_YEAR):
            return True
    return False


def _params(compiled: _Compiled, values: dict, connection) -> list | None:
    params = list(compiled.params)
    for slot in compiled.slots:
        value = values[slot.name]
        if slot.kind == "equal":
            wrap = slot.template
            params[slot.position] = wrap(value) if wrap not in (None, int, str) else value
        elif slot.kind == "datetime":
            if value.tzinfo is None:
                return None
            params[slot.position] = connection.ops.adapt_datetimefield_value(value)
        elif slot.kind == "date":
            if isinstance(value, datetime.datetime):
                return None
            params[slot.position] = connection.ops.adapt_datefield_value(value)
        else:  # within a LIKE pattern: only what needs no escaping there
            if not value.isalnum():
                return None
            params[slot.position] = slot.template.replace(compiled.sentinels[slot.name], value)
    return params


def compiled_list(name: str, key: tuple, build, *, using: str | None = None, **values) -> list:
    """`list(build(**values))`. `build` makes the queryset from the values alone; `name` and
    `key` must tell apart every queryset it can make otherwise (a limit, the hidden paths)."""
    compiled = _compiled_shape(name, key, build, using, values)
    if compiled is _UNCOMPILABLE:
        return _through_the_orm(build, values, using)
    db = compiled.db
    connection = connections[db]
    params = _params(compiled, values, connection)
    if params is None:
        return _through_the_orm(build, values, using)
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    if compiled.model is None:
        names = compiled.names
        rows = [_converted(compiled, row, connection) for row in rows]
        return [{name: row[i] for i, name in enumerate(names)} for row in rows]
    return [_instance(compiled, row, db, connection) for row in rows]


def _compiled_shape(name, key: tuple, build, using: str | None, values: dict):
    shape = (name, key, using, tuple(sorted((k, type(v)) for k, v in values.items())))
    compiled = _compiled.get(shape)
    if compiled is None:
        compiled = _compile(build, values, using) or _UNCOMPILABLE
        with _compiling:
            _compiled[shape] = compiled
            while len(_compiled) > _MAX_SHAPES:
                _compiled.popitem(last=False)
    return compiled


def _through_the_orm(build, values: dict, using: str | None) -> list:
    queryset = build(**values)
    return list(queryset.using(using) if using else queryset)


def _converted(compiled: _Compiled, row, connection):
    if compiled.converters:
        row = list(row)
        for position, functions, expression in compiled.converters:
            value = row[position]
            for convert in functions:
                value = convert(value, expression, connection)
            row[position] = value
    return row


def _instance(compiled: _Compiled, row, db: str, connection):
    row = _converted(compiled, row, connection)
    obj = compiled.model.from_db(
        db, compiled.init_list, row[compiled.fields_start : compiled.fields_end]
    )
    for populator in compiled.populators:
        populator.populate(row, obj)
    for attname, position in compiled.annotations.items():
        setattr(obj, attname, row[position])
    return obj


def compiled_count(name: str, key: tuple, build, *, using: str | None = None, **values) -> int:
    """`build(**values).count()`: the rows of the queryset's SQL (compiled once, as in
    `compiled_list`) counted by the database, as Django counts a sliced or distinct query."""

    def primary_keys(**values):
        return build(**values).order_by().values("pk")

    compiled = _compiled_shape(("count", name), key, primary_keys, using, values)
    if compiled is not _UNCOMPILABLE:
        connection = connections[compiled.db]
        params = _params(compiled, values, connection)
        if params is not None:
            with connection.cursor() as cursor:
                # Django's own SQL with the values as parameters, counted.
                sql = f"SELECT COUNT(*) FROM ({compiled.sql}) subquery"  # noqa: S608  # nosec B608
                cursor.execute(sql, params)
                return cursor.fetchone()[0]
    queryset = build(**values)
    return (queryset.using(using) if using else queryset).count()
