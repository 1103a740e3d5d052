"""What the public reads: the committee structure, committees, members, meetings and minutes
(the demo of Helsefellesskap Møre og Romsdal, seed 002)."""

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client

from samhandling.committees.people import Person
from tests.conftest import HN_HOST, MR_HOST

from .factories import PersonFactory

pytestmark = pytest.mark.django_db

STRUCTURE = "/utval/"
SSU = "/utval/partnarskapsmotet/ssu/"
SEPTEMBER = SSU + "2023-09-20/"
JUNE = SSU + "2023-06-07/"


def get(path, host=MR_HOST, language="en"):
    client = Client(HTTP_HOST=host)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(path)


def html_of(path, **kwargs) -> str:
    response = get(path, **kwargs)
    assert response.status_code == 200, path
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_structure_page_shows_the_tree_with_member_counts(demo):
    html = html_of(STRUCTURE)
    for title in (
        "Partnarskapsmøtet",
        "Strategisk samarbeidsutval (SSU)",
        "Forhandlingsutvalet",
        "Fagleg samarbeidsutval for psykisk helse og rus (FSU)",
        "Lokalt samarbeidsutval Kristiansund (LSU)",
        "Lokalt samarbeidsutval Molde (LSU)",
        "Lokalt samarbeidsutval Ålesund (LSU)",
        "Lokalt samarbeidsutval Volda (LSU)",
    ):
        assert title in html
    # SSU is nested below partnarskapsmøtet, the LSU below SSU.
    assert html.index("Partnarskapsmøtet") < html.index("(SSU)") < html.index("Volda (LSU)")
    ssu = text(html[html.index("(SSU)") : html.index("Forhandlingsutvalet")])
    # Current members only: the one who left in 2022 is not counted.
    assert "9 members" in ssu
    assert "Municipalities: 3" in ssu
    assert "Hospital trust: 2" in ssu
    assert "General practitioners: 1" in ssu
    assert "Employee representatives: 1" in ssu
    assert "User representatives: 1" in ssu
    partnership = text(html[: html.index("(SSU)")])
    assert "4 members" in partnership and "Employee representatives" not in partnership


def test_committee_page_shows_mandate_and_current_members_by_role(demo):
    html = html_of(SSU)
    plain = text(html)
    assert "Mandate" in plain and "tilrår samarbeidsavtalen" in plain
    headings = ("Leader", "Deputy leader", "Members", "Deputy members", "Secretariat")
    order = [html.index(f'data-size="xs">{heading}</h3>') for heading in headings]
    assert order == sorted(order)
    assert "Ingrid Leirvåg" in plain and "Ålesund" in plain  # leader and her organisation
    assert "Representing: General practitioners" in plain
    # E-mail addresses only with consent.
    assert "ingrid.leirvag@demo.helsefellesskap.example" in html
    assert "Anders Fjørtoft" in plain
    assert "anders.fjortoft@demo.helsefellesskap.example" not in html
    # Past members stay in history, apart from the current ones.
    former = plain[plain.index("Former members") :]
    assert "Bjørn Ulvestad" in former
    assert "Bjørn Ulvestad" not in plain[: plain.index("Former members")]


def test_committee_page_lists_upcoming_and_past_meetings(demo):
    plain = text(html_of(SSU))
    upcoming = plain[plain.index("Upcoming meetings") : plain.index("Past meetings and minutes")]
    past = plain[plain.index("Past meetings and minutes") :]
    assert past.index("Møte i SSU 20. september 2023") < past.index("Møte i SSU 7. juni 2023")
    assert "Theme: Samhandling knytt til e-helse og teknologi" in past
    # The demo's next meeting, about five weeks after the demo was loaded.
    assert next_meeting().title in upcoming
    assert "Theme: Utskrivingsklare pasientar og samhandling ved utskriving" in upcoming
    assert next_meeting().title not in past


def next_meeting():
    from samhandling.committees.pages import MeetingPage

    return MeetingPage.objects.get(slug="neste-mote")


def test_the_next_meeting_has_an_agenda_that_follows_up_an_earlier_decision(demo):
    import datetime

    from django.utils import timezone

    meeting = next_meeting()
    start = timezone.localtime(meeting.start)
    expected = timezone.localdate() + datetime.timedelta(days=35)
    assert abs((start.date() - expected).days) <= 1  # the test session may pass midnight
    assert (start.hour, timezone.localtime(meeting.end).hour) == (10, 14)
    assert not meeting.minutes_published and not meeting.minutes

    html = html_of(SSU + "neste-mote/", language="nn")
    plain = text(html)
    assert "kl. 10.00–14.00" in plain
    assert "Kristiansund sjukehus, møterom Nordmøre" in plain
    cases = [item.case_number for item in meeting.agenda_items.all()]
    assert len(cases) == 4 and all(case.endswith(f"/{start.year}") for case in cases)
    assert "Oppfølging av avvik i samhandlinga" in plain
    assert f'{JUNE}">sak 9/2023' in html  # refers back to the decision it follows up
    assert "agenda__decision" not in html
    # And the home page lists it under "Upcoming".
    home = html_of("/")
    upcoming = home[home.index('id="upcoming-heading"') : home.index('id="news-heading"')]
    assert meeting.title in upcoming


