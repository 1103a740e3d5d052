"""The committee structure's tree (committees and how many sit on each) is rendered once per day
and kept (`{% kept_for_page "committee-tree" daily %}`): a membership added, or one that ends,
shows at the next view."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from samhandling.committees.pages import CommitteeIndexPage
from tests.conftest import MR_HOST

from .factories import MembershipFactory, committee

COUNT = re.compile(r'committee-tree__title"[^>]*>Kvalitetsutvalet</a>\s*<p[^>]*>[^<]*· (\d+) ')


def _structure():
    return next(i for i in CommitteeIndexPage.objects.live() if i.get_site().hostname == MR_HOST)


def _members_shown(structure) -> int:
    html = Client(HTTP_HOST=MR_HOST, HTTP_COOKIE="django_language=en").get(structure.url)
    found = COUNT.search(html.content.decode())
    return int(found.group(1)) if found else 0


@pytest.mark.django_db
def test_a_membership_added_and_one_ending_show_in_the_tree(demo, monkeypatch):
    structure = _structure()
    page = committee(structure, slug="kvalitetsutvalet", title="Kvalitetsutvalet")
    assert _members_shown(structure) == 0
    today = timezone.localdate()
    MembershipFactory(committee=page)
    leaving = MembershipFactory(committee=page, term_end=today)
    assert _members_shown(structure) == 2
    assert _members_shown(structure) == 2  # kept
    tomorrow = today + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert _members_shown(structure) == 1  # the term ended yesterday
    assert leaving.pk
