"""What every list shares: paging with count and links, the site parameter, ETags and 304s, and
the OpenAPI description itself."""

import pytest

from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/sites",
    "/api/events",
    "/api/committees",
    "/api/meetings",
    "/api/agreements",
    "/api/measures",
    "/api/organisations",
    "/api/news",
]


def test_walking_the_pages_gives_every_item_once(api_get):
    whole = api_get("/api/organisations", host=MR_HOST, limit=200).json()
    assert whole["count"] == len(whole["results"]) > 10
    seen, url, pages = [], "/api/organisations?limit=7", 0
    while url:
        page = api_get(url.replace(f"http://{MR_HOST}", ""), host=MR_HOST).json()
        assert page["count"] == whole["count"] and page["limit"] == 7
        assert len(page["results"]) <= 7
        seen += [o["id"] for o in page["results"]]
        url, pages = page["next"], pages + 1
    assert seen == [o["id"] for o in whole["results"]]
    assert pages == -(-whole["count"] // 7)
    last = api_get("/api/organisations", host=MR_HOST, limit=7, offset=7).json()
    assert last["previous"] == f"http://{MR_HOST}/api/organisations?limit=7&offset=0"


def test_paging_headers_match_the_body(api_get):
    response = api_get("/api/organisations", host=MR_HOST, limit=5, offset=5)
    body = response.json()
    assert response["X-Total-Count"] == str(body["count"])
    assert response["Link"] == f'<{body["next"]}>; rel="next", <{body["previous"]}>; rel="prev"'


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"from": "x"}])
def test_invalid_paging_or_dates_are_refused_with_422(api_get, params):
    response = api_get("/api/meetings", host=MR_HOST, **params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] in params


HUGE = "9" * 25


@pytest.mark.parametrize("path", [f"/api/meetings/{HUGE}", f"/api/events/{HUGE}"])
def test_an_object_id_too_large_for_the_database_is_not_found(api_get, path):
    """No row can have it: 404 with the API's error body (tests/test_big_ids.py: every id)."""
    response = api_get(path, host=MR_HOST)
    assert response.status_code == 404 and response.json()["detail"]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/meetings", {"committee": HUGE}),
        ("/api/committees", {"organisation": HUGE}),
        ("/api/measures", {"plan": HUGE}),
        ("/api/agreements", {"organisation": HUGE}),
        ("/api/events", {"series": HUGE}),
    ],
)
def test_ids_too_large_for_the_database_are_refused_not_a_server_error(api_get, path, params):
    response = api_get(path, host=MR_HOST, **params)
    assert response.status_code == 422


def test_site_by_host_name_or_id_and_unknown_site(api_get):
    sites = {s["hostname"]: s for s in api_get("/api/sites").json()["results"]}
    assert sites[MR_HOST]["language"] == "nn" and sites[HN_HOST]["language"] == "nb"
    from_here = api_get("/api/committees", host=MR_HOST).json()
    assert from_here["count"] > 0
    assert api_get("/api/committees", host=HN_HOST, site=MR_HOST).json() == from_here
    by_id = api_get("/api/committees", host=HN_HOST, site=str(sites[MR_HOST]["id"])).json()
    assert by_id == from_here
    # Helse Nord: only the committee the contacts demo adds for Alta's seats (contacts/demo.py).
    assert api_get("/api/committees", host=HN_HOST).json()["count"] == 1
    assert api_get("/api/committees", site=HUGE).status_code == 404
    unknown = api_get("/api/committees", site="nowhere.example")
    assert unknown.status_code == 404
    # In the language of the site asked from (Helse Nord: bokmål).
    assert unknown.json() == {"detail": "Ingen nettsted har dette vertsnavnet eller denne id-en."}


@pytest.mark.parametrize("path", [*LISTS, "/api/openapi.json"])
def test_every_answer_has_an_etag_and_a_matching_if_none_match_gives_304(api_get, path):
    first = api_get(path, host=MR_HOST)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')  # strong
    assert "no-cache" in first["Cache-Control"]
    again = api_get(path, host=MR_HOST, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    weak = api_get(path, host=MR_HOST, headers={"If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304
    stale = api_get(path, host=MR_HOST, headers={"If-None-Match": '"stale"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_the_etag_changes_when_the_data_does(api_get):
    from samhandling.news.models import NewsArticlePage

    before = api_get("/api/news", host=MR_HOST)
    assert before["ETag"] == api_get("/api/news", host=MR_HOST)["ETag"]
    article = NewsArticlePage.objects.get(pk=before.json()["results"][0]["id"])
    article.title = "Ny tittel"
    article.save_revision().publish()
    after = api_get("/api/news", host=MR_HOST, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.json()["results"][0]["title"] == "Ny tittel"


def test_details_and_errors_have_etags_too(api_get):
    meeting = api_get("/api/meetings", host=MR_HOST).json()["results"][0]
    detail = api_get(f"/api/meetings/{meeting['id']}", host=MR_HOST)
    assert detail["ETag"]
    assert (
        api_get(
            f"/api/meetings/{meeting['id']}",
            host=MR_HOST,
            headers={"If-None-Match": detail["ETag"]},
        ).status_code
        == 304
    )
    missing = api_get("/api/meetings/999999", host=MR_HOST)
    assert missing.status_code == 404 and missing["ETag"]


def test_the_validated_description_is_the_one_served(api_get, openapi_spec):
    assert api_get("/api/openapi.json").json() == openapi_spec


def test_the_description_documents_every_list_with_paging_and_site(openapi_spec):
    for path in LISTS:
        operation = openapi_spec["paths"][path]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert {"limit", "offset"} <= names, path
        if path != "/api/sites":
            assert "site" in names, path
        assert {"200", "304", "404", "422"} <= set(operation["responses"]), path
    for path in ["/api/meetings", "/api/news", "/api/measures", "/api/events", "/api/agreements"]:
        names = {p["name"] for p in openapi_spec["paths"][path]["get"]["parameters"]}
        assert {"from", "to"} <= names, path
    for path in ["/api/committees", "/api/measures", "/api/agreements"]:
        names = {p["name"] for p in openapi_spec["paths"][path]["get"]["parameters"]}
        assert "organisation" in names, path
