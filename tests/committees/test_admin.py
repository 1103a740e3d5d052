"""The secretariat's side: committees, meetings, people and memberships in the admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from samhandling.committees.pages import CommitteeIndexPage, CommitteePage, MeetingPage

from .factories import case_numbers

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client, demo):
    return admin_client


def test_admin_edits_the_structure_committees_and_meetings(admin_client):
    for page in (
        CommitteeIndexPage.objects.get(slug="utval"),
        CommitteePage.objects.get(slug="ssu"),
        MeetingPage.objects.get(slug="2023-09-20"),
    ):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    ssu = CommitteePage.objects.get(slug="ssu")
    add = reverse("wagtailadmin_pages:add", args=["committees", "meetingpage", ssu.pk])
    assert admin_client.get(add).status_code == 200


def test_admin_lists_people_and_memberships(admin_client):
    people = admin_client.get(reverse("wagtailsnippets_committees_person:list"), {"q": "Ingrid"})
    assert people.status_code == 200 and "Ingrid Leirvåg" in people.content.decode()
    memberships = admin_client.get(
        reverse("wagtailsnippets_committees_membership:list"), {"role": "leader"}
    )
    assert memberships.status_code == 200
    assert "Ingrid Leirvåg" in memberships.content.decode()


def agenda_item(title: str) -> dict:
    return {
        "title": title,
        "description": rich_text(""),
        "papers": streamfield([]),
        "minutes": rich_text(""),
        "decision": rich_text(""),
        "follow_up_owner": "",
        "follow_up_due": "",
        "follow_up_status": "open",
    }


def test_a_meeting_added_in_the_admin_gets_the_next_case_numbers(admin_client):
    ssu = CommitteePage.objects.get(slug="ssu")
    add = reverse("wagtailadmin_pages:add", args=["committees", "meetingpage", ssu.pk])
    data = nested_form_data(
        {
            "title": "Møte i SSU 29. november 2023",
            "slug": "2023-11-29",
            "start": "2023-11-29 10:00",
            "end": "2023-11-29 15:00",
            "format": "digital",
            "place": "Teams",
            "theme": "",
            "lead": "",
            "minutes": rich_text(""),
            "agenda_items": inline_formset([agenda_item("Referat"), agenda_item("Handlingsplan")]),
        }
    )
    data["action-publish"] = "publish"
    response = admin_client.post(add, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    meeting = MeetingPage.objects.get(slug="2023-11-29")
    assert meeting.live
    # The demo's SSU meetings used 6/2023 to 13/2023.
    assert case_numbers(meeting) == ["14/2023", "15/2023"]

    # Editing and publishing again keeps them; a new item gets the next one.
    edit = reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    items = [{**agenda_item(i.title), "id": i.pk} for i in meeting.agenda_items.all()]
    data = nested_form_data(
        {
            "title": "Møte i SSU 29. november 2023",
            "slug": "2023-11-29",
            "start": "2023-11-29 10:00",
            "end": "2023-11-29 15:00",
            "format": "digital",
            "place": "Teams",
            "theme": "E-helse",
            "lead": "",
            "minutes": rich_text(""),
            "agenda_items": inline_formset([*items, agenda_item("Eventuelt")], initial=2),
        }
    )
    data["action-publish"] = "publish"
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert case_numbers(meeting) == ["14/2023", "15/2023", "16/2023"]


def test_admin_refuses_a_meeting_that_ends_before_it_starts(admin_client):
    ssu = CommitteePage.objects.get(slug="ssu")
    add = reverse("wagtailadmin_pages:add", args=["committees", "meetingpage", ssu.pk])
    data = nested_form_data(
        {
            "title": "Feil møte",
            "slug": "feil",
            "start": "2023-11-29 10:00",
            "end": "2023-11-29 09:00",
            "format": "on_site",
            "minutes": rich_text(""),
            "agenda_items": inline_formset([]),
        }
    )
    data["action-publish"] = "publish"
    response = admin_client.post(add, data)
    assert response.status_code == 200
    assert not MeetingPage.objects.filter(slug="feil").exists()


def test_admin_shows_the_case_numbers_read_only(admin_client):
    meeting = MeetingPage.objects.get(slug="2023-09-20")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk])).content.decode()
    assert "10/2023" in html and "13/2023" in html
    assert 'name="agenda_items-0-number"' not in html
