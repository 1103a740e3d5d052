"""The hearing page's period and state, and the database's rule of one official response per
organisation."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from samhandling.hearings.choices import HearingState, Outcome, ResponseStatus
from samhandling.organisations.models import Organisation

from .factories import confirmed_response, make_hearing


@pytest.fixture
def molde(demo):
    return Organisation.objects.get(municipality_number="1506")


def test_a_hearing_without_a_deadline_gets_eight_weeks(demo):
    today = timezone.localdate()
    hearing = make_hearing(opens_on=today)
    hearing.deadline = None
    hearing.save()
    assert hearing.deadline == today + datetime.timedelta(weeks=8)


def test_the_state_follows_the_dates_and_the_outcome(demo):
    today = timezone.localdate()
    hearing = make_hearing(opens_on=today + datetime.timedelta(days=3))
    assert hearing.state == HearingState.UPCOMING
    hearing.opens_on = today - datetime.timedelta(days=10)
    hearing.deadline = today
    assert hearing.state == HearingState.OPEN
    assert hearing.days_left == 1
    hearing.deadline = today - datetime.timedelta(days=1)
    assert hearing.state == HearingState.CLOSED
    hearing.outcome = Outcome.PROCESSING
    assert hearing.state == HearingState.PROCESSING
    hearing.outcome = Outcome.DECIDED
    assert hearing.state == HearingState.DECIDED


def test_sections_are_numbered_and_keep_their_block_ids(demo):
    hearing = make_hearing(sections=3)
    labels = [section.label for section in hearing.draft_sections]
    assert labels == ["1. Del 1", "2. Del 2", "3. Del 3"]
    key = hearing.draft_sections[1].key
    assert hearing.section(key).heading == "Del 2"
    assert hearing.section("forged") is None


def test_one_confirmed_response_per_organisation_and_hearing(demo, molde):
    hearing = make_hearing()
    confirmed_response(hearing, organisation=molde)
    with pytest.raises(IntegrityError), transaction.atomic():
        confirmed_response(hearing, organisation=molde, email="other@example.org")
    # a withdrawn response frees the place, and unconfirmed ones do not take it
    hearing.responses.update(status=ResponseStatus.WITHDRAWN)
    confirmed_response(hearing, organisation=molde, email="other@example.org")
