import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from samhandling.organisations.models import HealthCommunity, Organisation
from samhandling.proposals.workflow import secretariat_group
from tests.staff_login import admin_login

MR_HOST = "more-og-romsdal.localhost"
HN_HOST = "helse-nord.localhost"


@pytest.fixture
def mr(demo):
    return HealthCommunity.objects.get(site__hostname=MR_HOST)


@pytest.fixture
def hn(demo):
    return HealthCommunity.objects.get(site__hostname=HN_HOST)


def municipality(number: str) -> Organisation:
    return Organisation.objects.get(municipality_number=number)


def make_user(username: str, **fields):
    return get_user_model().objects.create_user(
        username, fields.pop("email", f"{username}@example.org"), "pw", **fields
    )


BOARD_PERMISSIONS = ("view_registration", "view_hearingresponse", "change_hearingresponse")


def secretariat_client(community, username: str, *, boards: bool = False):
    """A member of `community`'s secretariat, logged in to the admin; with `boards`, also allowed
    to see the quota and hearing boards (permissions of the editors' groups, not of the
    secretariat group itself)."""
    user = make_user(username)
    user.groups.add(secretariat_group(community=community))
    if boards:
        user.user_permissions.add(*Permission.objects.filter(codename__in=BOARD_PERMISSIONS))
    client = admin_login(Client(), user)
    client.user = user
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks of what happens inside (the outbox's tasks) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
