"""The events listing: upcoming and past, filtered by series and by town without JavaScript."""

import pytest

from .test_views import client

pytestmark = pytest.mark.django_db

INDEX = "/arrangementer/"


def _sections(html: str) -> tuple[str, str]:
    upcoming = html.split('id="upcoming-heading"', 1)[1].split('id="past-heading"', 1)[0]
    past = html.split('id="past-heading"', 1)[1] if 'id="past-heading"' in html else ""
    return upcoming, past


def test_the_listing_offers_a_filter_by_series_and_town(demo):
    html = client().get(INDEX).content.decode()
    assert '<label class="ds-label" for="id_serie">Series</label>' in html
    assert '<label class="ds-label" for="id_stad">Place</label>' in html
    assert '<option value="Bodø">Bodø</option>' in html
    assert '<option value="Tromsø">Tromsø</option>' in html


def test_filtering_by_town_keeps_only_its_events_upcoming_and_past(demo):
    html = client().get(INDEX, {"stad": "Bodø"}).content.decode()
    upcoming, past = _sections(html)
    assert "Dialogkonferanse i Bodø med kommuner" in past
    assert "Dialogkonferanse i Tromsø med kommuner" not in past
    assert "Dialogkonferanse i Bodø</a>" in upcoming
    assert "Dialogkonferanse i Tromsø</a>" not in upcoming
    assert "events match." in html and f'href="{INDEX}">Show all events' in html


def test_filtering_by_series_keeps_only_its_events(demo):
    from samhandling.events.models import EventSeriesPage

    autumn = EventSeriesPage.objects.get(slug="dialogkonferanser-hosten-2023")
    html = client().get(INDEX, {"serie": str(autumn.pk)}).content.decode()
    upcoming, past = _sections(html)
    assert "Dialogkonferanse i Tromsø med kommuner" in past
    assert "No upcoming events." in upcoming  # the new round is another series


@pytest.mark.parametrize(
    "params",
    [{"serie": "999999"}, {"serie": "<script>"}, {"stad": "Atlantis"}, {"stad": "x" * 10_000}],
)
def test_an_unknown_choice_says_so_and_shows_every_event(demo, params):
    response = client().get(INDEX, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "We do not know that choice; all events are shown." in html
    assert "<script>" not in html.split("<main", 1)[1]
    upcoming, past = _sections(html)
    assert "Dialogkonferanse i Bodø med kommuner" in past
    assert "Dialogkonferanse i Tromsø</a>" in upcoming
