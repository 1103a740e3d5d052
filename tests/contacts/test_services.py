"""The contact services: grant, revoke, invite, accept (expired, withdrawn, used), withdraw, and
the roles recognised from Ansattporten's authorization_details at login."""

import datetime

import pytest
from django.utils import timezone

from samhandling.accounts.signals import external_login
from samhandling.audit.models import AuditLogEntry
from samhandling.contacts.models import ContactInvitation, ContactSource, OrganisationContact
from samhandling.contacts.selectors import is_contact_of
from samhandling.contacts.services import (
    ContactRefused,
    contact_grant,
    contact_invitation_accept,
    contact_invite,
    contact_revoke,
    contacts_recognise_from_authorization_details,
    invitation_withdraw,
    organisation_numbers_in,
)
from samhandling.core.tokens import hash_token

from .conftest import make_user, municipality

pytestmark = pytest.mark.django_db


def _actions(organisation):
    return list(
        AuditLogEntry.objects.filter(object_id=str(organisation.pk)).values_list(
            "action", flat=True
        )
    )


def test_grant_is_idempotent_and_revoke_keeps_the_role_with_who_ended_it(demo):
    molde, user, boss = municipality("1506"), make_user("ola"), make_user("boss")
    role = contact_grant(organisation=molde, user=user, granted_by=boss, source="secretariat")
    again = contact_grant(organisation=molde, user=user, granted_by=boss, source="secretariat")
    assert again.pk == role.pk and is_contact_of(user=user, organisation=molde)
    contact_revoke(contact=role, revoked_by=boss)
    role.refresh_from_db()
    assert role.revoked_at is not None and role.revoked_by == boss
    assert not is_contact_of(user=user, organisation=molde)
    contact_revoke(contact=role, revoked_by=boss)  # nothing more happens
    actions = _actions(molde)
    assert actions.count("samhandling.contact.grant") == 1
    assert actions.count("samhandling.contact.revoke") == 1
    # A new grant after the revocation is a new role.
    new = contact_grant(organisation=molde, user=user, granted_by=boss, source="secretariat")
    assert new.pk != role.pk


def _invite(community, organisation, email="ny@example.org"):
    return contact_invite(
        organisation=organisation,
        community=community,
        email=email,
        language="nb",
        invited_by=make_user(f"inviter-{email}"),
    )


def test_invite_stores_only_a_hash_and_accept_binds_the_role_once(mr):
    molde = municipality("1506")
    invitation, token = _invite(mr, molde)
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    user = make_user("kari")
    role = contact_invitation_accept(token=token, user=user)
    assert role.source == ContactSource.INVITATION and role.organisation == molde
    assert contact_invitation_accept(token=token, user=user).pk == role.pk  # idempotent
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    with pytest.raises(ContactRefused) as refused:
        contact_invitation_accept(token=token, user=make_user("other"))
    assert refused.value.code == "used"
    assert "samhandling.contact.invite" in _actions(molde)
    assert "samhandling.contact.accept" in _actions(molde)


def test_an_expired_or_withdrawn_or_unknown_invitation_is_refused(mr):
    molde = municipality("1511")  # Vanylven: no demo contact
    expired, token = _invite(mr, molde, "a@example.org")
    ContactInvitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    with pytest.raises(ContactRefused) as refused:
        contact_invitation_accept(token=token, user=make_user("a"))
    assert refused.value.code == "expired"

    withdrawn, token = _invite(mr, molde, "b@example.org")
    invitation_withdraw(invitation=withdrawn, withdrawn_by=None)
    with pytest.raises(ContactRefused) as refused:
        contact_invitation_accept(token=token, user=make_user("b"))
    assert refused.value.code == "withdrawn"
    assert not OrganisationContact.objects.filter(organisation=molde).exists()

    with pytest.raises(ContactRefused) as refused:
        contact_invitation_accept(token="nonsense", user=make_user("c"))
    assert refused.value.code == "unknown"


