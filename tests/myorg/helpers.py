"""Test data for "Min organisasjon": contacts of Alta and Bodø on the Helse Nord demo site, a
series with two places per organisation, and a hearing that invites the members."""

from django.contrib.auth import get_user_model
from django.test import Client

from samhandling.contacts.models import ContactSource, OrganisationContact
from tests.conftest import HN_HOST
from tests.events.factories import ALTA, BODO, event, kommune, series
from tests.hearings.factories import make_hearing

__all__ = ["ALTA", "BODO", "HN_HOST", "contact", "contact_client", "event", "kommune", "series"]


def contact(number: str = ALTA, *, username: str | None = None):
    """A user with an active contact role for the municipality `number`."""
    organisation = kommune(number)
    user = get_user_model().objects.create_user(
        username or f"kontakt-{number}",
        f"kontakt-{number}@example.org",
        first_name="Kari",
        last_name=f"Kontakt {number}",
    )
    OrganisationContact.objects.create(
        user=user, organisation=organisation, source=ContactSource.SECRETARIAT
    )
    return user, organisation


def contact_client(user, language: str = "en") -> Client:
    from django.conf import settings

    client = Client(HTTP_HOST=HN_HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def hn_hearing(**fields):
    return make_hearing(host=HN_HOST, **fields)


def page_url(organisation) -> str:
    return f"/min-organisasjon/{organisation.pk}/"
