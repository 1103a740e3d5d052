"""Fuzzing the JSON API with schemathesis against its own OpenAPI description: for every
operation, requests generated from the description (every parameter, in and out of its bounds)
must get no response 5xx, and every response must be one the description declares, with the
declared content type, headers and body schema.

The budget is fixed (tests/fuzzing.py); the figures are printed at the end of the run."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import MR_HOST
from tests.fuzzing import API_EXAMPLES, fixed_budget, record

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _schema():
    """The description as /api/openapi.json serves it, and the app to send the requests to."""
    from ninja.responses import NinjaJSONEncoder

    from samhandling.api import api

    loaded = schemathesis.openapi.from_dict(
        json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
    )
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@pytest.fixture
def in_this_transaction(demo):
    """The requests run in this process and this test's transaction: as Django's test client
    does, they do not close the database connection when they finish."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@fixed_budget(API_EXAMPLES)
def test_fuzz_the_api(case, in_this_transaction):
    response = case.call(headers={"Host": MR_HOST})
    record("JSON API (schemathesis)", response.status_code)
    case.validate_response(response, checks=CHECKS)