def test_meeting_page_shows_time_place_theme_agenda_and_case_papers(demo):
    html = html_of(SEPTEMBER, language="nn")
    plain = text(html)
    assert "20. september 2023 kl. 10.00–15.00" in plain
    assert "Ålesund sjukehus, auditoriet, og Teams" in plain
    assert "Samhandling knytt til e-helse og teknologi" in plain
    for number in (10, 11, 12, 13):
        assert f"{number}/2023" in plain
    assert plain.index("10/2023") < plain.index("11/2023") < plain.index("13/2023")
    assert "Saksframlegg SSU sak 11/2023" in plain
    assert re.search(r'href="/dokument/\d+/', html)
    # The minutes are published: each case's decision, and the open follow-up of case 11.
    assert "SSU ber fagleg samarbeidsutval for e-helse kartleggje" in plain
    assert "Felles samarbeidssekretariat" in plain


def test_a_meeting_without_published_minutes_shows_no_decisions(demo):
    from samhandling.committees.pages import MeetingPage

    upcoming = MeetingPage.objects.get(slug="neste-mote")
    html = html_of(urlparse(upcoming.full_url).path)
    assert "Utskrivingsklare pasientar" in text(html)
    assert "agenda__decision" not in html


def test_published_minutes_show_the_decisions(demo):
    plain = text(html_of(JUNE))
    assert "Agenda and decisions" in plain
    assert "Til stades: leiar Ingrid Leirvåg" in plain
    assert "Case 9/2023 Rapportering på avvik i samhandlinga" in plain
    assert "LSU-a gjennomgår avvika" in plain
    # Open and past its due date: overdue, as in the follow-up list.
    assert "Follow-up: Leiarane av LSU, due 1 December 2023 · Overdue" in plain


def test_case_papers_of_a_closed_committee_are_not_shown(demo):
    from samhandling.committees.pages import CommitteePage

    ssu = CommitteePage.objects.get(slug="ssu")
    ssu.papers_public = False
    ssu.save_revision().publish()
    html = html_of(SEPTEMBER)
    assert "Saksframlegg SSU sak 11/2023" not in html
    assert "Samhandling knytt til e-helse og teknologi" in html  # the agenda still is


def test_person_page_lists_current_and_former_roles(demo):
    ingrid = Person.objects.get(name="Ingrid Leirvåg")
    html = html_of(SSU)
    assert f'href="/utval/person/{ingrid.pk}/"' in html
    plain = text(html_of(f"/utval/person/{ingrid.pk}/"))
    current = plain[plain.index("Current roles") :]
    assert "Strategisk samarbeidsutval (SSU) Leader" in current
    assert "Lokalt samarbeidsutval Ålesund (LSU) Leader" in current
    assert "ingrid.leirvag@demo.helsefellesskap.example" in plain

    bjorn = Person.objects.get(name="Bjørn Ulvestad")
    plain = text(html_of(f"/utval/person/{bjorn.pk}/"))
    assert "Former roles" in plain
    assert "Strategisk samarbeidsutval (SSU), member" in plain[plain.index("Former roles") :]
    assert "bjorn.ulvestad" in plain  # he agreed to show it


def test_person_page_is_only_for_members_of_the_sites_committees(demo):
    stranger = PersonFactory(name="Ikkje medlem")
    assert get(f"/utval/person/{stranger.pk}/").status_code == 404
    ingrid = Person.objects.get(name="Ingrid Leirvåg")
    assert get(f"/utval/person/{ingrid.pk}/", host=HN_HOST).status_code == 404


def test_follow_up_list_shows_overdue_open_and_done(demo):
    plain = text(html_of(SSU + "oppfolging/"))
    overdue = plain[plain.index("Overdue (") : plain.index("Open (")]
    done = plain[plain.index("Done (") :]
    assert "9/2023 Rapportering på avvik i samhandlinga" in overdue
    assert "Leiarane av LSU" in overdue and "1 December 2023" in overdue
    assert "7/2023 Felles handlingsplan for helsefellesskapet" in done
    assert "Open (0)" in plain


def test_demo_loads_again_without_new_rows_or_revisions(demo):
    from django.core.management import call_command
    from wagtail.models import Page, Revision

    from samhandling.committees.models import AgendaItem, AgendaItemNumber, Membership

    def counts():
        return [
            model.objects.count()
            for model in (Page, Revision, Person, Membership, AgendaItem, AgendaItemNumber)
        ]

    before = counts()
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    assert counts() == before
