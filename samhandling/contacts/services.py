"""What changes a contact role: grant, revoke, invite by e-mail, accept an invitation, withdraw
it, and recognise roles from Ansattporten's `authorization_details` at login.

Each call is one transaction that locks what it changes, writes, and logs the change in the
audit trail (on the organisation, with ids only: never a name or an e-mail address). E-mail goes
through the contacts' outbox after commit (mail.py). Views and receivers only call these."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samhandling.audit.services import audit_log
from samhandling.core.tokens import hash_token, new_token
from samhandling.organisations.models import Organisation, organisation_number_is_valid

from .mail import PRIVATE_LINK, queue_mail
from .models import (
    ContactInvitation,
    ContactMailKind,
    ContactSource,
    OrganisationContact,
)

LANGUAGES = ("nn", "nb", "en")
# ISO 6523 ICD of the Norwegian register of legal entities (Enhetsregisteret): "0192:964982953".
NORWEGIAN_ICD = "0192"
ORGANISATION_NUMBER_KEYS = ("orgno", "organization_number", "organisation_number")


class ContactRefused(Exception):
    """A change the rules do not allow; `message` says why in the reader's language."""

    def __init__(self, message, code: str = "refused"):
        super().__init__(str(message))
        self.message = message
        self.code = code


def invitation_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "CONTACTS_INVITATION_DAYS", 14))


