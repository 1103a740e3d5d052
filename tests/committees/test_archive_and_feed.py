"""A committee's meeting archive by year and its calendar feed."""

import pytest
from django.test import Client
from icalendar import Calendar

from tests.conftest import MR_HOST

SSU = "/utval/partnarskapsmotet/ssu/"
pytestmark = pytest.mark.django_db


def get(path):
    return Client(HTTP_HOST=MR_HOST).get(path)


def test_committee_page_links_the_archive_years_and_the_calendar(demo):
    html = get(SSU).content.decode()
    assert f'href="{SSU}arkiv/2023/"' in html
    assert f'href="{SSU}kalender/"' in html


def test_archive_lists_the_meetings_of_that_year(demo):
    response = get(SSU + "arkiv/2023/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Møte i SSU 20. september 2023" in html and "Møte i SSU 7. juni 2023" in html
    assert get(SSU + "arkiv/1999/").status_code == 404


def test_calendar_feed_has_every_meeting_with_the_uid_of_its_own_ics(demo):
    response = get(SSU + "kalender/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = {str(e["summary"]): str(e["uid"]) for e in feed.walk("VEVENT")}
    assert "Møte i SSU 20. september 2023" in events
    assert "Møte i SSU 7. juni 2023" in events
    from samhandling.committees.pages import MeetingPage

    meeting = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    single = Calendar.from_ical(get(meeting.url + "ics/").content)
    (event,) = single.walk("VEVENT")
    assert str(event["uid"]) == events["Møte i SSU 20. september 2023"]


def test_meeting_book_pdf_has_agenda_papers_and_published_minutes(demo):
    from pypdf import PdfReader

    from samhandling.committees.pages import MeetingPage

    june = path_of(MeetingPage.objects.get(title="Møte i SSU 7. juni 2023"))
    html = get(june).content.decode()
    assert f'href="{june}motebok/"' in html
    response = get(june + "motebok/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(_bytes(response)).pages)
    assert "Møte i SSU 7. juni 2023" in text
    assert "Rapportering på avvik i samhandlinga" in text
    assert "Vedtak" in text  # minutes are published for this meeting

    september = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    text = " ".join(
        page.extract_text() for page in PdfReader(_bytes(get(september.url + "motebok/"))).pages
    )
    assert "Sak 11/2023" in text
    assert "SSU ber fagleg samarbeidsutval for e-helse" in text  # its minutes are published

    upcoming = MeetingPage.objects.get(slug="neste-mote")
    text = " ".join(
        page.extract_text() for page in PdfReader(_bytes(get(path_of(upcoming) + "motebok/"))).pages
    )
    assert "Utskrivingsklare pasientar" in text
    assert "ikkje publisert" in text


def path_of(page) -> str:
    from urllib.parse import urlparse

    return urlparse(page.full_url).path


def _bytes(response):
    import io

    return io.BytesIO(response.content)


def test_case_papers_of_an_unpublished_meeting_answer_404(demo):
    from samhandling.committees.pages import MeetingPage

    september = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    item = next(i for i in september.agenda_items.all() if i.papers)
    document = item.papers[0].value["document"]
    assert get(urlparse_path(document.url)).status_code == 200
    september.unpublish()
    assert get(urlparse_path(document.url)).status_code == 404


def urlparse_path(url: str) -> str:
    from urllib.parse import urlparse

    return urlparse(url).path
