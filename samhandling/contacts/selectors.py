"""Reads of contact roles: which organisations a user acts for."""

from django.db.models import QuerySet

from samhandling.organisations.models import Organisation

from .models import OrganisationContact


def active_contacts(*, organisation=None, user=None) -> QuerySet[OrganisationContact]:
    roles = OrganisationContact.objects.filter(revoked_at__isnull=True, user__is_active=True)
    if organisation is not None:
        roles = roles.filter(organisation=organisation)
    if user is not None:
        roles = roles.filter(user=user)
    return roles.select_related("user", "organisation")


def contact_organisations(*, user) -> QuerySet[Organisation]:
    """The organisations `user` is an active contact of (none for an anonymous visitor)."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        contacts__user=user, contacts__revoked_at__isnull=True
    ).distinct()


def is_contact_of(*, user, organisation) -> bool:
    return contact_organisations(user=user).filter(pk=organisation.pk).exists()
