"""What the page shows besides sign-ups and hearings (input, committee seats, agreement
adoptions), and that it costs the same number of queries whatever the number of rows."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from samhandling.agreements.versions import Adoption, AgreementVersion
from samhandling.committees.people import Membership, Person
from samhandling.contacts.models import OrganisationContact
from samhandling.contacts.myorg_selectors import (
    organisation_adoptions,
    organisation_memberships,
    organisation_signups,
)
from samhandling.events.models import Registration
from samhandling.events.services import registration_create
from samhandling.inputs.models import Input
from tests.conftest import MR_HOST

from .helpers import ALTA, contact, contact_client, event, hn_hearing, page_url, series

pytestmark = pytest.mark.django_db


def mr_contact_of_a_committee_member():
    """A user who is a contact of an organisation with a committee seat on the Møre og Romsdal
    demo site."""
    from django.contrib.auth import get_user_model

    membership = (
        Membership.objects.current()
        .filter(organisation__isnull=False)
        .select_related("organisation", "committee")
        .first()
    )
    organisation = membership.organisation
    user = get_user_model().objects.create_user("mr-kontakt", "mr@example.org")
    OrganisationContact.objects.create(user=user, organisation=organisation, source="secretariat")
    return user, organisation, membership


def test_committee_seats_current_and_former_and_adoptions_are_shown(demo):
    user, organisation, membership = mr_contact_of_a_committee_member()
    former = Membership.objects.create(
        person=Person.objects.create(name="Tidlegare Medlem"),
        committee=membership.committee,
        organisation=organisation,
        represents=membership.represents,
        term_start=datetime.date(2019, 1, 1),
        term_end=datetime.date(2020, 12, 31),
    )
    version = AgreementVersion.objects.exclude(status="draft").first()
    Adoption.objects.filter(version=version, organisation=organisation).delete()
    root = Site.objects.get(hostname=MR_HOST).root_page
    current, past = organisation_memberships(organisation=organisation, root=root)
    assert membership in current and former in past
    rows = {
        row.version.pk: row for row in organisation_adoptions(organisation=organisation, root=root)
    }
    assert rows[version.pk].adoption is None
    client = Client(HTTP_HOST=MR_HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    text = client.get(page_url(organisation)).content.decode()
    assert "Tidlegare Medlem" in text and membership.person.name in text
    assert "Not adopted" in text


def test_input_sent_by_the_organisations_participants_is_listed(demo):
    user, alta = contact(ALTA)
    conference = event()
    registration = registration_create(
        event=conference, name="Ola", email="ola@alta.example", consent=True, organisation=alta
    ).registration
    Input.objects.create(
        event=conference,
        registration=registration,
        source="participant",
        text="Betre samhandling om utskrivingar.",
    )
    text = contact_client(user).get(page_url(alta)).content.decode()
    assert "Betre samhandling om utskrivingar." in text


def test_signups_show_each_series_quota_counting_every_event_of_the_series(demo):
    _user, alta = contact(ALTA)
    autumn = series(max_per_organisation=3)
    first, second = event(autumn), event(autumn, days=40)
    for n, conference in enumerate((first, second, second)):
        registration_create(
            event=conference,
            name=f"D{n}",
            email=f"d{n}@alta.example",
            consent=True,
            organisation=alta,
        )
    root = Site.objects.get(hostname="helse-nord.localhost").root_page
    signups = organisation_signups(organisation=alta, root=root)
    (quota,) = [q for q in signups.quotas if q.series.pk == autumn.pk]
    assert (quota.used, quota.cap, quota.left) == (3, 3, 0)
    shown = {item.event.pk: len(item.registrations) for item in signups.events}
    assert shown[first.pk] == 1 and shown[second.pk] == 2


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_few_and_many_rows(demo, django_assert_max_num_queries):
    user, alta = contact(ALTA)
    client = contact_client(user)
    autumn = series(max_per_organisation=50)
    conferences = [event(autumn, days=20 + n) for n in range(2)]
    hn_hearing(title="Første høyring")
    registration_create(
        event=conferences[0], name="A", email="a@alta.example", consent=True, organisation=alta
    )
    client.get(page_url(alta))  # warm the structure cache
    few = _queries(client, page_url(alta))
    more = [event(series(max_per_organisation=5), days=50 + n) for n in range(3)]
    for n, conference in enumerate(conferences + more):
        for m in range(3):
            registration = registration_create(
                event=conference,
                name=f"P{n}{m}",
                email=f"p{n}{m}@alta.example",
                consent=True,
                organisation=alta,
            ).registration
            Input.objects.create(
                event=conference,
                registration=registration,
                source="participant",
                text=f"Innspel {n}{m}",
            )
    for n in range(3):
        hn_hearing(title=f"Høyring {n}")
    client.get(page_url(alta))
    many = _queries(client, page_url(alta))
    assert many == few
    with django_assert_max_num_queries(40):
        client.get(page_url(alta))
    assert Registration.objects.filter(organisation=alta).count() >= 15
