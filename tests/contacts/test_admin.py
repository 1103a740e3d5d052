"""The secretariat's contact pages: a community's secretariat sees and changes its own members'
contacts and invitations, and another community's are 404 (the other way round too)."""

import pytest
from django.core import mail
from django.test import Client

from samhandling.contacts.models import ContactInvitation, OrganisationContact
from samhandling.contacts.services import contact_grant, contact_invite

from .conftest import make_user, municipality, secretariat_client

pytestmark = pytest.mark.django_db


def test_the_secretariat_lists_invites_revokes_and_withdraws_in_its_own_community(mr, committed):
    client = secretariat_client(mr, "sekr-mr")
    index = client.get("/admin/contacts/")
    assert index.status_code == 302 and index["Location"] == f"/admin/contacts/{mr.pk}/"
    page = client.get(f"/admin/contacts/{mr.pk}/")
    body = page.content.decode()
    assert page.status_code == 200 and "kontakt-molde" in body and "Alta" not in body
    assert "Kontaktpersonar" in client.get("/admin/").content.decode()

    with committed():
        response = client.post(
            f"/admin/contacts/{mr.pk}/invite/",
            {"organisation": municipality("1511").pk, "email": "ny@example.org", "language": "nn"},
        )
    assert response.status_code == 302
    invitation = ContactInvitation.objects.get(email="ny@example.org")
    assert invitation.invited_by == client.user and len(mail.outbox) == 1
    assert "ny@example.org" in client.get(f"/admin/contacts/{mr.pk}/").content.decode()

    bad = client.post(f"/admin/contacts/{mr.pk}/invite/", {"organisation": "x", "email": "no"})
    assert bad.status_code == 400
    alta = client.post(
        f"/admin/contacts/{mr.pk}/invite/",
        {"organisation": municipality("5601").pk, "email": "a@example.org", "language": "nb"},
    )
    assert alta.status_code == 400  # not a member: not among the choices

    withdraw = client.post(f"/admin/contacts/{mr.pk}/invitation/{invitation.pk}/withdraw/")
    assert withdraw.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None

    role = OrganisationContact.objects.get(user__username="kontakt-molde", revoked_at=None)
    assert client.post(f"/admin/contacts/{mr.pk}/contact/{role.pk}/revoke/").status_code == 302
    role.refresh_from_db()
    assert role.revoked_by == client.user


def test_a_secretariat_cannot_see_or_change_another_communitys_contacts(mr, hn):
    north = secretariat_client(hn, "sekr-hn")
    south = secretariat_client(mr, "sekr-mr")
    molde_role = OrganisationContact.objects.get(user__username="kontakt-molde", revoked_at=None)
    alta_role = OrganisationContact.objects.get(user__username="kontakt-alta", revoked_at=None)
    invitation, _token = contact_invite(
        organisation=municipality("1511"),
        community=mr,
        email="s@example.org",
        language="nn",
        invited_by=None,
    )
    assert north.get(f"/admin/contacts/{mr.pk}/").status_code == 404
    assert north.post(f"/admin/contacts/{mr.pk}/contact/{molde_role.pk}/revoke/").status_code == 404
    # Their own community in the address, the other community's record: 404 too.
    assert north.post(f"/admin/contacts/{hn.pk}/contact/{molde_role.pk}/revoke/").status_code == 404
    assert (
        north.post(f"/admin/contacts/{hn.pk}/invitation/{invitation.pk}/withdraw/").status_code
        == 404
    )
    assert (
        north.post(
            f"/admin/contacts/{mr.pk}/invite/",
            {"organisation": municipality("1506").pk, "email": "z@example.org", "language": "nn"},
        ).status_code
        == 404
    )
    assert south.get(f"/admin/contacts/{hn.pk}/").status_code == 404
    assert south.post(f"/admin/contacts/{hn.pk}/contact/{alta_role.pk}/revoke/").status_code == 404
    molde_role.refresh_from_db()
    alta_role.refresh_from_db()
    invitation.refresh_from_db()
    assert molde_role.revoked_at is None and alta_role.revoked_at is None
    assert invitation.revoked_at is None
    body = north.get(f"/admin/contacts/{hn.pk}/").content.decode()
    assert "kontakt-alta" in body and "kontakt-molde" not in body and "s@example.org" not in body


def test_a_user_without_a_community_is_refused_and_sees_no_menu_item(demo):
    client = Client()
    client.force_login(make_user("nobody"))
    assert client.get("/admin/contacts/").status_code in (302, 403)


def test_an_administrator_chooses_a_community(admin_client, mr, hn):
    index = admin_client.get("/admin/contacts/")
    assert index.status_code == 200
    assert mr.name in index.content.decode() and hn.name in index.content.decode()
    contact_grant(
        organisation=municipality("1511"),
        user=make_user("v"),
        granted_by=None,
        source="secretariat",
    )
    assert "Vanylven" in admin_client.get(f"/admin/contacts/{mr.pk}/").content.decode()
