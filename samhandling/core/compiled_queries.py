"""Queries whose SQL is built once per process and run with new values.

Building the SQL of a query for a Wagtail page type (a join and some fifty columns) costs the ORM
more than the database takes to run it, and a hot path (a page's route, the row locks of a
sign-up) runs the same query on every request but for one value. `first_by` compiles the
queryset once per model, field, database and lock, with a sentinel where the value goes, and
then runs that SQL as a raw query: the same rows, the same instances with every field loaded
(`post_init` fires as before), and with `lock` the same `SELECT … FOR UPDATE`. Where the
sentinel does not come out as exactly one parameter, it falls back to the ORM."""

from django.db import router

_compiled: dict = {}
_SENTINELS = {int: -7_000_000_007, str: "\x00samhandling-compiled-query\x00"}


def _queryset(model, field: str, value, lock: bool):
    queryset = model.objects.filter(**{field: value}).order_by("pk")
    return (queryset.select_for_update() if lock else queryset)[:1]


def first_by(model, *, field: str = "pk", value, lock: bool = False):
    """`model.objects.filter(<field>=value).order_by("pk")` (`.select_for_update()` with
    `lock`), its first row or None, through SQL compiled once."""
    sentinel = _SENTINELS.get(type(value))
    using = router.db_for_write(model) if lock else router.db_for_read(model)
    if sentinel is None:
        return _queryset(model, field, value, lock).using(using).first()
    key = (model, field, type(value), using, lock)
    known = _compiled.get(key)
    if known is None:
        query = _queryset(model, field, sentinel, lock).using(using).query
        sql, params = query.get_compiler(using=using).as_sql()
        if list(params).count(sentinel) != 1:  # not as expected: no shortcut
            return _queryset(model, field, value, lock).using(using).first()
        known = _compiled[key] = (sql, tuple(params))
    sql, params = known
    params = [value if param == sentinel else param for param in params]
    found = list(model.objects.using(using).raw(sql, params))
    return found[0] if found else None
