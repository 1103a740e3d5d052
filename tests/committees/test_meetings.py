"""Meetings: unpublished ones stay hidden, calendar files, the home page's "Upcoming" list."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from icalendar import Calendar

from samhandling.committees.agenda import AgendaItem
from samhandling.committees.pages import CommitteePage, MeetingPage
from samhandling.core.upcoming import upcoming_items
from tests.conftest import HN_HOST, MR_HOST

from .factories import OSLO, committee, meeting, oslo, structure

pytestmark = pytest.mark.django_db

SSU = "/utval/partnarskapsmotet/ssu/"
SEPTEMBER = SSU + "2023-09-20/"


def get(path, host=MR_HOST):
    client = Client(HTTP_HOST=host)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(path)


@pytest.fixture
def ssu(demo):
    return CommitteePage.objects.get(slug="ssu")


def test_an_unpublished_meeting_answers_404_without_its_title(ssu):
    secret = meeting(
        ssu, "hemmeleg", oslo(2030, 5, 5, 10), items=["Løyndom"], title="Hemmeleg møte"
    )
    assert get(SSU + "hemmeleg/").status_code == 200
    secret.unpublish()

    for path in (SSU + "hemmeleg/", SSU + "hemmeleg/ics/"):
        response = get(path)
        assert response.status_code == 404
        assert "Hemmeleg møte" not in response.content.decode()
        assert "Løyndom" not in response.content.decode()
    assert "Hemmeleg møte" not in get(SSU).content.decode()
    home = ssu.get_site().root_page
    assert "Hemmeleg møte" not in [item.title for item in upcoming_items(root=home)]


def test_a_meeting_cannot_end_before_it_starts(ssu):
    page = MeetingPage(
        title="Feil", slug="feil", start=oslo(2030, 1, 1, 12), end=oslo(2030, 1, 1, 11)
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert error.value.message_dict["end"] == ["The meeting cannot end before it starts."]


def test_a_decision_for_follow_up_needs_the_decision_and_someone_responsible():
    item = AgendaItem(title="Sak", follow_up=True)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            item.clean()
        assert error.value.message_dict == {
            "follow_up": ["Write the decision before marking it for follow-up."],
            "follow_up_owner": ["Say who is responsible for the follow-up."],
        }


def test_ics_is_a_valid_calendar_with_the_meeting_in_oslo_time(ssu):
    response = get(SEPTEMBER + "ics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "2023-09-20.ics" in response["Content-Disposition"]

    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Møte i SSU 20. september 2023"
    assert str(event["LOCATION"]) == "Ålesund sjukehus, auditoriet, og Teams"
    assert event.decoded("DTSTART") == datetime.datetime(2023, 9, 20, 10, tzinfo=OSLO)
    assert event.decoded("DTEND") == datetime.datetime(2023, 9, 20, 15, tzinfo=OSLO)
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert "Samhandling knytt til e-helse og teknologi" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(SEPTEMBER)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    # The meeting page links to it.
    assert f'href="{SEPTEMBER}ics/"' in get(SEPTEMBER).content.decode()


def test_next_meetings_are_on_the_home_page_of_their_own_site_only(ssu):
    start = timezone.localtime() + datetime.timedelta(days=30)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    meeting(ssu, "neste", start, title="Neste møte i SSU", place="Molde rådhus")

    html = get("/").content.decode()
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="news-heading"')]
    assert "Neste møte i SSU" in upcoming and "Molde rådhus" in upcoming
    assert f'href="{SSU}neste/"' in upcoming
    assert "Neste møte i SSU" not in get("/", host=HN_HOST).content.decode()
    # And on the committee page, as upcoming.
    html = get(SSU).content.decode()
    assert html.index("Neste møte i SSU") < html.index("Past meetings and minutes")


def test_meetings_of_a_committee_elsewhere_are_not_mixed_in(demo):
    other = committee(structure(slug="anna"), "anna")
    meeting(other, "m", timezone.now() + datetime.timedelta(days=3), title="Anna møte")
    home = CommitteePage.objects.get(slug="ssu").get_site().root_page
    assert "Anna møte" not in [item.title for item in upcoming_items(root=home)]


def test_an_unpublished_committee_answers_404_and_hides_its_meetings(ssu):
    soon = meeting(
        ssu,
        "snart",
        timezone.now() + datetime.timedelta(days=3),
        items=["Løynd sak"],
        title="Møte som ikkje skal synast",
    )
    september = MeetingPage.objects.get(slug="2023-09-20")
    item = next(i for i in september.agenda_items.all() if i.papers)
    paper = item.papers[0].value["document"]
    paper_path = paper.url.split(MR_HOST)[-1]
    assert get(paper_path).status_code == 200
    fsu = CommitteePage.objects.get(slug="fsu-psykisk-helse-og-rus")
    ssu.unpublish()  # as the admin does by default: the meetings below stay "live"

    for path in (
        SSU,
        SSU + "oppfolging/",
        SSU + "kalender/",
        SSU + "arkiv/2023/",
        SEPTEMBER,
        SEPTEMBER + "ics/",
        SEPTEMBER + "motebok/",
        SSU + "snart/",
        fsu.url.split(MR_HOST)[-1],  # a sub-committee
        paper_path,
    ):
        response = get(path)
        assert response.status_code == 404, path
        html = response.content.decode()
        for title in ("Strategisk samarbeidsutval", "Møte i SSU", "Løynd sak", paper.title):
            assert title not in html, (path, title)
    home = ssu.get_site().root_page
    assert soon.title not in [item.title for item in upcoming_items(root=home)]
    assert "Strategisk samarbeidsutval" not in get("/utval/").content.decode()
    assert "Fagleg samarbeidsutval for psykisk helse" not in get("/utval/").content.decode()
