"""Pictures where people would rather look than read: the share of parties that have adopted a
version and of measures done, as bars drawn on the server with their figures in text, and long
lists of parties collapsed behind their count (<details>, no JavaScript)."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from samhandling.agreements.models import ActionPlanPage
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db

SUB_AGREEMENT = "/samarbeidsavtalen/delavtale-2/"
AGREEMENT = "/samarbeidsavtalen/"
PLAN = "/handlingsplan/"


def html_of(path: str, language: str | None = None) -> str:
    client = Client(HTTP_HOST=MR_HOST)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def bars(html: str) -> list[tuple[str, str]]:
    """(label, figures) of each share bar, and that each bar's fill is as wide as its share."""
    found = []
    for block in re.findall(r'<div class="share-bar share-bar--\w+">(.*?)</div>', html, re.S):
        label = re.search(r'share-bar__label">(.*?)</span>', block)
        figures = re.search(r'share-bar__figures">(.*?)</span>', block).group(1)
        percent = re.search(r"\((\d+)\s?%\)", figures.replace("\xa0", " ")).group(1)
        assert f'class="share-bar__fill" width="{percent}"' in block
        assert 'aria-hidden="true"' in block  # the text says it; the picture is decoration
        found.append((text(label.group(1)).strip() if label else "", figures))
    return found


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nn", "4 av 28 (14\xa0%)"), ("nb", "4 av 28 (14\xa0%)"), ("en", "4 of 28 (14%)")],
)
def test_the_share_bar_says_its_figures_in_the_language(language, expected):
    with translation.override(language):
        html = render_to_string(
            "core/includes/share_bar.html", {"value": 4, "total": 28, "label": "Vedteke"}
        )
    assert bars(html) == [("Vedteke", expected)]
    assert 'width="14"' in html


def test_the_share_bar_of_nothing_is_empty_not_an_error():
    with translation.override("en"):
        html = render_to_string("core/includes/share_bar.html", {"value": 0, "total": 0})
    assert bars(html) == [("", "0 of 0 (0%)")]


def test_the_sub_agreement_shows_the_share_that_has_adopted_and_collapses_the_rest(demo):
    html = html_of(SUB_AGREEMENT)
    shares = bars(html)
    assert ("4 av 28 partar har vedteke versjonen", "4 av 28 (14\xa0%)") in shares
    # 24 parties are not listed line by line on the page: they are behind their count.
    missing = html[html.index('aria-labelledby="latest-missing"') :]
    missing = missing[: missing.index("</section>")]
    assert re.search(
        r'<details class="ds-details collapsed-list"><summary>Vis dei 24 som ikkje har vedteke'
        r"</summary>",
        missing,
    )
    assert missing.index("<details") < missing.index(">Helse Møre og Romsdal HF</")
    # The four that have adopted are few enough to show.
    adopted = html[html.index('aria-labelledby="latest-adopted"') :]
    assert "<details" not in adopted[: adopted.index("</section>")]


def test_each_version_has_its_bar(demo):
    html = html_of(AGREEMENT)
    shares = dict(bars(html))
    assert shares["Revidert utkast 2024 (Under forhandling)"] == "0 av 28 (0\xa0%)"
    assert shares["2019 (Gjeldande)"] == "28 av 28 (100\xa0%)"
    assert "Adopted by the parties, per version" in text(html_of(AGREEMENT, "en"))


def test_the_version_in_force_shows_its_bar_and_hides_its_28_parties(demo):
    html = html_of(AGREEMENT)
    in_force = html[html.index('aria-labelledby="in-force-heading"') :]
    in_force = in_force[: in_force.index("</section>\n")]
    assert ("28 av 28 partar har vedteke versjonen", "28 av 28 (100\xa0%)") in bars(in_force)
    assert "<summary>Kven som har vedteke versjonen</summary>" in in_force
    assert "Vis dei 28 som har vedteke" in in_force


def test_the_action_plan_shows_the_share_done_and_per_status(demo):
    html = html_of(PLAN)
    shares = bars(html)
    assert shares[0] == ("Fullførte tiltak", "1 av 6 (17\xa0%)")
    per_status = dict(shares[1:])
    assert per_status == {
        "Ikkje starta": "1 av 6 (17\xa0%)",
        "I gang": "3 av 6 (50\xa0%)",
        "Fullført": "1 av 6 (17\xa0%)",
        "Avbrote": "1 av 6 (17\xa0%)",
        "Over fristen": "2 av 6 (33\xa0%)",
    }
    en = dict(bars(html_of(PLAN, "en")))
    assert en["Measures done"] == "1 of 6 (17%)" and en["In progress"] == "3 of 6 (50%)"


def test_an_action_plan_without_measures_draws_no_bars(demo):
    plan = ActionPlanPage.objects.get(slug="handlingsplan")
    plan.measures.all().delete()
    html = html_of(PLAN, "en")
    assert bars(html) == []
    assert "The plan has no measures yet." in text(html)
