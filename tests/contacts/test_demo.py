"""The demo's contact persons: non-staff users with the published password, for municipalities on
both sites; and what "Min organisasjon" for Alta needs."""

import pytest
from django.contrib.auth import get_user_model

from samhandling.committees.people import Membership
from samhandling.contacts.demo import DEMO_CONTACTS, DEMO_PASSWORD
from samhandling.contacts.models import ContactInvitation
from samhandling.contacts.selectors import contact_organisations
from samhandling.events.models import Registration
from samhandling.hearings.invitations import invited_organisations
from samhandling.hearings.pages import HearingPage

from .conftest import municipality

pytestmark = pytest.mark.django_db


def test_the_demo_contacts_log_in_with_the_demo_password_and_are_not_staff(demo):
    sites = set()
    for username, number, _first, _last in DEMO_CONTACTS:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD) and user.is_active
        assert not user.is_staff and not user.is_superuser
        (organisation,) = contact_organisations(user=user)
        assert organisation.municipality_number == number
        sites |= {c.site.hostname for c in organisation.health_communities.all()}
    assert sites == {"more-og-romsdal.localhost", "helse-nord.localhost"}
    assert ContactInvitation.objects.filter(accepted_at=None, revoked_at=None).exists()


def test_alta_has_sign_ups_an_open_hearing_and_committee_seats(demo):
    alta = municipality("5601")
    assert Registration.objects.filter(organisation=alta).count() >= 2
    open_hearings = [h for h in HearingPage.objects.live() if h.state == "open"]
    assert any(invited_organisations(hearing=h).filter(pk=alta.pk).exists() for h in open_hearings)
    assert Membership.objects.filter(organisation=alta).count() >= 2
