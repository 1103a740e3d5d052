"""A later meeting's case can follow up an earlier decision: the case says which, with a link,
and the committee's follow-up list says where each decision was followed up."""

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from samhandling.committees.agenda import AgendaItem, AgendaItemNumber
from samhandling.committees.pages import CommitteePage, MeetingPage
from tests.conftest import MR_HOST

from .factories import admin_client, case_numbers, meeting, oslo
from .test_admin import agenda_item

pytestmark = pytest.mark.django_db


def public(path: str) -> str:
    client = Client(HTTP_HOST=MR_HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def path_of(page) -> str:
    return urlparse(page.full_url).path


def test_a_later_case_links_to_the_decision_it_follows_up_and_the_list_links_back(demo):
    june = MeetingPage.objects.get(slug="2023-06-07")
    upcoming = MeetingPage.objects.get(slug="neste-mote")
    html = public(path_of(upcoming))
    assert (
        f'Follows up: <a class="ds-link" href="{path_of(june)}#sak-9-2023">'
        "SSU 9/2023 Rapportering på avvik i samhandlinga</a>"
    ) in html

    later = AgendaItem.objects.get(meeting=upcoming, title="Oppfølging av avvik i samhandlinga")
    ssu = CommitteePage.objects.get(slug="ssu")
    follow_up = public(path_of(ssu) + "oppfolging/")
    row = follow_up.split("Rapportering på avvik i samhandlinga", 1)[1].split("</tr>", 1)[0]
    assert "Followed up in" in row
    assert (
        f'href="{path_of(upcoming)}#sak-{later.number}-{later.year}">case {later.case_number}'
        in row
    )


def test_the_editor_offers_the_decisions_marked_for_follow_up(demo):
    upcoming = MeetingPage.objects.get(slug="neste-mote")
    html = admin_client().get(reverse("wagtailadmin_pages:edit", args=[upcoming.pk]))
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", html.content.decode())
    assert "SSU 9/2023 Rapportering på avvik i samhandlinga" in options
    assert "SSU 11/2023 Samhandling knytt til e-helse og teknologi" in options
    assert not any("Godkjenning av innkalling" in option for option in options)


def test_a_case_of_another_committee_is_refused_next_to_the_field(demo):
    fsu = CommitteePage.objects.get(slug="fsu-psykisk-helse-og-rus")
    theirs = meeting(fsu, "2023-10-04", oslo(2023, 10, 4, 10, 0), items=["Ventetider"])
    AgendaItem.objects.filter(meeting=theirs).update(
        decision="<p>Vedteke.</p>", follow_up=True, follow_up_owner="FSU"
    )
    case = AgendaItemNumber.objects.get(meeting=theirs)
    ssu = CommitteePage.objects.get(slug="ssu")
    add = reverse("wagtailadmin_pages:add", args=["committees", "meetingpage", ssu.pk])
    item = {**agenda_item("Ventetider i psykisk helsevern"), "follows_up": str(case.pk)}
    data = nested_form_data(
        {
            "title": "Møte i SSU 6. desember 2023",
            "slug": "2023-12-06",
            "start": "2023-12-06 10:00",
            "end": "2023-12-06 12:00",
            "format": "digital",
            "place": "",
            "theme": "",
            "lead": "",
            "minutes": rich_text(""),
            "agenda_items": inline_formset([item]),
        }
    )
    data["action-publish"] = "publish"
    response = admin_client().post(add, data)
    assert response.status_code == 200
    assert "Choose a case of this committee: this one is another&#x27;s." in (
        response.content.decode()
    )
    assert not MeetingPage.objects.filter(slug="2023-12-06").exists()
    assert case_numbers(theirs) == ["1/2023"]


def test_a_case_cannot_follow_up_itself(demo):
    item = AgendaItem.objects.get(committee__slug="ssu", year=2023, number=9)
    item.follows_up = AgendaItemNumber.objects.get(key=item.key)
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "follows_up" in error.value.message_dict
