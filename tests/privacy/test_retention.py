"""Retention run by the scheduler, with time travel: health data a day after the event, committee
contact details a period after the last membership ended, expired requests."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from samhandling.committees.models import CommitteePage, Membership, Person
from samhandling.core.scheduling import periodic_jobs
from samhandling.events.models import Registration
from samhandling.privacy.models import DataRequest
from samhandling.privacy.services import data_request_create, retention_apply

from .helpers import event, sign_up

pytestmark = pytest.mark.django_db


def test_retention_jobs_are_scheduled():
    commands = {job.command for job in periodic_jobs()}
    assert {"privacy_apply_retention", "privacy_send_links"} <= commands


def test_needs_are_erased_the_configured_days_after_the_event(demo, settings):
    settings.EVENTS_NEEDS_RETENTION_DAYS = 1
    the_event = event(days=3)
    registration = sign_up(
        the_event, dietary_needs="Nut allergy", accessibility_needs="Wheelchair", phone="123"
    )
    end = the_event.end

    retention_apply(now=end + timedelta(hours=23))
    registration.refresh_from_db()
    assert registration.dietary_needs == "Nut allergy"

    counts = retention_apply(now=end + timedelta(days=1, minutes=1))
    registration.refresh_from_db()
    assert counts["needs"] == 1
    assert (registration.dietary_needs, registration.accessibility_needs) == ("", "")
    assert registration.name == "Kari Nordmann" and registration.phone == "123"  # kept for now

    settings.EVENTS_NEEDS_RETENTION_DAYS = 5
    other = sign_up(event(days=-3), email="ola@example.org", dietary_needs="Vegan")
    retention_apply()
    other.refresh_from_db()
    assert other.dietary_needs == "Vegan"  # three days after, with five configured


def test_the_rest_goes_after_the_registration_retention_period(demo, settings):
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 10
    registration = sign_up(event(days=-11))
    call_command("events_purge_registrations", verbosity=0)
    assert not Registration.objects.filter(pk=registration.pk).exists()


def test_committee_contact_details_go_a_period_after_the_membership_ended(demo, settings):
    settings.COMMITTEES_CONTACT_RETENTION_DAYS = 30
    ssu = CommitteePage.objects.get(slug="ssu")
    today = timezone.localdate()
    left = Person.objects.create(name="Per Gått", email="per@example.org", show_email=True)
    Membership.objects.create(
        person=left,
        committee=ssu,
        represents="kommune",
        term_start=today - timedelta(days=400),
        term_end=today - timedelta(days=10),
    )
    sitting = Person.objects.create(name="Siri Sit", email="siri@example.org")
    Membership.objects.create(
        person=sitting,
        committee=ssu,
        represents="kommune",
        term_start=today - timedelta(days=400),
        term_end=today - timedelta(days=100),
    )
    Membership.objects.create(
        person=sitting, committee=ssu, represents="kommune", term_start=today - timedelta(days=99)
    )

    retention_apply()
    left.refresh_from_db()
    assert left.email == "per@example.org"  # ended ten days ago; thirty are kept

    retention_apply(now=timezone.now() + timedelta(days=21))
    left.refresh_from_db()
    sitting.refresh_from_db()
    assert (left.name, left.email, left.show_email) == ("Per Gått", "", False)
    assert left.memberships.count() == 1  # the public record stays
    assert sitting.email == "siri@example.org"  # still a member


def test_expired_requests_are_deleted_by_the_command(demo):
    data_request_create(email="kari@example.org", base_url="http://x")
    call_command("privacy_apply_retention", verbosity=0)
    assert DataRequest.objects.count() == 1
    DataRequest.objects.update(expires=timezone.now() - timedelta(seconds=1))
    call_command("privacy_apply_retention", verbosity=0)
    assert not DataRequest.objects.exists()
