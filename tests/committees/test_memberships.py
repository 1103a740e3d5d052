"""Memberships: terms, history and clear messages in the admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from samhandling.committees.people import Membership, Person

from .factories import MembershipFactory, PersonFactory, admin_client, committee, structure

pytestmark = pytest.mark.django_db

MESSAGE = "The term cannot end before it starts. Check the end date."


@pytest.fixture
def ssu():
    return committee(structure(), "ssu")


def test_term_ending_before_it_starts_is_refused_with_a_clear_message(ssu):
    membership = MembershipFactory.build(
        person=PersonFactory(),
        committee=ssu,
        term_start=datetime.date(2024, 1, 1),
        term_end=datetime.date(2023, 12, 31),
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            membership.full_clean()
        assert error.value.message_dict["term_end"] == [MESSAGE]


def test_the_database_refuses_a_term_ending_before_it_starts(ssu):
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(
            committee=ssu,
            term_start=datetime.date(2024, 1, 1),
            term_end=datetime.date(2023, 12, 31),
        )


def test_a_term_of_a_single_day_is_fine(ssu):
    day = datetime.date(2024, 1, 1)
    MembershipFactory.build(
        person=PersonFactory(), committee=ssu, term_start=day, term_end=day
    ).full_clean()


def test_admin_shows_the_message_next_to_the_end_date(ssu):
    client = admin_client()
    data = {
        "name": "Kari Nordmann",
        "title": "Kommunalsjef",
        "email": "kari@example.org",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-committee": str(ssu.pk),
        "memberships-0-role": "member",
        "memberships-0-represents": "kommune",
        "memberships-0-organisation": "",
        "memberships-0-term_start": "2024-01-01",
        "memberships-0-term_end": "2023-06-30",
        "memberships-0-id": "",
        "memberships-0-DELETE": "",
    }
    response = client.post("/admin/snippets/committees/person/add/", data)
    assert response.status_code == 200  # the form again, not a redirect
    assert MESSAGE in response.content.decode()
    assert not Person.objects.filter(name="Kari Nordmann").exists()

    data["memberships-0-term_end"] = "2025-12-31"
    response = client.post("/admin/snippets/committees/person/add/", data)
    assert response.status_code == 302
    assert Membership.objects.get(person__name="Kari Nordmann").committee_id == ssu.pk


def test_current_and_past_members_are_told_apart(ssu):
    today = datetime.date.today()
    current = MembershipFactory(committee=ssu, term_start=today - datetime.timedelta(days=10))
    open_ended = MembershipFactory(committee=ssu, term_start=today, term_end=None)
    past = MembershipFactory(
        committee=ssu,
        term_start=today - datetime.timedelta(days=400),
        term_end=today - datetime.timedelta(days=1),
    )
    future = MembershipFactory(committee=ssu, term_start=today + datetime.timedelta(days=5))
    memberships = Membership.objects.filter(committee=ssu)
    assert set(memberships.current()) == {current, open_ended}
    assert list(memberships.past()) == [past]
    assert past.pk and future.pk  # history and planned terms are both kept


def test_membership_admin_refuses_a_term_ending_before_it_starts(ssu):
    client = admin_client()
    person = PersonFactory(name="Kari Nordmann")
    data = {
        "person": str(person.pk),
        "committee": str(ssu.pk),
        "role": "member",
        "represents": "kommune",
        "organisation": "",
        "term_start": "2024-01-01",
        "term_end": "2023-06-30",
    }
    response = client.post("/admin/snippets/committees/membership/add/", data)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Membership.objects.filter(person=person).exists()
