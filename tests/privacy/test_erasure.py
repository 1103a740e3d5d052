"""Erasure keeps counts (an organisation's seats, an event's capacity) but removes the person."""

import pytest

from samhandling.committees.models import CommitteePage, Membership, MinutesNotice, Person
from samhandling.events.models import OutboxMessage, Registration
from samhandling.events.notices import registrations_send_reminders
from samhandling.events.selectors import confirmed_count, organisation_seats
from samhandling.events.services import RegistrationRefused, registration_create
from samhandling.privacy.models import Erasure
from samhandling.privacy.registry import PersonalDataSource, Record, register_source, sources
from samhandling.privacy.selectors import personal_data, personal_data_json
from samhandling.privacy.services import personal_data_erase
from tests.events.factories import ALTA, kommune

from .helpers import EMAIL, event, series, sign_up

pytestmark = pytest.mark.django_db


def test_an_erased_seat_still_counts_for_the_event_and_the_organisation(demo):
    conferences = series(max_per_organisation=1)
    upcoming = event(conferences, capacity=1)
    registration = sign_up(upcoming)
    personal_data_erase(email=EMAIL)

    assert confirmed_count(event=upcoming) == 1
    assert organisation_seats(event=upcoming, organisation_id=kommune(ALTA).pk) == 1
    with pytest.raises(RegistrationRefused) as refusal:  # Alta's one place is still taken
        registration_create(
            event=upcoming,
            name="Ola",
            email="ola@example.org",
            consent=True,
            organisation=kommune(ALTA),
        )
    assert refusal.value.code == "organisation_cap"
    row = Registration.objects.get(pk=registration.pk)
    assert (row.name, row.phone, row.job_title, row.dietary_needs) == ("–", "", "", "")
    assert row.is_erased and row.token_hash != registration.token_hash
    # The same address may sign up again, as a new person.
    again = registration_create(event=event(), name="Kari", email=EMAIL, consent=True)
    assert again.registration.status == "confirmed"


def test_past_signups_are_deleted_and_no_email_reaches_an_erased_participant(demo):
    past = sign_up(event(days=-5), organisation=None)
    upcoming = sign_up(event(days=2), organisation=None)
    assert OutboxMessage.objects.filter(to_email=EMAIL).count() == 2

    erasure = personal_data_erase(email=EMAIL.upper())
    assert erasure.counts["registrations"]["deleted"] == 1
    assert erasure.counts["registrations"]["anonymised"] == 1
    assert not Registration.objects.filter(pk=past.pk).exists()
    assert not OutboxMessage.objects.filter(to_email=EMAIL).exists()
    # A reminder (or any other message) to the anonymous seat is never written.
    registrations_send_reminders(days=3)
    assert not OutboxMessage.objects.filter(registration_id=upcoming.pk).exists()
    assert personal_data_json(email=EMAIL)["sources"]["registrations"]["records"] == []


def test_a_place_on_the_waiting_list_is_given_up(demo):
    full = event(capacity=1)
    sign_up(full, email="first@example.org", organisation=None)
    waiting = sign_up(full, organisation=None)
    assert waiting.status == "waiting"
    personal_data_erase(email=EMAIL)
    row = Registration.objects.get(pk=waiting.pk)
    assert row.status == "cancelled" and row.position is None and row.is_erased


def test_committee_people_keep_their_public_record_but_lose_the_address(demo):
    ssu = CommitteePage.objects.get(slug="ssu")
    person = Person.objects.create(name="Kari Nordmann", email="Kari@Example.org", show_email=True)
    Membership.objects.create(person=person, committee=ssu, represents="kommune")
    found = {holding.source.key: holding.records for holding in personal_data(email=EMAIL)}
    assert found["committee_people"][0].data["memberships"][0]["committee"] == ssu.title

    personal_data_erase(email=EMAIL)
    person.refresh_from_db()
    assert (person.name, person.email, person.show_email) == ("Kari Nordmann", "", False)
    assert person.memberships.count() == 1
    assert not MinutesNotice.objects.filter(to_email__iexact=EMAIL).exists()


def test_erasure_is_in_the_audit_trail_with_counts_and_never_the_address(demo, admin_client):
    from wagtail.models import ModelLogEntry

    sign_up()
    erasure = personal_data_erase(email=EMAIL, user=admin_client.user, reason="Request 3 Dec")
    entry = ModelLogEntry.objects.get(action="samhandling.personal_data.erase")
    assert entry.object_id == str(erasure.pk) and entry.user_id == admin_client.user.pk
    assert entry.data["counts"]["registrations"]["anonymised"] == 1
    assert "registrations" in entry.data["sources"]
    assert EMAIL not in str(entry.data) and EMAIL not in entry.label
    assert "kari" not in str(Erasure.objects.values()).lower()


def test_a_new_source_plugs_in_with_one_registration(demo):
    erased = []
    source = PersonalDataSource(
        key="test_comments",
        label="Comments",
        find=lambda *, email: [Record(title="A comment", data={"text": "Hei"})],
        erase=lambda *, email, now: erased.append(email) or {"deleted": 1},
    )
    register_source(source)
    try:
        data = personal_data_json(email=EMAIL)
        assert data["sources"]["test_comments"]["records"] == [{"text": "Hei"}]
        erasure = personal_data_erase(email=EMAIL)
        assert erased == [EMAIL] and erasure.counts["test_comments"] == {"deleted": 1}
    finally:
        from samhandling.privacy import registry

        registry._sources.pop("test_comments")
    assert "test_comments" not in [source.key for source in sources()]


def test_the_reason_may_not_hold_the_address(demo, admin_client):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        personal_data_erase(email=EMAIL, user=admin_client.user, reason=f"Asked by {EMAIL}")
