"""What the application does once as it is loaded (core/warm_up.py, called by samhandling/wsgi.py):
the validators' regular expressions compiled and the layout's templates parsed, with no query."""

import logging

from django.core import validators
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samhandling.core import warm_up


def test_warm_up_compiles_the_validators_and_finds_every_template(caplog):
    from django.utils.functional import empty

    # Uncompiled again, whatever earlier tests validated, so only warm_up can compile them.
    validators.EmailValidator.domain_regex._wrapped = empty
    validators.URLValidator.regex._wrapped = empty
    with caplog.at_level(logging.WARNING, logger="samhandling.core.warm_up"):
        warm_up.warm_up()
    assert not caplog.records  # every template listed exists
    # The lazily compiled expressions of Django's validators are compiled now.
    assert validators.EmailValidator.domain_regex._wrapped is not empty
    assert validators.URLValidator.regex._wrapped is not empty


def test_warm_up_opens_no_database_connection(db):
    with CaptureQueriesContext(connection) as queries:
        warm_up.warm_up()
    assert len(queries) == 0


def test_the_wsgi_module_warms_up(monkeypatch):
    import importlib
    import sys

    called = []
    monkeypatch.setattr(warm_up, "warm_up", lambda: called.append("warm"))
    monkeypatch.setattr(warm_up, "freeze_heap", lambda: called.append("freeze"))
    sys.modules.pop("samhandling.wsgi", None)
    importlib.import_module("samhandling.wsgi")
    assert called == ["warm", "freeze"]


def test_freezing_the_heap_hides_the_loaded_application_from_the_collector():
    import gc

    try:
        frozen = warm_up.freeze_heap()
        assert frozen > 10_000 and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
