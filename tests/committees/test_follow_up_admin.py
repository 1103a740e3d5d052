"""The secretariat's follow-up screen: decisions for follow-up across committees, and their status
changed without opening the meeting in the editor."""

import datetime
import re
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Revision

from samhandling.committees.agenda import AgendaItem
from samhandling.committees.pages import CommitteePage, MeetingPage
from tests.conftest import MR_HOST

from .factories import admin_client, case_numbers

pytestmark = pytest.mark.django_db

SCREEN = reverse("committees_follow_up")
SSU = "/utval/partnarskapsmotet/ssu/"
REFUSED_DRAFT = "The meeting has unpublished changes; publish or discard them first."


def login(user) -> Client:
    return admin_client(user)


@pytest.fixture
def secretariat(demo):
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "pw")
    return login(user)


def plain(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def item(case: str) -> AgendaItem:
    number, year = case.split("/")
    return AgendaItem.objects.get(
        committee__slug="ssu", number=int(number), year=int(year), follow_up=True
    )


def public_follow_up() -> str:
    client = Client(HTTP_HOST=MR_HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return plain(client.get(SSU + "oppfolging/"))


def change(client: Client, case: str, query: str = "", **values):
    data = {
        "key": str(item(case).key),
        "status": "done",
        "owner": "Leiarane av LSU",
        "due": "2023-12-01",
        **values,
    }
    return client.post(SCREEN + query, data)


def revisions(meeting: Page) -> int:
    return Revision.page_revisions.filter(object_id=str(meeting.pk)).count()


def test_the_screen_lists_decisions_for_follow_up_and_filters_them(secretariat):
    html = secretariat.get(SCREEN).content.decode()
    text = plain(secretariat.get(SCREEN))
    assert "9/2023 Rapportering på avvik i samhandlinga" in text
    assert "7/2023 Felles handlingsplan for helsefellesskapet" in text
    assert "Strategisk samarbeidsutval (SSU)" in text and "7 June 2023" in text
    assert 'value="Leiarane av LSU"' in html and 'value="2023-12-01"' in html
    june = MeetingPage.objects.get(slug="2023-06-07")
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[june.pk])}"' in html

    overdue = plain(secretariat.get(SCREEN, {"state": "overdue"}))
    assert "9/2023" in overdue and "7/2023" not in overdue
    done = plain(secretariat.get(SCREEN, {"state": "done"}))
    assert "7/2023" in done and "9/2023" not in done
    assert "No decisions for follow-up match." in plain(secretariat.get(SCREEN, {"state": "open"}))
    other = CommitteePage.objects.get(slug="ssu")
    ssu_only = plain(secretariat.get(SCREEN, {"committee": other.pk}))
    assert "9/2023" in ssu_only
    # A committee without follow-ups is not offered, and a made-up filter shows everything.
    assert "9/2023" in plain(secretariat.get(SCREEN, {"committee": "tull", "state": "x"}))


def test_the_screen_is_in_the_committees_menu(secretariat):
    html = secretariat.get(reverse("wagtailadmin_home")).content.decode()
    assert "Follow-up of decisions" in html and SCREEN in html


def test_a_status_changed_on_the_screen_is_published_in_a_new_revision(secretariat):
    june = MeetingPage.objects.get(slug="2023-06-07")
    before = revisions(june)
    assert "9/2023 Rapportering på avvik" in public_follow_up().split("Open (")[0]  # overdue

    response = change(secretariat, "9/2023", query="?state=overdue", owner="LSU-leiarane")
    assert response.status_code == 302
    assert response["Location"] == SCREEN + "?state=overdue"  # the filter is kept
    messages = plain(secretariat.get(response["Location"]))
    assert "The follow-up of case 9/2023 is saved and published." in messages

    done = public_follow_up().split("Done (")[1]
    assert "9/2023 Rapportering på avvik i samhandlinga" in done and "LSU-leiarane" in done
    june.refresh_from_db()
    assert revisions(june) == before + 1
    latest = june.latest_revision
    assert latest.user.username == "sekretariat"
    assert june.live_revision_id == latest.pk and not june.has_unpublished_changes
    assert item("9/2023").follow_up_status == "done"
    # The rest of the meeting is as it was: items, numbers and minutes.
    assert case_numbers(june) == ["6/2023", "7/2023", "8/2023", "9/2023"]
    assert "Til stades" in june.minutes and june.minutes_published


