"""The state of an event, decided by one function with the time passed in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samhandling.events.models import EventPage, Registration, RegistrationStatus
from samhandling.events.selectors import EventState, State, event_state

from .factories import oslo

START = oslo(2023, 10, 30, 12, 0)
END = oslo(2023, 10, 30, 15, 30)
DEADLINE = oslo(2023, 10, 25, 23, 59)

# Building a page looks up the default locale, so even these tests need the database.
pytestmark = pytest.mark.django_db


def conference(**fields) -> EventPage:
    values = {"title": "Dialogkonferanse", "start": START, "end": END, "signup_deadline": DEADLINE}
    return EventPage(**{**values, **fields})


def state_at(event, *args, taken=0):
    return event_state(event=event, now=oslo(*args), taken=taken)


def test_before_sign_up_opens_the_event_is_upcoming_and_says_when_it_opens():
    event = conference(signup_opens=oslo(2023, 10, 1, 9, 0))
    state = state_at(event, 2023, 9, 20, 12, 0)
    assert state.code == State.UPCOMING
    assert state.opens == oslo(2023, 10, 1, 9, 0)
    assert not state.accepts_signups


def test_an_event_without_sign_up_is_just_upcoming():
    state = state_at(conference(registration_enabled=False), 2023, 10, 1, 12, 0)
    assert state.code == State.UPCOMING


def test_open_until_the_deadline_and_the_deadline_is_given():
    state = state_at(conference(), 2023, 10, 25, 23, 58)
    assert state.code == State.OPEN
    assert state.deadline == DEADLINE
    assert state.accepts_signups


def test_full_when_every_seat_is_taken_but_the_waiting_list_is_open():
    state = state_at(conference(capacity=2), 2023, 10, 20, 12, 0, taken=2)
    assert state.code == State.FULL
    assert state.accepts_signups
    assert state_at(conference(capacity=2), 2023, 10, 20, 12, 0, taken=1).code == State.OPEN


def test_closed_after_the_deadline_and_before_the_event():
    assert state_at(conference(), 2023, 10, 26, 0, 0).code == State.CLOSED
    no_deadline = conference(signup_deadline=None)
    assert state_at(no_deadline, 2023, 10, 30, 11, 59).code == State.OPEN
    assert state_at(no_deadline, 2023, 10, 30, 12, 0).code == State.CLOSED


def test_past_once_the_event_has_ended():
    assert state_at(conference(), 2023, 10, 30, 15, 29).code == State.CLOSED
    assert state_at(conference(), 2023, 10, 30, 15, 30).code == State.PAST


def test_cancelled_wins_over_everything_else():
    assert state_at(conference(cancelled=True), 2023, 10, 20, 12, 0).code == State.CANCELLED
    assert state_at(conference(cancelled=True), 2024, 1, 1, 12, 0).code == State.CANCELLED


def test_each_state_has_a_label_and_a_badge_colour():
    with translation.override("en"):
        assert state_at(conference(), 2024, 1, 1, 0, 0).label == "Past"
    for code in (State.UPCOMING, State.OPEN, State.FULL, State.CLOSED, State.PAST):
        state = EventState(code)
        assert state.label and state.colour


def test_full_counts_confirmed_registrations_in_the_database(demo):
    from samhandling.events.models import EventSeriesPage

    upcoming = EventPage.objects.child_of(
        EventSeriesPage.objects.get(slug="dialogkonferanser-ny-runde")
    ).first()
    taken = Registration.objects.filter(event=upcoming, status=RegistrationStatus.CONFIRMED).count()
    assert taken > 0
    upcoming.capacity = taken
    assert event_state(event=upcoming).code == State.FULL


def test_the_editor_is_told_when_times_do_not_fit_together():
    from django.core.exceptions import ValidationError

    wrong = conference(end=START.replace(hour=11), signup_deadline=END.replace(day=31))
    with pytest.raises(ValidationError) as error:
        wrong.clean()
    assert {"end", "signup_deadline"} <= set(error.value.message_dict)


def test_a_list_counts_the_seats_of_its_events_in_its_own_query_with_the_same_states(demo):
    """`listed_events_below` (the index and series pages) reads the confirmed seats of every
    event whose state depends on them in the list's own query, and each state is the one
    `event_state` decides when it counts the seats itself."""
    from samhandling.events.models import EventIndexPage
    from samhandling.events.selectors import events_below, listed_events_below

    index = EventIndexPage.objects.get(slug="arrangementer", url_path__startswith="/helse-nord/")
    coming = [e for e in events_below(root=index) if event_state(event=e).accepts_signups]
    assert len(coming) >= 2
    coming[0].capacity = 0  # full: its seats decide it
    coming[0].save(update_fields=["capacity"])
    if coming[1].capacity is None:
        coming[1].capacity = 1000  # open, with seats left
        coming[1].save(update_fields=["capacity"])
    expected = {event.pk: event_state(event=event).code for event in events_below(root=index)}
    assert State.FULL in expected.values() and State.OPEN in expected.values()
    with CaptureQueriesContext(connection) as queries:
        listed = listed_events_below(root=index)
        states = {event.pk: event_state(event=event).code for event in listed}
    assert states == expected
    # One query for the events with the seats of those that need them (besides the hidden paths
    # that `core.visibility` may read when the structure cache has not kept them).
    assert len([q for q in queries if '"events_' in q["sql"]]) == 1
    # The same events in the same order (by start; the order of events that start together is
    # the database's, in either query).
    by_orm = list(events_below(root=index))
    assert [e.start for e in listed] == [e.start for e in by_orm]
    assert sorted((e.start, e.pk) for e in listed) == sorted((e.start, e.pk) for e in by_orm)