def test_a_used_invitation_cannot_be_withdrawn(mr):
    invitation, token = _invite(mr, municipality("1506"))
    contact_invitation_accept(token=token, user=make_user("d"))
    with pytest.raises(ContactRefused):
        invitation_withdraw(invitation=invitation, withdrawn_by=None)


def test_an_organisation_outside_the_community_cannot_be_invited_to_it(mr):
    with pytest.raises(ContactRefused):
        _invite(mr, municipality("5601"))  # Alta is in Helse Nord


ALTA_NUMBER = "944588132"
MOLDE_NUMBER = "921221967"


def test_organisation_numbers_in_both_shapes_and_with_the_iso_6523_prefix():
    details = [
        {
            "type": "ansattporten:altinn:service",
            "authorized_parties": [
                {"orgno": {"authority": "iso6523-actorid-upis", "ID": "0192:964982953"}},
                {"orgno": {"ID": "0192:123456789"}},  # wrong check digit: ignored
                {"orgno": {"ID": "0007:944588132"}},  # another register: ignored
            ],
        },
        {"type": "x", "orgno": ALTA_NUMBER},
        {"organization_number": f"0192:{MOLDE_NUMBER}"},
        "not a dict",
    ]
    assert organisation_numbers_in(details) == {"964982953", ALTA_NUMBER, MOLDE_NUMBER}
    assert organisation_numbers_in(None) == set()
    assert organisation_numbers_in({"orgno": {"ID": f"0192:{ALTA_NUMBER}"}}) == {ALTA_NUMBER}


def test_ansattporten_grants_and_a_new_login_revokes_what_it_no_longer_names(demo):
    alta, molde = municipality("5601"), municipality("1506")
    user = make_user("ansatt")
    secretariat_role = contact_grant(
        organisation=municipality("1804"), user=user, granted_by=None, source="secretariat"
    )
    details = [{"authorized_parties": [{"orgno": {"ID": f"0192:{ALTA_NUMBER}"}}]}]
    external_login.send(
        sender=None,
        request=None,
        user=user,
        provider="ansattporten",
        claims={},
        authorization_details=details + [{"orgno": MOLDE_NUMBER}],
    )
    assert is_contact_of(user=user, organisation=alta)
    assert is_contact_of(user=user, organisation=molde)
    assert (
        OrganisationContact.objects.get(
            user=user, organisation=alta, revoked_at__isnull=True
        ).source
        == ContactSource.ANSATTPORTEN
    )
    # The next login names only Alta: Molde's ansattporten role ends, Bodø's (secretariat) stays.
    external_login.send(
        sender=None,
        request=None,
        user=user,
        provider="ansattporten",
        claims={},
        authorization_details=details,
    )
    assert is_contact_of(user=user, organisation=alta)
    assert not is_contact_of(user=user, organisation=molde)
    secretariat_role.refresh_from_db()
    assert secretariat_role.revoked_at is None
    # An ID-porten login (no details) changes nothing.
    external_login.send(
        sender=None,
        request=None,
        user=user,
        provider="idporten",
        claims={},
        authorization_details=[],
    )
    assert is_contact_of(user=user, organisation=alta)
    # Ansattporten with no organisations left revokes the last ansattporten role.
    result = contacts_recognise_from_authorization_details(user=user, authorization_details=[])
    assert result["revoked"] == [alta.pk]
    assert not is_contact_of(user=user, organisation=alta)
    assert is_contact_of(user=user, organisation=municipality("1804"))


def test_a_failure_while_binding_roles_does_not_break_the_login(demo, monkeypatch):
    from samhandling.contacts import services

    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "contacts_recognise_from_authorization_details", broken)
    external_login.send(
        sender=None,
        request=None,
        user=make_user("robust"),
        provider="ansattporten",
        claims={},
        authorization_details=[{"orgno": ALTA_NUMBER}],
    )  # no exception
