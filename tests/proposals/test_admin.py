"""The secretariat's list of proposals in the admin: proposer details, read only, scoped to the
sites of the secretariat the user is in."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from samhandling.organisations.models import HealthCommunity
from samhandling.proposals.models import Proposal
from samhandling.proposals.workflow import secretariat_group
from tests.staff_login import admin_login

from .helpers import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_the_proposers_details_of_its_own_site_only(demo, admin_client):
    demo_proposal = Proposal.objects.get(site=demo[MR_HOST], email__startswith="kari.demo@")
    listing = admin_client.get("/admin/forslag/")
    assert listing.status_code == 200 and demo_proposal.title in listing.content.decode()
    inspect = admin_client.get(f"/admin/forslag/inspect/{demo_proposal.pk}/")
    assert inspect.status_code == 200
    assert demo_proposal.email in inspect.content.decode()
    assert admin_client.get("/admin/forslag/new/").status_code in (302, 403)

    north = HealthCommunity.objects.get(site=demo[HN_HOST])
    user = get_user_model().objects.create_user("nord", "nord@example.org", "pw")
    user.groups.add(secretariat_group(community=north))
    client = admin_login(Client(), user)
    listing = client.get("/admin/forslag/")
    assert listing.status_code == 200
    assert demo_proposal.title not in listing.content.decode()
    assert client.get(f"/admin/forslag/inspect/{demo_proposal.pk}/").status_code == 404