def test_a_meeting_with_a_draft_in_progress_is_refused(secretariat):
    june = MeetingPage.objects.get(slug="2023-06-07")
    draft = june.get_latest_revision_as_object()
    draft.title = "Møte i SSU 7. juni 2023 (utkast)"
    draft.save_revision()
    before = revisions(june)

    assert REFUSED_DRAFT in plain(secretariat.get(SCREEN))  # said on the row, before trying
    response = change(secretariat, "9/2023")
    assert response.status_code == 400
    assert REFUSED_DRAFT in plain(response)
    assert revisions(june) == before
    june.refresh_from_db()
    assert june.title == "Møte i SSU 7. juni 2023"  # the draft is not published
    assert item("9/2023").follow_up_status == "open"


def test_the_public_and_editors_who_may_not_publish_cannot_use_it(demo):
    key = str(item("9/2023").key)
    anonymous = Client().post(SCREEN, {"key": key, "status": "done", "owner": "X"})
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert Client().get(SCREEN).status_code == 302

    editors = Group.objects.create(name="Redaktørar")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=Page.objects.get(slug="utval"),
        permission=Permission.objects.get(codename="change_page"),
    )
    editor = get_user_model().objects.create_user("redaktor", "r@example.org", "pw")
    editor.groups.add(editors)
    client = login(editor)
    home = reverse("wagtailadmin_home")
    assert "Follow-up of decisions" not in client.get(home).content.decode()
    # The admin sends those without permission back to its dashboard, with a message.
    for response in (
        client.get(SCREEN),
        client.post(SCREEN, {"key": key, "status": "done", "owner": "X"}),
    ):
        assert response.status_code == 302 and response["Location"] == home
    # Wagtail writes this message outside its admin localisation, so it comes in the site's
    # language (nynorsk here) rather than the user's chosen admin language.
    assert "Du har diverre ikkje tilgang til denne delen" in plain(client.get(home))
    assert item("9/2023").follow_up_status == "open"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"status": "seinare"}, "Status: Select a valid choice."),
        ({"due": "2023-13-45"}, "Due: Enter a valid date."),
        ({"owner": "   "}, "Responsible: This field is required."),
        ({"key": str(uuid.uuid4())}, "This decision is not marked for follow-up (any longer)."),
        ({"key": "'; DROP TABLE"}, "This decision is not marked for follow-up (any longer)."),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(secretariat, values, message):
    june = MeetingPage.objects.get(slug="2023-06-07")
    before = revisions(june)
    response = change(secretariat, "9/2023", **values)
    assert response.status_code == 400
    assert message in plain(response)
    assert revisions(june) == before
    unchanged = item("9/2023")
    assert (unchanged.follow_up_status, unchanged.follow_up_owner) == ("open", "Leiarane av LSU")
    assert unchanged.follow_up_due == datetime.date(2023, 12, 1)


def test_a_decision_not_marked_for_follow_up_cannot_be_changed(secretariat):
    june = MeetingPage.objects.get(slug="2023-06-07")
    plain_item = AgendaItem.objects.get(meeting=june, number=8)
    response = secretariat.post(
        SCREEN, {"key": str(plain_item.key), "status": "done", "owner": "Nokon"}
    )
    assert response.status_code == 400
    assert "This decision is not marked for follow-up (any longer)." in plain(response)
    assert AgendaItem.objects.get(pk=plain_item.pk).follow_up_owner == ""


def test_a_publisher_of_another_committee_neither_sees_nor_changes_ssus_follow_ups(demo):
    publishers = Group.objects.create(name="Forhandlingsutvalet")
    publishers.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=publishers,
            page=Page.objects.get(slug="forhandlingsutvalet"),
            permission=Permission.objects.get(codename=codename),
        )
    user = get_user_model().objects.create_user("fu", "fu@example.org", "pw")
    user.groups.add(publishers)
    client = login(user)
    assert "No decisions for follow-up match." in plain(client.get(SCREEN))
    response = change(client, "9/2023")
    assert response.status_code == 302
    assert item("9/2023").follow_up_status == "open"
