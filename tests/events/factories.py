"""Test data for events: series and events under the Helse Nord events index."""

import datetime
import itertools
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page

from samhandling.events.models import EventIndexPage, EventPage, EventSeriesPage
from samhandling.organisations.models import Organisation
from tests.conftest import HN_HOST

OSLO = ZoneInfo("Europe/Oslo")
_numbers = itertools.count(1)


def oslo(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)


def events_index() -> EventIndexPage:
    return EventIndexPage.objects.get(slug="arrangementer", url_path__startswith="/helse-nord/")


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def series(**fields) -> EventSeriesPage:
    number = next(_numbers)
    fields.setdefault("title", f"Serie {number}")
    fields.setdefault("max_per_organisation", 2)
    page = EventSeriesPage(slug=f"serie-test-{number}", **fields)
    events_index().add_child(instance=page)
    return publish(page)


def event(parent: Page | None = None, *, days: int = 30, **fields) -> EventPage:
    """An event `days` from now (negative: in the past), open for sign-up."""
    number = next(_numbers)
    start = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    fields.setdefault("title", f"Konferanse {number}")
    fields.setdefault("start", start)
    fields.setdefault("end", start + datetime.timedelta(hours=3))
    fields.setdefault("venue_name", "Radisson Blu Hotel")
    fields.setdefault("venue_city", "Tromsø")
    page = EventPage(slug=f"konferanse-test-{number}", **fields)
    (parent or events_index()).add_child(instance=page)
    return publish(page)


def kommune(number: str) -> Organisation:
    return Organisation.objects.get(municipality_number=number)


TROMSO, BODO, ALTA, NARVIK = "5501", "1804", "5601", "1806"

__all__ = ["HN_HOST", "event", "kommune", "oslo", "series"]
