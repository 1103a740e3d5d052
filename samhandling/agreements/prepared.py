"""Querysets whose SQL is built once per process and run with new values (the agreement pages).

The agreement page reads eight lists (versions, adoptions, parties, sub-agreements, …), each a
query of the same shape on every request but for an id or a path. Building a queryset's SQL
(filters, joins, `only`, `select_related`, the columns of a Wagtail page type) costs the ORM
several times what SQLite takes to run it. `PreparedQuery` builds the queryset once with
sentinels where the values go, keeps its SQL, and on each call runs that SQL with the values and
makes the instances exactly as `QuerySet.__iter__` does (`Model.from_db`, the fields' converters,
`select_related` populated, `post_init` sent: the page cache still notes every record). This is
`core.compiled_queries.first_by` (one row by one field) for a whole list and any filter; no
well-kept library does it (they cache results, which would not be read fresh).

The sentinels must come out as parameters of the SQL, each once, either whole (an exact match)
or inside a LIKE pattern (`__startswith`); when the SQL is not of that shape (a value folded
into the SQL, an empty `__in`), the queryset is run by the ORM as usual."""

from django.apps import apps
from django.db import connections, router
from django.db.models import Q
from django.db.models.query import get_related_populators

# Within the range of a 32-bit integer column: outside it Django folds the filter into the SQL
# (an empty or a full result) instead of making it a parameter.
_INT_SENTINEL = 2_147_400_000
_STR_SENTINEL = "\x00samhandling-prepared-{}\x00"


class _Compiled:
    """The SQL of one queryset, where its values go in it, and how its rows become instances."""

    __slots__ = ("sql", "params", "slots", "converters", "start", "end", "init_list", "populators")

    def __init__(self, compiler, sql: str, params: tuple, slots: tuple):
        self.sql = sql
        self.params = params
        self.slots = slots  # (position in params, name of the value, whole value or in a pattern)
        select, klass_info = compiler.select, compiler.klass_info
        self.converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(
                [column[0] for column in select]
            ).items()
        )
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, compiler.using)


class PreparedQuery:
    """`run(**values)`: the instances of `build(shape=…, **values)` (a queryset of `model`), in a
    list.

    `kinds` names each value and its type (int or str). `shape` (optional, given to `build`)
    tells apart querysets of a different shape for the same values (e.g. the paths a filter
    leaves out): each shape is compiled once."""

    def __init__(self, model: str, build, **kinds):
        self.label = model  # "app_label.ModelName", looked up when first run (apps loaded)
        self.model = None
        self.build = build
        self.sentinels = {
            name: _INT_SENTINEL + number if kind is int else _STR_SENTINEL.format(number)
            for number, (name, kind) in enumerate(sorted(kinds.items()))
        }
        self._compiled: dict = {}

    def _compile(self, using: str, shape) -> _Compiled | None:
        queryset = self.build(shape=shape, **self.sentinels)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        if (
            compiler.klass_info is None
            or compiler.klass_info["model"] is not self.model
            or compiler.annotation_col_map
            or compiler.col_count != len(compiler.select)
        ):
            return None
        slots = []
        for name, sentinel in self.sentinels.items():
            whole = [i for i, param in enumerate(params) if param == sentinel]
            inside = [
                i
                for i, param in enumerate(params)
                if isinstance(sentinel, str)
                and isinstance(param, str)
                and param != sentinel
                and sentinel in param
            ]
            if len(whole) + len(inside) != 1:
                return None  # the value is not one parameter: no shortcut
            slots += [(i, name, True) for i in whole] + [(i, name, False) for i in inside]
        return _Compiled(compiler, sql, tuple(params), tuple(slots))

    def run(self, *, shape=None, **values) -> list:
        if self.model is None:
            self.model = apps.get_model(self.label)
        using = router.db_for_read(self.model)
        key = (using, shape)
        compiled = self._compiled.get(key, False)
        if compiled is False:
            compiled = self._compiled[key] = self._compile(using, shape)
        if compiled is None:
            return list(self.build(shape=shape, **values).using(using))
        connection = connections[using]
        params = list(compiled.params)
        for position, name, whole in compiled.slots:
            if whole:
                params[position] = values[name]
            else:  # inside a LIKE pattern: escaped as the lookup escapes its value
                params[position] = params[position].replace(
                    self.sentinels[name], connection.ops.prep_for_like_query(values[name])
                )
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return self._instances(compiled, using, connection, rows)

    def _instances(self, compiled: _Compiled, using: str, connection, rows) -> list:
        """As `ModelIterable`: the converters applied, `from_db`, `select_related` filled."""
        model, init_list, populators = self.model, compiled.init_list, compiled.populators
        start, end, converters = compiled.start, compiled.end, compiled.converters
        instances = []
        for row in rows:
            if converters:
                row = list(row)
                for position, functions, expression in converters:
                    value = row[position]
                    for convert in functions:
                        value = convert(value, expression, connection)
                    row[position] = value
            instance = model.from_db(using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            instances.append(instance)
        return instances


def live_and_not_below(pages, hidden: tuple):
    """`pages` live and not below any of the `hidden` paths: `core.visibility.public_live` (the
    restricted sections) or `published` (and the unpublished pages), with the paths given, for
    they are the shape of a prepared query (compiled once per set of them)."""
    pages = pages.filter(live=True)
    below = Q()
    for path in hidden:
        below |= Q(path__startswith=path)
    return pages.exclude(below) if below else pages
