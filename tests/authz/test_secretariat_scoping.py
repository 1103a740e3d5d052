"""A community's secretariat sees only its own community's records in the admin
(samhandling/organisations/roles.py): the helpers themselves, and the screens the matrix does not
reach with a secretariat that has permissions on them (committee people and memberships)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from samhandling.events.models import Registration
from samhandling.hearings.pages import HearingPage
from samhandling.hearings.responses import HearingResponse
from samhandling.organisations.roles import (
    SECRETARIAT_PERMISSIONS,
    require_secretariat_page,
    scope_to_secretariat,
    secretariat_communities,
    secretariat_object_or_404,
)
from tests.conftest import MR_HOST
from tests.staff_login import admin_login

from . import world as w

pytestmark = pytest.mark.django_db


def _staff_client(user) -> Client:
    client = Client(HTTP_HOST=MR_HOST)
    client.cookies["django_language"] = "en"
    return admin_login(client, user)


def test_each_secretariat_has_its_own_community_and_the_administrator_all(world):
    users = world.users
    assert list(secretariat_communities(user=users["secretariat_x"])) == [world.x]
    assert list(secretariat_communities(user=users["secretariat_y"])) == [world.y]
    assert secretariat_communities(user=users["administrator"]).count() >= 2
    assert not secretariat_communities(user=users["contact_a"]).exists()


def test_the_registrations_are_cut_to_the_community(world):
    registrations = Registration.objects.all()
    mine = scope_to_secretariat(registrations, user=world.users["secretariat_x"], page="event")
    theirs = scope_to_secretariat(registrations, user=world.users["secretariat_y"], page="event")
    everything = scope_to_secretariat(
        registrations, user=world.users["administrator"], page="event"
    )
    assert world.registration in mine and world.registration not in theirs
    assert everything.count() == registrations.count()
    assert mine.count() + theirs.count() == registrations.count()  # each in one community
    for role in ("contact_a", "contact_b"):
        assert not scope_to_secretariat(registrations, user=world.users[role], page="event")


def test_an_inactive_secretariat_member_sees_nothing(world):
    user = get_user_model().objects.get(pk=world.users["secretariat_x"].pk)  # a copy
    user.is_active = False
    assert not scope_to_secretariat(Registration.objects.all(), user=user, page="event")


def test_a_record_of_another_community_is_a_404(world):
    from django.http import Http404

    responses = HearingResponse.objects.all()
    found = secretariat_object_or_404(
        responses, user=world.users["secretariat_x"], page="hearing", pk=world.response.pk
    )
    assert found == world.response
    with pytest.raises(Http404):
        secretariat_object_or_404(
            responses, user=world.users["secretariat_y"], page="hearing", pk=world.response.pk
        )
    hearing = HearingPage.objects.get(pk=world.hearing.pk)
    assert require_secretariat_page(hearing, user=world.users["secretariat_x"]) == hearing
    with pytest.raises(Http404):
        require_secretariat_page(hearing, user=world.users["secretariat_y"])


def test_scoping_by_site_and_by_several_paths(world):
    from samhandling.events.models import OutboxMessage
    from samhandling.proposals.models import Proposal

    proposals = Proposal.objects.all()
    assert world.proposal in scope_to_secretariat(
        proposals, user=world.users["secretariat_x"], site="site"
    )
    assert world.proposal not in scope_to_secretariat(
        proposals, user=world.users["secretariat_y"], site="site"
    )
    messages = OutboxMessage.objects.all()
    paths = ("registration__event", "broadcast__page")
    assert world.outbox_message in scope_to_secretariat(
        messages, user=world.users["secretariat_x"], page=paths
    )
    assert world.outbox_message not in scope_to_secretariat(
        messages, user=world.users["secretariat_y"], page=paths
    )


def test_a_secretariat_group_gets_the_permissions_of_the_screens(world):
    user = get_user_model().objects.get(pk=world.users["secretariat_y"].pk)
    for permission in SECRETARIAT_PERMISSIONS:
        assert user.has_perm(permission), permission


def test_the_registration_list_of_one_secretariat_leaves_out_the_other_communitys(world):
    url = "/admin/snippets/events/registration/?q=Matrisesen"
    assert w.MARK_PARTICIPANT in _staff_client(world.users["secretariat_x"]).get(url).text
    response = _staff_client(world.users["secretariat_y"]).get(url)
    assert response.status_code == 200 and w.MARK_PARTICIPANT not in response.text


def test_a_registration_filtered_to_another_communitys_event_shows_nothing(world):
    url = f"/admin/snippets/events/registration/?event={world.event.pk}"
    response = _staff_client(world.users["secretariat_y"]).get(url)
    assert w.MARK_PARTICIPANT not in response.text
    assert world.event.title not in response.text  # nor is the event offered as a filter
    own = _staff_client(world.users["secretariat_x"]).get(url)
    assert w.MARK_PARTICIPANT in own.text


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_registration_lists_download_holds_the_communitys_sign_ups_only(world, file_format):
    from .test_matrix import body_text

    url = f"/admin/snippets/events/registration/?export={file_format}"
    own = body_text(_staff_client(world.users["secretariat_x"]).get(url))
    other = body_text(_staff_client(world.users["secretariat_y"]).get(url))
    assert w.MARK_PARTICIPANT_EMAIL in own
    assert w.MARK_PARTICIPANT_EMAIL not in other and w.MARK_PARTICIPANT not in other


def test_committee_people_and_memberships_are_scoped_for_a_secretariat_with_permissions(world):
    group = world.y.secretariat_group
    for codename in ("view_person", "change_person", "view_membership", "change_membership"):
        group.permissions.add(Permission.objects.get(codename=codename))
    other = _staff_client(world.users["secretariat_y"])
    assert w.MARK_MEMBER not in other.get("/admin/snippets/committees/person/").text
    assert w.MARK_MEMBER not in other.get("/admin/snippets/committees/membership/").text
    for url in (
        f"/admin/snippets/committees/person/edit/{world.person.pk}/",
        f"/admin/snippets/committees/membership/edit/{world.membership.pk}/",
    ):
        response = other.get(url)
        assert response.status_code == 404 and w.MARK_MEMBER not in response.text

    world.x.secretariat_group.permissions.add(*group.permissions.all())
    own = _staff_client(world.users["secretariat_x"])
    response = own.get(f"/admin/snippets/committees/person/edit/{world.person.pk}/")
    assert response.status_code == 200 and w.MARK_MEMBER in response.text


def test_the_hearing_list_shows_only_the_communitys_hearings(world):
    own = _staff_client(world.users["secretariat_x"]).get("/admin/hearings/").text
    other = _staff_client(world.users["secretariat_y"]).get("/admin/hearings/").text
    assert world.hearing.title in own and world.hearing.title not in other


def test_the_input_form_offers_only_the_communitys_events(world):
    other = _staff_client(world.users["secretariat_y"])
    assert world.event.title not in other.get("/admin/innspel/ny/").text
    response = other.post(
        "/admin/innspel/ny/", {"event": world.event.pk, "group": "G", "text": "Eit innspel"}
    )
    assert response.status_code == 400  # not a choice for this secretariat
    from samhandling.inputs.models import Input

    assert not Input.objects.filter(text="Eit innspel").exists()


def test_the_personal_data_tool_is_for_administrators(world):
    for role in ("secretariat_x", "secretariat_y"):
        response = _staff_client(world.users[role]).post(
            "/admin/personal-data/", {"email": w.MARK_PARTICIPANT_EMAIL}
        )
        assert response.status_code in (302, 403)
        assert w.MARK_PARTICIPANT not in response.text


def test_the_input_form_offers_only_the_communitys_hearings(world):
    own_titles = set(
        HearingPage.objects.descendant_of(world.x.site.root_page).values_list("title", flat=True)
    )
    others = HearingPage.objects.descendant_of(world.y.site.root_page).exclude(title__in=own_titles)
    if not others.exists():
        pytest.skip("the demo has no hearing of its own in community Y")
    text = _staff_client(world.users["secretariat_x"]).get(f"/admin/innspel/{world.input.pk}/").text
    assert world.hearing.title in text
    assert not [hearing.title for hearing in others if hearing.title in text]
