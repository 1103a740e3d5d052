"""The read-only JSON API of events and its OpenAPI description."""

import pytest

from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def get(api_get):
    """GET on Helse Nord, every answer validated against the OpenAPI description."""
    return api_get


def test_events_of_the_site_with_public_fields_only(get):
    response = get("/api/events")
    assert response.status_code == 200
    events = {event["title"]: event for event in response.json()}
    tromso = events["Dialogkonferanse i Tromsø med kommuner"]
    assert tromso["start"].startswith("2023-10-30T12:00:00+01:00")
    assert tromso["venue"]["city"] == "Tromsø"
    assert tromso["state"] == "past"
    assert tromso["series"] == "Dialogkonferanser høsten 2023"
    assert tromso["language"] == "nb"
    assert tromso["ics_url"].endswith(f"/arrangement/{tromso['id']}.ics")
    assert "registrations" not in tromso and "email" not in str(tromso).lower()


def test_upcoming_filter_leaves_out_past_events(get):
    titles = [event["title"] for event in get("/api/events", upcoming="true").json()]
    assert "Dialogkonferanse i Tromsø med kommuner" not in titles
    assert "Dialogkonferanse i Tromsø" in titles


def test_one_event_and_unknown_or_other_sites_events_give_404(get):
    events = get("/api/events").json()
    one = get(f"/api/events/{events[0]['id']}")
    assert one.status_code == 200 and one.json()["id"] == events[0]["id"]
    assert get("/api/events/999999").status_code == 404
    assert get(f"/api/events/{events[0]['id']}", host=MR_HOST).status_code == 404
    assert get("/api/events/not-a-number").status_code in (404, 422)


def test_series_filter(get):
    events = get("/api/events").json()
    tromso = next(e for e in events if e["title"] == "Dialogkonferanse i Tromsø med kommuner")
    from samhandling.events.models import EventPage

    series = EventPage.objects.get(pk=tromso["id"]).get_parent()
    in_series = get("/api/events", series=series.pk).json()
    assert {e["series"] for e in in_series} == {"Dialogkonferanser høsten 2023"}
    assert len(in_series) == 2


def test_openapi_description_lists_the_endpoints(get):
    schema = get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/events" in schema["paths"] and "/api/events/{event_id}" in schema["paths"]
    assert "EventOut" in schema["components"]["schemas"]


def test_date_range_site_parameter_and_paging_headers(get):
    every = get("/api/events").json()
    assert get("/api/events")["X-Total-Count"] == str(len(every))
    in_october = get("/api/events", **{"from": "2023-10-01", "to": "2023-10-31"}).json()
    assert [e["title"] for e in in_october] == ["Dialogkonferanse i Tromsø med kommuner"]
    # Another site's events, asked for by its host name from this host.
    assert {e["language"] for e in get("/api/events", site=MR_HOST).json()} == {"nn"}
    first = get("/api/events", limit=1)
    assert [e["id"] for e in first.json()] == [every[0]["id"]]
    assert 'rel="next"' in first["Link"] and "offset=1" in first["Link"]
    second = get("/api/events", limit=1, offset=1)
    assert [e["id"] for e in second.json()] == [every[1]["id"]]
    assert 'rel="prev"' in second["Link"]


def test_an_event_below_an_unpublished_series_is_left_out(get):
    from samhandling.events.models import EventPage

    tromso = EventPage.objects.get(title="Dialogkonferanse i Tromsø med kommuner")
    tromso.get_parent().specific.unpublish()
    titles = [e["title"] for e in get("/api/events").json()]
    assert "Dialogkonferanse i Tromsø med kommuner" not in titles
    assert get(f"/api/events/{tromso.pk}").status_code == 404