def _lock_organisation(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def contact_grant(*, organisation, user, granted_by, source) -> OrganisationContact:
    """Give `user` a contact role for `organisation` (idempotent: an active role is returned as
    it is, whoever granted it)."""
    with transaction.atomic():
        _lock_organisation(organisation)
        role = OrganisationContact.objects.filter(
            organisation=organisation, user=user, revoked_at__isnull=True
        ).first()
        if role is not None:
            return role
        role = OrganisationContact.objects.create(
            organisation=organisation, user=user, source=source, granted_by=granted_by
        )
        audit_log(
            instance=organisation,
            action="samhandling.contact.grant",
            actor=granted_by,
            data={"contact": role.pk, "user": user.pk, "source": source},
        )
        return role


def contact_revoke(*, contact, revoked_by) -> OrganisationContact:
    """End a contact role (kept, with who ended it and when). Ending an ended role does nothing."""
    with transaction.atomic():
        role = OrganisationContact.objects.select_for_update().get(pk=contact.pk)
        if role.revoked_at is not None:
            return role
        role.revoked_at = timezone.now()
        role.revoked_by = revoked_by
        role.save(update_fields=["revoked_at", "revoked_by"])
        audit_log(
            instance=role.organisation,
            action="samhandling.contact.revoke",
            actor=revoked_by,
            data={"contact": role.pk, "user": role.user_id, "source": role.source},
        )
        return role


def site_root_url(community) -> str:
    return community.site.root_url.rstrip("/") if community and community.site_id else ""


def invitation_language(*, organisation, language: str, community=None) -> str:
    """The e-mail's language: the organisation's written standard (språklova § 15), else the
    language chosen for the invitation, else the community's."""
    if organisation.email_language:
        return organisation.email_language
    if language in LANGUAGES:
        return language
    return getattr(community, "default_language", "") or "nn"


def contact_invite(*, organisation, community, email, language, invited_by):
    """Invite `email` to become a contact of `organisation` (a member of `community`). Returns
    (invitation, token); only the token's hash is stored, the link goes out by e-mail."""
    if not community.members.filter(pk=organisation.pk).exists():
        raise ContactRefused(
            _("This organisation is not a member of the health community."), "not_member"
        )
    token, token_hash = new_token()
    mail_language = invitation_language(
        organisation=organisation, language=language, community=community
    )
    with transaction.atomic():
        _lock_organisation(organisation)
        invitation = ContactInvitation.objects.create(
            organisation=organisation,
            community=community,
            email=email.strip(),
            language=mail_language,
            token_hash=token_hash,
            invited_by=invited_by,
            expires_at=timezone.now() + invitation_lifetime(),
        )
        root = site_root_url(community)
        with translation.override(mail_language):
            subject = str(_("Invitation to be a contact person in %(community)s")) % {
                "community": community.name
            }
            body = render_to_string(
                "contacts/email/invitation.txt",
                {
                    "organisation": organisation,
                    "community": community,
                    "link": PRIVATE_LINK,
                    "expires_at": invitation.expires_at,
                },
            )
        queue_mail(
            kind=ContactMailKind.INVITATION,
            organisation=organisation,
            community=community,
            to_email=invitation.email,
            language=mail_language,
            subject=subject,
            body=body,
            link=root + reverse("contacts:invitation", args=[token]),
        )
        audit_log(
            instance=organisation,
            action="samhandling.contact.invite",
            actor=invited_by,
            data={"invitation": invitation.pk, "community": community.pk},
        )
    return invitation, token


def invitation_by_token(token: str) -> ContactInvitation | None:
    if not token or len(token) > 200:
        return None
    return (
        ContactInvitation.objects.select_related("organisation", "community")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_problem(invitation: ContactInvitation | None, *, user=None):
    """Why the invitation cannot be accepted (a ContactRefused), or None when it can. A used
    invitation accepted by `user` themself is no problem (accepting again changes nothing)."""
    if invitation is None:
        return ContactRefused(_("This invitation link is not valid."), "unknown")
    if invitation.revoked_at is not None:
        return ContactRefused(_("This invitation has been withdrawn."), "withdrawn")
    if invitation.accepted_at is not None:
        if user is not None and invitation.accepted_by_id == user.pk:
            return None
        return ContactRefused(_("This invitation has already been used."), "used")
    if invitation.expires_at <= timezone.now():
        return ContactRefused(
            _("This invitation has expired. Ask the secretariat for a new one."), "expired"
        )
    return None


def contact_invitation_accept(*, token, user) -> OrganisationContact:
    """Bind the invitation's role to `user`. Accepting again (the same user) returns the role;
    an unknown, withdrawn, expired or someone else's used invitation is refused."""
    found = invitation_by_token(token)
    if found is None:
        raise invitation_problem(None)
    with transaction.atomic():
        invitation = ContactInvitation.objects.select_for_update().get(pk=found.pk)
        problem = invitation_problem(invitation, user=user)
        if problem is not None:
            raise problem
        role = contact_grant(
            organisation=invitation.organisation,
            user=user,
            granted_by=invitation.invited_by,
            source=ContactSource.INVITATION,
        )
        if invitation.accepted_at is None:
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
            audit_log(
                instance=invitation.organisation,
                action="samhandling.contact.accept",
                actor=user,
                data={"invitation": invitation.pk, "contact": role.pk},
            )
        return role


def invitation_withdraw(*, invitation, withdrawn_by) -> ContactInvitation:
    """Withdraw an open invitation (its link stops working). A used one cannot be withdrawn:
    revoke the role instead."""
    with transaction.atomic():
        locked = ContactInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise ContactRefused(
                _("This invitation has been accepted; revoke the contact instead."), "used"
            )
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit_log(
                instance=locked.organisation,
                action="samhandling.contact.withdraw",
                actor=withdrawn_by,
                data={"invitation": locked.pk},
            )
        return locked


def _organisation_number(value) -> str | None:
    """A nine-digit organisation number from "964982953", "0192:964982953" or {"ID": …}."""
    if isinstance(value, dict):
        value = value.get("ID") or value.get("id") or value.get("value")
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    if ":" in value:
        icd, _sep, value = value.partition(":")
        if icd.strip() != NORWEGIAN_ICD:
            return None
    value = re.sub(r"\s", "", value)
    return value if organisation_number_is_valid(value) else None


def organisation_numbers_in(authorization_details) -> set[str]:
    """The organisation numbers that Ansattporten-style `authorization_details` name: in
    `authorized_parties[].orgno` (`{"ID": "0192:…"}`) or as a plain `orgno` /
    `organization_number` key of a detail. Anything else is ignored."""
    if isinstance(authorization_details, dict):
        authorization_details = [authorization_details]
    if not isinstance(authorization_details, list | tuple):
        return set()
    numbers = set()
    for detail in authorization_details:
        if not isinstance(detail, dict):
            continue
        parties = detail.get("authorized_parties") or []
        candidates = [detail] + [party for party in parties if isinstance(party, dict)]
        for candidate in candidates:
            for key in ORGANISATION_NUMBER_KEYS:
                if key in candidate and (number := _organisation_number(candidate[key])):
                    numbers.add(number)
    return numbers


def contacts_recognise_from_authorization_details(*, user, authorization_details) -> dict:
    """At an Ansattporten login: grant a role (source ansattporten) for each registry
    organisation whose number the details name, and revoke the user's ansattporten roles for
    organisations they no longer name. Roles the secretariat granted or an invitation bound are
    left alone. Returns the organisations granted and revoked (lists of ids)."""
    numbers = organisation_numbers_in(authorization_details)
    organisations = list(Organisation.objects.filter(organisation_number__in=numbers))
    granted, revoked = [], []
    with transaction.atomic():
        for organisation in organisations:
            before = OrganisationContact.objects.filter(
                organisation=organisation, user=user, revoked_at__isnull=True
            ).exists()
            contact_grant(
                organisation=organisation,
                user=user,
                granted_by=None,
                source=ContactSource.ANSATTPORTEN,
            )
            if not before:
                granted.append(organisation.pk)
        stale = OrganisationContact.objects.filter(
            user=user, source=ContactSource.ANSATTPORTEN, revoked_at__isnull=True
        ).exclude(organisation__in=organisations)
        for role in stale:
            contact_revoke(contact=role, revoked_by=None)
            revoked.append(role.organisation_id)
    return {"granted": granted, "revoked": revoked}
