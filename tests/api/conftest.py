"""Every answer the API tests get is checked against the API's own OpenAPI description with
openapi-core: status code documented, body matching its schema (304s included)."""

import json

import pytest
from django.test import Client
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from tests.conftest import HN_HOST


@pytest.fixture(scope="session")
def openapi_spec():
    """The description as /api/openapi.json serves it (JSON: status codes become strings)."""
    from ninja.responses import NinjaJSONEncoder

    from samhandling.api import api

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


@pytest.fixture(scope="session")
def openapi(openapi_spec):
    """The description, itself checked to be valid OpenAPI when it is loaded."""
    return OpenAPI.from_dict(openapi_spec)


NOT_OPERATIONS = {"openapi-json", "openapi-view"}


class ValidatingClient:
    def __init__(self, openapi):
        self.openapi = openapi

    def get(self, path, host=HN_HOST, headers=None, **params):
        response = Client(HTTP_HOST=host).get(path, params, headers=headers or {})
        match = response.wsgi_request.resolver_match
        # Answers of the API's operations: not the description itself or the HTML docs page,
        # nor the site's 404 page for an address no API route matches (/api/events/x).
        if match and "api" in match.namespaces and match.url_name not in NOT_OPERATIONS:
            self.openapi.validate_response(
                DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
            )
        return response


@pytest.fixture
def api_get(openapi, demo):
    """GET an API address (on Helse Nord unless `host` is given), validated against the schema."""
    return ValidatingClient(openapi).get
