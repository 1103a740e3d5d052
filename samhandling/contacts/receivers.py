"""Receivers of the login signals: an Ansattporten login binds (and unbinds) the organisation
roles its `authorization_details` name (contacts.services)."""

import logging

from django.conf import settings
from django.dispatch import receiver

from samhandling.accounts.signals import external_login

logger = logging.getLogger(__name__)


def recognising_providers() -> tuple[str, ...]:
    """The providers whose logins say which organisations a person may act for."""
    return tuple(getattr(settings, "CONTACTS_RECOGNISE_PROVIDERS", ("ansattporten",)))


@receiver(external_login, dispatch_uid="contacts_recognise_from_login")
def recognise_roles_at_login(sender, *, user, provider, authorization_details=None, **kwargs):
    """Only a provider of organisation rights (Ansattporten) grants or revokes: an ID-porten
    login, which never carries such details, leaves the roles as they are. A provider outside
    the list that still sends details is heard too."""
    if provider not in recognising_providers() and not authorization_details:
        return
    from .services import contacts_recognise_from_authorization_details

    try:
        result = contacts_recognise_from_authorization_details(
            user=user, authorization_details=authorization_details or []
        )
    except Exception:  # noqa: BLE001 - the login stands; the roles are bound at the next one
        logger.exception("Could not bind the contact roles of user %s at login", user.pk)
        return
    if result["granted"] or result["revoked"]:
        logger.info(
            "Contact roles at login of user %s: %d granted, %d revoked",
            user.pk,
            len(result["granted"]),
            len(result["revoked"]),
        )
