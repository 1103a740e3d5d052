"""The public page of an organisation, cached for anonymous visitors, shows the next change to
what it lists: a committee membership, an adoption, a published hearing response and a
registration of the organisation (added, changed, moved to another organisation)."""

import datetime as dt

import pytest

from samhandling.events.models import Registration, RegistrationStatus
from samhandling.organisations.models import Organisation
from samhandling.organisations.public_selectors import name_slug

from .helpers import HN_HOST, MR_HOST, cached_view, committed, fresh_view

pytestmark = pytest.mark.django_db
SSU = "/utval/partnarskapsmotet/ssu/"


def _path(organisation) -> str:
    return f"/organisasjonar/{organisation.pk}-{name_slug(organisation.name)}/"


def _molde():
    return Organisation.objects.get(name="Molde")


def test_a_new_and_a_changed_membership(demo, cache_on, django_capture_on_commit_callbacks):
    from samhandling.committees.pages import CommitteePage
    from samhandling.committees.people import Membership, Person

    molde, path = _molde(), _path(_molde())
    assert "Testa Representant" not in cached_view(path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        membership = Membership.objects.create(
            person=Person.objects.create(name="Testa Representant"),
            committee=CommitteePage.objects.get(url_path__endswith=SSU),
            organisation=molde,
            represents="kommune",
            term_start=dt.date(2024, 1, 1),
        )
    assert "Testa Representant" in fresh_view(path, MR_HOST)
    cached_view(path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):  # moved to another organisation
        membership.organisation = Organisation.objects.get(name="Ålesund")
        membership.save()
    assert "Testa Representant" not in fresh_view(path, MR_HOST)


def test_an_adoption(demo, cache_on, django_capture_on_commit_callbacks):
    from samhandling.agreements.versions import Adoption, AgreementVersion

    molde, path = _molde(), _path(_molde())
    version = AgreementVersion.objects.get(
        agreement__url_path__endswith="/samarbeidsavtalen/", label="Revidert utkast 2024"
    )
    assert not Adoption.objects.filter(version=version, organisation=molde).exists()
    assert "3. mars 2025" not in cached_view(path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        Adoption.objects.create(version=version, organisation=molde, adopted_on=dt.date(2025, 3, 3))
    assert "3. mars 2025" in fresh_view(path, MR_HOST)


def test_a_hearing_response_published_and_withheld(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from samhandling.hearings.choices import Publication
    from tests.hearings.factories import confirmed_response, make_hearing

    molde, path = _molde(), _path(_molde())
    hearing = make_hearing(title="Cachehøyringa", publication=Publication.AT_ONCE)
    assert "Cachehøyringa" not in cached_view(path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        response = confirmed_response(hearing, organisation=molde)
    assert "Cachehøyringa" in fresh_view(path, MR_HOST)
    cached_view(path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        response.withheld = True
        response.withheld_reason = "Test"
        response.save()
    assert "Cachehøyringa" not in fresh_view(path, MR_HOST)


def test_a_registration_added_cancelled_and_moved(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from django.db.models import Count

    from samhandling.events.services import registration_cancel

    # An organisation of the demo with one sign-up (Alta's contact has two since the contacts demo).
    organisation = (
        Organisation.objects.filter(health_communities__site__hostname=HN_HOST)
        .annotate(signups=Count("event_registrations"))
        .filter(signups=1)
        .exclude(name="Tromsø")
        .order_by("name")
        .first()
    )
    path = _path(organisation)
    assert "1 deltaker" in cached_view(path, HN_HOST)
    event = Registration.objects.get(organisation=organisation).event
    with committed(django_capture_on_commit_callbacks):
        added = Registration.objects.create(
            event=event,
            name="Ny Deltaker",
            email="ny.deltaker@example.org",
            organisation=organisation,
            status=RegistrationStatus.CONFIRMED,
            consent=True,
        )
    page = fresh_view(path, HN_HOST)
    assert "2 deltakere" in page and "Ny Deltaker" not in page
    cached_view(path, HN_HOST)
    with committed(django_capture_on_commit_callbacks):
        registration_cancel(registration=added)
    assert "1 deltaker" in fresh_view(path, HN_HOST)
    cached_view(path, HN_HOST)
    with committed(django_capture_on_commit_callbacks):  # the other one moves to Tromsø
        moved = Registration.objects.get(
            organisation=organisation, status=RegistrationStatus.CONFIRMED
        )
        moved.organisation = Organisation.objects.get(name="Tromsø")
        moved.save()
    assert "Ingen bekreftede deltakere" in fresh_view(path, HN_HOST)


def test_a_registration_at_an_event_the_organisation_had_none_at(
    demo, cache_on, django_capture_on_commit_callbacks
):
    """The page did not show the event: only the organisation's own tag reaches it."""
    from tests.events.factories import event

    alta = Organisation.objects.get(name="Alta")
    path = _path(alta)
    new_event = event(title="Cachekonferansen")
    assert "Cachekonferansen" not in cached_view(path, HN_HOST)
    with committed(django_capture_on_commit_callbacks):
        Registration.objects.create(
            event=new_event,
            name="Ny Deltaker",
            email="ny.deltaker@example.org",
            organisation=alta,
            status=RegistrationStatus.CONFIRMED,
            consent=True,
        )
    assert "Cachekonferansen" in fresh_view(path, HN_HOST)
