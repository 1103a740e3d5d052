"""One rule for the state a follow-up is shown with: the meeting page says "Overdue" where the
committee's follow-up list and the secretariat's screen do, not "Open"."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from samhandling.committees.agenda import AgendaItem, follow_up_state
from samhandling.committees.choices import FollowUpState, FollowUpStatus
from samhandling.committees.pages import MeetingPage
from samhandling.committees.selectors import follow_ups_for_secretariat
from tests.conftest import MR_HOST

from .factories import admin_client

pytestmark = pytest.mark.django_db

SSU = "/utval/partnarskapsmotet/ssu/"
JUNE = SSU + "2023-06-07/"
DAY = datetime.date(2024, 5, 10)


def page_text(path: str, language: str = "en") -> str:
    client = Client(HTTP_HOST=MR_HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200, path
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    ("status", "due", "state"),
    [
        (FollowUpStatus.OPEN, DAY - datetime.timedelta(days=1), FollowUpState.OVERDUE),
        (FollowUpStatus.OPEN, DAY, FollowUpState.OPEN),  # due today is not late yet
        (FollowUpStatus.OPEN, None, FollowUpState.OPEN),
        (FollowUpStatus.DONE, DAY - datetime.timedelta(days=30), FollowUpState.DONE),
    ],
)
def test_the_rule(status, due, state):
    assert follow_up_state(status=status, due=due, today=DAY) == state


def test_an_item_not_marked_for_follow_up_has_no_state():
    assert AgendaItem(follow_up=False, follow_up_due=DAY).follow_up_state == ""
    item = AgendaItem(follow_up=True, follow_up_due=datetime.date(2000, 1, 1))
    assert item.follow_up_state == FollowUpState.OVERDUE
    assert item.is_overdue


def test_meeting_page_and_follow_up_list_agree_on_overdue(demo):
    meeting = page_text(JUNE)
    assert "Follow-up: Leiarane av LSU, due 1 December 2023 · Overdue" in meeting
    assert "· Open" not in meeting
    assert "Follow-up: Felles samarbeidssekretariat, due 20 September 2023 · Done" in meeting

    listing = page_text(SSU + "oppfolging/")
    overdue = listing[listing.index("Overdue (") : listing.index("Open (")]
    assert "9/2023 Rapportering på avvik i samhandlinga" in overdue


def test_meeting_page_says_overdue_in_nynorsk_too(demo):
    assert "Leiarane av LSU, frist 1. desember 2023 · Over fristen" in page_text(JUNE, "nn")


def test_an_open_follow_up_not_yet_due_says_open_on_both(demo):
    september = MeetingPage.objects.get(slug="2023-09-20")
    draft = september.get_latest_revision_as_object()
    items = list(draft.agenda_items.all())
    case = next(i for i in items if i.number == 11)
    case.follow_up_due = timezone.localdate() + datetime.timedelta(days=7)
    draft.agenda_items = items
    draft.save_revision().publish()

    meeting = page_text(SSU + "2023-09-20/")
    assert "Follow-up: Felles samarbeidssekretariat, due" in meeting
    assert "· Open" in meeting and "· Overdue" not in meeting

    listing = page_text(SSU + "oppfolging/")
    opened = listing[listing.index("Open (") : listing.index("Done (")]
    assert "11/2023 Samhandling knytt til e-helse og teknologi" in opened


def test_the_secretariats_screen_shows_the_state_the_meeting_page_shows(demo):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "pw")
    rows = follow_ups_for_secretariat(user=user)
    assert rows
    for row in rows:
        live = AgendaItem.objects.get(pk=row.pk)
        assert row.state == live.follow_up_state
    assert {row.case_number: row.state for row in rows}["9/2023"] == "overdue"
    opened = follow_ups_for_secretariat(user=user, state="open")
    assert "9/2023" not in {row.case_number for row in opened}
    html = admin_client(user).get("/admin/committees/follow-up/", {"state": "overdue"})
    assert 'data-follow-up-state="overdue"' in html.content.decode()
