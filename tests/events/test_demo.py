"""The Helse Nord demo: the conferences of autumn 2023 (seed 000) and a new round."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from samhandling.events.models import EventPage, EventSeriesPage, Registration
from samhandling.events.selectors import State, event_state

from .factories import OSLO

pytestmark = pytest.mark.django_db


def test_the_autumn_2023_series_has_the_seed_rules_and_dates(demo):
    autumn = EventSeriesPage.objects.get(slug="dialogkonferanser-hosten-2023")
    assert autumn.title == "Dialogkonferanser høsten 2023"
    assert (autumn.max_per_organisation, autumn.one_event_per_organisation) == (2, True)
    tromso, bodo = EventPage.objects.child_of(autumn).order_by("start")
    assert tromso.start.astimezone(OSLO) == datetime.datetime(2023, 10, 30, 12, 0, tzinfo=OSLO)
    assert tromso.end.astimezone(OSLO) == datetime.datetime(2023, 10, 30, 15, 30, tzinfo=OSLO)
    assert tromso.signup_deadline.astimezone(OSLO).date() == datetime.date(2023, 10, 25)
    assert tromso.venue_name.startswith("Radisson Blu") and not tromso.streamed
    assert bodo.start.astimezone(OSLO).date() == datetime.date(2023, 11, 3)
    assert tromso.program_may_change and len(tromso.program) == 3
    for event in (tromso, bodo):
        assert event_state(event=event).code == State.PAST


def test_the_new_round_is_open_and_has_sign_ups_from_northern_municipalities(demo):
    new_round = EventSeriesPage.objects.get(slug="dialogkonferanser-ny-runde")
    events = list(EventPage.objects.child_of(new_round).order_by("start"))
    assert events and all(event.start > timezone.now() for event in events)
    assert event_state(event=events[0]).code == State.OPEN
    counties = set(
        Registration.objects.filter(event__in=events, organisation__isnull=False).values_list(
            "organisation__county", flat=True
        )
    )
    assert counties and counties <= {"Nordland", "Troms", "Finnmark"}


def test_loading_the_demo_again_creates_no_rows_or_revisions(demo):
    counts = (Page.objects.count(), Revision.objects.count(), Registration.objects.count())
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    assert (Page.objects.count(), Revision.objects.count(), Registration.objects.count()) == counts
