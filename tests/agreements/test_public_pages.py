"""What the public sees: the agreement's status and who has (not) adopted it, the revision plan
and the action plan's progress."""

import re

import pytest
from django.test import Client

from samhandling.agreements.models import ActionPlanPage, AgreementPage
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


def get(path: str):
    return Client(HTTP_HOST=MR_HOST).get(path)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(html: str, heading_id: str) -> str:
    """The text of the <section> labelled by heading_id."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return text(html[start : html.index("</section>", start)])


def test_the_agreement_page_shows_the_latest_status_and_who_has_adopted_it(demo):
    response = get("/samarbeidsavtalen/")
    assert response.status_code == 200
    html = response.content.decode()
    plain = text(html)
    assert "Samarbeidsavtale mellom Helse Møre og Romsdal HF og kommunane" in plain
    assert "Revidert utkast 2024" in plain
    assert "Under forhandling" in plain  # the status, in nynorsk
    # A draft still in negotiation is adopted by nobody yet.
    assert "0 av 28 partar har vedteke versjonen" in plain
    assert "Molde" in section(html, "latest-missing")


def test_a_sub_agreement_being_adopted_shows_who_has_and_who_has_not(demo):
    response = get("/samarbeidsavtalen/delavtale-2/")
    assert response.status_code == 200
    html = response.content.decode()
    plain = text(html)
    assert "Revidert 2024" in plain and "Tilrådd av SSU" in plain
    assert "4 av 28 partar har vedteke versjonen" in plain
    adopted = section(html, "latest-adopted")
    missing = section(html, "latest-missing")
    for municipality in ("Molde", "Ålesund", "Volda", "Kristiansund"):
        assert municipality in adopted and municipality not in missing
    for party in ("Helse Møre og Romsdal HF", "Ørsta", "Haram"):
        assert party in missing and party not in adopted
    assert "Molde Kommunestyret, 19. september 2024" in adopted


def test_the_version_in_force_is_adopted_by_every_party(demo):
    html = get("/samarbeidsavtalen/").content.decode()
    in_force = section(html, "in-force-heading")
    assert "2019" in in_force and "1. juli 2019" in in_force
    assert "28 av 28 partar har vedteke versjonen" in in_force
    assert "Styret i Helse Møre og Romsdal HF" in in_force


def test_the_sub_agreements_are_listed_in_order_with_their_status(demo):
    plain = text(get("/samarbeidsavtalen/").content.decode())
    positions = [plain.index(f"Delavtale {n}:") for n in range(1, 6)]
    assert positions == sorted(positions)
    response = get("/samarbeidsavtalen/delavtale-1/")
    assert response.status_code == 200
    sub = text(response.content.decode())
    assert "Delavtale 1: Samarbeid om innlegging, utskriving" in sub
    assert "Demo:" in sub


def test_the_revision_plan_marks_milestones_done_late_and_upcoming(demo):
    html = get("/samarbeidsavtalen/").content.decode()
    late = re.findall(r'timeline__item--late">(.*?)</li>', html, re.S)
    done = re.findall(r'timeline__item--done">(.*?)</li>', html, re.S)
    assert len(late) == 1
    assert "Utkast til hovudavtale og delavtalar klart til høyring" in late[0]
    assert "Forseinka" in late[0]
    assert len(done) == 3
    assert "Status for revisjonen lagd fram for SSU" in text(" ".join(done))


def test_the_action_plan_shows_progress_per_status_and_flags_overdue_measures(demo):
    response = get("/handlingsplan/")
    assert response.status_code == 200
    html = response.content.decode()
    counts = dict(re.findall(r'progress-shares__item--(\w+)" data-count="(\d+)"', html))
    assert counts == {
        "not_started": "1",
        "in_progress": "3",
        "done": "1",
        "cancelled": "1",
        "overdue": "2",
    }
    e_health = section(html, "theme-1")
    assert "E-helse og teknologi" in e_health
    assert "Felles rutine for digital heimeoppfølging" in e_health
    assert "Møte i SSU 20. september 2023" in e_health  # the decision behind it
    # ... linked to the very case: SSU 12/2023 at the September meeting.
    assert re.search(
        r'<a class="ds-link" href="/utval/partnarskapsmotet/ssu/2023-09-20/#sak-12-2023">'
        r"SSU 12/2023 Felles handlingsplan",
        html,
    )
    assert 'href="/handlingsplan/"' in get("/samarbeidsavtalen/").content.decode()
    overdue = re.findall(r'class="measure measure--overdue">(.*?)</li>', html, re.S)
    assert len(overdue) == 2


def test_an_unpublished_agreement_is_not_found(demo):
    page = AgreementPage.objects.get(slug="delavtale-2")
    page.unpublish()
    assert get("/samarbeidsavtalen/delavtale-2/").status_code == 404
    assert "Delavtale 2:" not in text(get("/samarbeidsavtalen/").content.decode())


def test_an_unpublished_action_plan_is_not_found(demo):
    ActionPlanPage.objects.get(slug="handlingsplan").unpublish()
    assert get("/handlingsplan/").status_code == 404


def test_the_home_page_and_the_article_link_to_the_agreement(demo):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    assert agreement.get_parent().specific_class.__name__ == "HomePage"
    assert 'href="/samarbeidsavtalen/"' in get("/").content.decode()
    article = get("/nyhende/haustens-nyheiter-fra-helsefellesskapa/").content.decode()
    assert 'href="/samarbeidsavtalen/"' in article
