"""The OpenAPI description declares the errors an operation can answer: 404 (unknown site or
object) and 422 (invalid parameter), each with the schema of its JSON body; the answers match."""

import pytest

from tests.conftest import MR_HOST

NOT_OPERATIONS = {"/api/openapi.json", "/api/docs"}


def _operations(spec):
    for path, methods in spec["paths"].items():
        if path not in NOT_OPERATIONS:
            for method, operation in methods.items():
                yield f"{method.upper()} {path}", operation


def _schema_of(spec, response):
    schema = response["content"]["application/json"]["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_operation_declares_404_and_422_with_their_bodies(openapi_spec):
    operations = dict(_operations(openapi_spec))
    assert len(operations) >= 15
    for name, operation in operations.items():
        responses = operation["responses"]
        assert {"200", "404", "422"} <= set(responses), name
        not_found = _schema_of(openapi_spec, responses["404"])
        assert not_found["properties"]["detail"]["type"] == "string", name
        invalid = _schema_of(openapi_spec, responses["422"])
        assert invalid["properties"]["detail"]["type"] == "array", name


@pytest.mark.parametrize(
    "path, params, status",
    [
        ("/api/events/999999", {}, 404),
        ("/api/committees", {"site": "nowhere.example"}, 404),
        ("/api/meetings", {"from": "yesterday"}, 422),
        ("/api/news", {"limit": "0"}, 422),
    ],
)
def test_errors_answer_as_the_description_says(api_get, path, params, status):
    response = api_get(path, host=MR_HOST, **params)  # validated against the description
    assert response.status_code == status and response.json()["detail"]


def test_an_address_no_operation_matches_answers_the_apis_json_404(demo, client):
    response = client.get("/api/events/x", HTTP_HOST=MR_HOST)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
