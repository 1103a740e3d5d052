"""The agreement page's status is rendered once and kept (`{% kept_for_page "agreement" daily %}`):
what a visitor sees must still follow every change at once, without the page cache."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from samhandling.agreements.plans import Milestone
from samhandling.agreements.versions import Adoption, AgreementVersion
from samhandling.organisations.models import HealthCommunity
from tests.conftest import MR_HOST

PATH = "/samarbeidsavtalen/"
ADOPTED = re.compile(r"Adopted by (\d+) of (\d+)")


def _view() -> str:
    response = Client(HTTP_HOST=MR_HOST, HTTP_COOKIE="django_language=en").get(PATH)
    assert response.status_code == 200
    return response.content.decode()


def _adopted(html: str) -> int:
    return sum(int(n) for n, _total in ADOPTED.findall(html))


def _latest_version():
    return AgreementVersion.objects.filter(agreement__url_path__endswith=PATH).order_by("-pk")[0]


@pytest.mark.django_db
def test_an_adoption_recorded_or_taken_back_shows_at_once(demo):
    _view()
    before = _adopted(_view())  # the second view: from the kept status
    version = _latest_version()
    community = HealthCommunity.objects.get(site=demo[MR_HOST])
    party = community.members.exclude(agreement_adoptions__version=version).first()
    adoption = Adoption.objects.create(
        version=version, organisation=party, adopted_on=dt.date.today()
    )
    assert _adopted(_view()) == before + 1
    adoption.delete()
    assert _adopted(_view()) == before


@pytest.mark.django_db
def test_a_new_version_shows_at_once(demo):
    html = _view()
    assert "Versjon 2099" not in html
    agreement = _latest_version().agreement
    AgreementVersion.objects.create(
        agreement=agreement, label="Versjon 2099", dated=dt.date(2099, 1, 1), status="draft"
    )
    assert "Versjon 2099" in _view()


@pytest.mark.django_db
def test_a_milestone_past_its_date_shows_as_late_from_the_next_day(demo, monkeypatch):
    today = timezone.localdate()
    agreement = _latest_version().agreement.specific
    milestone = Milestone.objects.create(
        agreement=agreement, title="Revidere kapittel 9", due=today, sort_order=99
    )
    agreement.save_revision().publish()  # as an editor adds a milestone
    item = re.compile(r'timeline__item--(\w+)">(?:(?!</li>).)*Revidere kapittel 9', re.S)
    assert item.search(_view()).group(1) == "upcoming"
    assert item.search(_view()).group(1) == "upcoming"  # kept
    tomorrow = today + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert item.search(_view()).group(1) == "late"
    assert Milestone.objects.filter(pk=milestone.pk).exists()
