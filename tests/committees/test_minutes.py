"""Minutes: none before the meeting has been held, and "Publish minutes" in one step for a
meeting that has been held."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from samhandling.committees.agenda import AgendaItem
from samhandling.committees.pages import CommitteePage, MeetingPage
from tests.conftest import MR_HOST

from .factories import admin_client, case_numbers, meeting
from .test_admin import agenda_item

pytestmark = pytest.mark.django_db

NOT_HELD = "Minutes cannot be published before the meeting has been held."
ITEM_NOT_HELD = "Minutes and decisions cannot be written before the meeting has been held."


@pytest.fixture
def ssu(demo):
    return CommitteePage.objects.get(slug="ssu")


@pytest.fixture
def secretariat(demo):
    return admin_client()


def plain(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def public(path: str) -> str:
    client = Client(HTTP_HOST=MR_HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(path)
    assert response.status_code == 200
    return plain(response)


def in_days(days: int) -> datetime.datetime:
    start = timezone.localtime() + datetime.timedelta(days=days)
    return start.replace(hour=10, minute=0, second=0, microsecond=0)


def future_meeting_data(**fields) -> dict:
    day = in_days(40)
    data = {
        "title": "Møte i SSU om sju veker",
        "slug": "framtidig",
        "start": day.strftime("%Y-%m-%d %H:%M"),
        "end": (day + datetime.timedelta(hours=4)).strftime("%Y-%m-%d %H:%M"),
        "format": "on_site",
        "place": "",
        "theme": "",
        "lead": "",
        "minutes": rich_text(""),
        "agenda_items": inline_formset([agenda_item("Handlingsplan")]),
    }
    data.update(fields)
    data = nested_form_data(data)
    data["action-publish"] = "publish"
    return data


# --- No minutes before the meeting ---------------------------------------------------------------


def test_a_future_meeting_cannot_have_published_minutes_or_decisions(ssu):
    page = MeetingPage(title="Snart", slug="snart", start=in_days(10), minutes_published=True)
    page.agenda_items = [AgendaItem(title="Sak", decision="<p>Vedteke.</p>")]
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert error.value.message_dict["minutes_published"] == [NOT_HELD]
        assert error.value.message_dict[NON_FIELD_ERRORS] == [ITEM_NOT_HELD]
    # An empty editor's "<p></p>" is no decision; the agenda itself is fine.
    page.minutes_published = False
    page.agenda_items = [AgendaItem(title="Sak", decision="<p></p>", minutes="")]
    page.clean()


def test_the_admin_refuses_published_minutes_for_a_future_meeting(ssu, secretariat):
    add = reverse("wagtailadmin_pages:add", args=["committees", "meetingpage", ssu.pk])
    response = secretariat.post(add, future_meeting_data(minutes_published="on"))
    assert response.status_code == 200  # the form again, with the message
    assert NOT_HELD in plain(response)
    assert not MeetingPage.objects.filter(slug="framtidig").exists()


def test_the_admin_refuses_a_decision_for_a_future_meeting_next_to_the_item(ssu, secretariat):
    add = reverse("wagtailadmin_pages:add", args=["committees", "meetingpage", ssu.pk])
    items = [agenda_item("Handlingsplan"), agenda_item("Referat")]
    items[1]["decision"] = rich_text("<p>Vedteke.</p>")
    response = secretariat.post(add, future_meeting_data(agenda_items=inline_formset(items)))
    assert response.status_code == 200
    assert ITEM_NOT_HELD in plain(response)
    assert not MeetingPage.objects.filter(slug="framtidig").exists()

    # Without the decision it is saved, with its agenda.
    response = secretariat.post(add, future_meeting_data())
    assert response.status_code == 302
    assert case_numbers(MeetingPage.objects.get(slug="framtidig"))  # numbered


def test_a_case_number_sent_to_the_admin_is_ignored(ssu, secretariat):
    """Numbers are handed out, never typed: one already taken cannot be given again."""
    add = reverse("wagtailadmin_pages:add", args=["committees", "meetingpage", ssu.pk])
    item = {**agenda_item("Eventuelt"), "number": "10"}  # 10/2023 is the September meeting's
    data = future_meeting_data(
        slug="2023-12-06",
        start="2023-12-06 10:00",
        end="2023-12-06 12:00",
        agenda_items=inline_formset([item]),
    )
    assert secretariat.post(add, data).status_code == 302
    assert case_numbers(MeetingPage.objects.get(slug="2023-12-06")) == ["14/2023"]
    assert AgendaItem.objects.filter(committee=ssu, year=2023, number=10).count() == 1


# --- Publish minutes in one step -----------------------------------------------------------------


def write_minutes(page: MeetingPage) -> None:
    draft = page.get_latest_revision_as_object()
    items = list(draft.agenda_items.all())
    items[2].decision = "<p>SSU vedtek den felles handlingsplanen.</p>"
    draft.agenda_items = items
    draft.minutes = "<p>Til stades: leiar Ingrid Leirvåg.</p>"
    draft.save_revision()


@pytest.fixture
def september(ssu) -> MeetingPage:
    """The September meeting as it was before its minutes were written: held, nothing written,
    nothing published (the demo has its minutes published)."""
    page = MeetingPage.objects.get(slug="2023-09-20")
    draft = page.get_latest_revision_as_object()
    items = list(draft.agenda_items.all())
    for item in items:
        item.minutes = item.decision = item.follow_up_owner = ""
        item.follow_up, item.follow_up_due = False, None
    draft.agenda_items = items
    draft.minutes, draft.minutes_published = "", False
    draft.save_revision().publish()
    page.refresh_from_db()
    assert not page.minutes_published and not page.has_unpublished_changes
    return page


def test_publish_minutes_of_a_held_meeting_in_one_step(ssu, secretariat, september):
    url = reverse("committees_meeting_publish_minutes", args=[september.pk])
    edit = secretariat.get(reverse("wagtailadmin_pages:edit", args=[september.pk]))
    assert f'href="{url}"' in edit.content.decode()  # the button in the editor's header
    listing = secretariat.get(reverse("wagtailadmin_explore", args=[ssu.pk]))
    assert f'href="{url}"' in listing.content.decode()  # and in the committee's page listing

    # Nothing written yet: refused, nothing published.
    response = secretariat.post(url)
    assert response.status_code == 400
    assert "Write the minutes or the decisions" in plain(response)
    september.refresh_from_db()
    assert not september.minutes_published

    write_minutes(september)
    confirm = plain(secretariat.get(url))
    assert "They will be published with the minutes." in confirm
    before = Revision.page_revisions.filter(object_id=str(september.pk)).count()
    response = secretariat.post(url)
    assert response.status_code == 302
    september.refresh_from_db()
    assert september.minutes_published and not september.has_unpublished_changes
    assert Revision.page_revisions.filter(object_id=str(september.pk)).count() == before + 1
    text = public(september.url)
    assert "Agenda and decisions" in text and "SSU vedtek den felles handlingsplanen." in text
    assert case_numbers(september) == ["10/2023", "11/2023", "12/2023", "13/2023"]
    # Done: no button any more, and a second try says so.
    edit = secretariat.get(reverse("wagtailadmin_pages:edit", args=[september.pk]))
    assert f'href="{url}"' not in edit.content.decode()
    assert "already published" in plain(secretariat.post(url))


def test_minutes_of_a_future_meeting_cannot_be_published(ssu, secretariat):
    future = meeting(ssu, "snart", in_days(10), items=["Handlingsplan"])
    url = reverse("committees_meeting_publish_minutes", args=[future.pk])
    edit = secretariat.get(reverse("wagtailadmin_pages:edit", args=[future.pk]))
    assert f'href="{url}"' not in edit.content.decode()
    response = secretariat.post(url)
    assert response.status_code == 400 and NOT_HELD in plain(response)
    future.refresh_from_db()
    assert not future.minutes_published


def test_publish_minutes_needs_permission_to_publish(ssu, september):
    url = reverse("committees_meeting_publish_minutes", args=[september.pk])
    response = Client().post(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    september.refresh_from_db()
    assert not september.minutes_published
