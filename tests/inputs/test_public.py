"""The event page shows published summaries and input, never names or unpublished input."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samhandling.inputs.services import input_publish, input_send, summary_save
from tests.conftest import HN_HOST

from .factories import event, group_input, registration, series, theme

pytestmark = pytest.mark.django_db


def page_html(page) -> str:
    response = Client(HTTP_HOST=HN_HOST).get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_event_page_shows_published_summary_and_input_only(demo):
    autumn = series(title="Høstkonferanser")
    page = event(autumn)
    topic = theme("Digital samhandling")
    summary_save(theme=topic, series=autumn, text="Serieoppsummering publisert", published=True)
    summary_save(theme=theme("Utkast"), series=autumn, text="Ikke publisert ennå")
    summary_save(theme=topic, event=page, text="Eventoppsummering", published=True)
    shown = group_input(page, group="Gruppe 3", text="Gruppeinnspill vises", themes=[topic])
    input_publish(item=shown, published=True)
    group_input(page, text="Skjult gruppeinnspill")
    reg, _token = registration(page, name="Kari Hemmelig", email="kari.h@example.org")
    mine = input_send(registration=reg, text="Deltakerinnspill vises")
    input_publish(item=mine, published=True)
    html = page_html(page)
    assert "Serieoppsummering publisert" in html and "Eventoppsummering" in html
    assert "Gruppeinnspill vises" in html and "Gruppe 3" in html
    assert "Deltakerinnspill vises" in html
    assert "Ikke publisert ennå" not in html and "Skjult gruppeinnspill" not in html
    assert "Kari Hemmelig" not in html and "kari.h@example.org" not in html
    # The series page shows the series' published summaries.
    series_html = page_html(autumn)
    assert "Serieoppsummering publisert" in series_html
    assert "Ikke publisert ennå" not in series_html


def test_event_page_without_input_has_no_section(demo):
    assert "event-input-heading" not in page_html(event())


@pytest.mark.parametrize("published", [True, False])
def test_each_kind_of_published_input_alone_shows_the_section(demo, published):
    """The section shows for a summary of the series alone, of the event alone, or published
    input alone (one query asks whether there is any: each of its branches counts)."""
    autumn = series()
    pages = [event(autumn), event(autumn), event(autumn)]
    summary_save(theme=theme("Serie"), series=autumn, text="Serien", published=published)
    assert ("Serien" in page_html(pages[0])) is published
    other = series()
    alone = [event(other), event(other)]
    summary_save(theme=theme("Eitt"), event=alone[0], text="Arrangementet", published=published)
    item = group_input(alone[1], text="Innspelet åleine")
    input_publish(item=item, published=published)
    assert ("Arrangementet" in page_html(alone[0])) is published
    assert ("Innspelet åleine" in page_html(alone[1])) is published
    assert ("event-input-heading" in page_html(pages[1])) is published


def _queries(page) -> int:
    with CaptureQueriesContext(connection) as queries:
        page_html(page)
    return len(queries)


def test_event_page_queries_do_not_grow_with_input(demo):
    autumn = series()
    page = event(autumn)
    topics = [theme(f"T{n}") for n in range(3)]
    for topic in topics:
        summary_save(theme=topic, series=autumn, text="Oppsummering", published=True)
    input_publish(item=group_input(page, themes=topics[:1]), published=True)
    page_html(page)  # warm caches
    few = _queries(page)
    for n in range(30):
        item = group_input(page, group=f"Gruppe {n % 5 + 1}", text=f"Innspill {n}", themes=topics)
        input_publish(item=item, published=True)
    many = _queries(page)
    assert many == few, (few, many)
