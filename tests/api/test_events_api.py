"""The read-only JSON API of events and its OpenAPI description."""

import pytest
from django.test import Client

from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db


def get(path, host=HN_HOST, **params):
    return Client(HTTP_HOST=host).get(path, params)


def test_events_of_the_site_with_public_fields_only(demo):
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


def test_upcoming_filter_leaves_out_past_events(demo):
    titles = [event["title"] for event in get("/api/events", upcoming="true").json()]
    assert "Dialogkonferanse i Tromsø med kommuner" not in titles
    assert "Dialogkonferanse i Tromsø" in titles


def test_one_event_and_unknown_or_other_sites_events_give_404(demo):
    events = get("/api/events").json()
    one = get(f"/api/events/{events[0]['id']}")
    assert one.status_code == 200 and one.json()["id"] == events[0]["id"]
    assert get("/api/events/999999").status_code == 404
    assert get(f"/api/events/{events[0]['id']}", host=MR_HOST).status_code == 404
    assert get("/api/events/not-a-number").status_code in (404, 422)


def test_series_filter(demo):
    events = get("/api/events").json()
    tromso = next(e for e in events if e["title"] == "Dialogkonferanse i Tromsø med kommuner")
    from samhandling.events.models import EventPage

    series = EventPage.objects.get(pk=tromso["id"]).get_parent()
    in_series = get("/api/events", series=series.pk).json()
    assert {e["series"] for e in in_series} == {"Dialogkonferanser høsten 2023"}
    assert len(in_series) == 2


def test_openapi_description_lists_the_endpoints(demo):
    schema = get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/events" in schema["paths"] and "/api/events/{event_id}" in schema["paths"]
    assert "EventOut" in schema["components"]["schemas"]
