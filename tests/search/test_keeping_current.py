"""The index follows the content: publishing, unpublishing, moving, deleting pages, private pages,
and changes to people and memberships, once they are committed."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from samhandling.core.pages import StandardPage

from .conftest import HN_HOST, MR_HOST, search

pytestmark = pytest.mark.django_db


def _home(host=MR_HOST):
    from wagtail.models import Site

    return Site.objects.get(hostname=host).root_page


def _new_page(parent, *, title, lead="", live=True):
    page = StandardPage(title=title, lead=lead, live=live, locale=parent.locale)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def test_an_unpublished_page_is_not_found_until_it_is_published(demo, indexed):
    with indexed():
        draft = _new_page(_home(), title="Utkast om fjordkryssinga", live=False)
        draft.save_revision()
    assert search("fjordkryssinga").results == []
    with indexed():
        draft.save_revision().publish()
    result = search("fjordkryssinga").first("Utkast om fjordkryssinga")
    assert result.type == "Side"
    assert result.url == "/utkast-om-fjordkryssinga/"
    with indexed():
        Page.objects.get(pk=draft.pk).specific.unpublish()
    assert search("fjordkryssinga").results == []


def test_pages_below_an_unpublished_page_disappear_and_come_back(demo, indexed):
    with indexed():
        parent = _new_page(_home(), title="Temaside om beredskap")
        _new_page(parent, title="Underside om øvingsplanane")
    assert search("øvingsplan").titles == ["Underside om øvingsplanane"]
    with indexed():
        parent.unpublish()
    assert search("øvingsplan").results == []
    with indexed():
        parent.save_revision().publish()
    assert search("øvingsplan").titles == ["Underside om øvingsplanane"]


def test_a_private_page_is_not_found(demo, indexed):
    with indexed():
        page = _new_page(_home(), title="Internt notat om turnusordninga")
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
        page.save_revision().publish()
    assert search("turnusordninga").results == []


def test_a_changed_title_is_found_and_the_old_one_is_not(demo, indexed):
    with indexed():
        page = _new_page(_home(), title="Gamal tittel om kaiområdet")
    with indexed():
        page.title = "Ny tittel om hamneområdet"
        page.save_revision().publish()
    assert search("kaiområdet").results == []
    assert search("hamneområdet").titles == ["Ny tittel om hamneområdet"]


def test_a_moved_page_is_found_at_its_new_address(demo, indexed):
    with indexed():
        first = _new_page(_home(), title="Forelder ein")
        second = _new_page(_home(), title="Forelder to")
        child = _new_page(first, title="Sida om flyttelasset")
    with indexed():
        Page.objects.get(pk=child.pk).move(second, pos="last-child")
    result = search("flyttelasset").first("Sida om flyttelasset")
    assert result.url == "/forelder-to/sida-om-flyttelasset/"


def test_a_page_moved_to_another_site_is_found_there_only(demo, indexed):
    with indexed():
        page = _new_page(_home(), title="Sida om nordlysturane")
    with indexed():
        Page.objects.get(pk=page.pk).move(_home(HN_HOST), pos="last-child")
    assert search("nordlysturane").results == []
    assert search("nordlysturane", host=HN_HOST).titles == ["Sida om nordlysturane"]


def test_a_deleted_page_is_gone(demo, indexed):
    with indexed():
        page = _new_page(_home(), title="Sida om snøskredvarselet")
    assert search("snøskredvarsel").results
    with indexed():
        Page.objects.get(pk=page.pk).delete()
    assert search("snøskredvarsel").results == []


def test_inflections_and_compounds_in_nynorsk_and_bokmal(demo, indexed):
    with indexed():
        _new_page(_home(), title="Møteplanen for hausten", lead="Når kjem møtet?")
        _new_page(_home(), title="Tenesteavtalane", lead="Nynorsk fleirtal.")
        _new_page(_home(), title="Tjenesteavtalene", lead="Bokmål flertall.")
    assert {"Møteplanen for hausten"} <= set(search("møte").titles)
    titles = set(search("avtale").titles)
    assert {"Tenesteavtalane", "Tjenesteavtalene"} <= titles


def test_a_title_hit_ranks_above_a_hit_in_the_text(demo, indexed):
    with indexed():
        _new_page(_home(), title="Sida nemner berre i teksten", lead="Om kvalitetsløftet her.")
        _new_page(_home(), title="Kvalitetsløftet")
    assert search("kvalitetsløftet").titles[:2] == [
        "Kvalitetsløftet",
        "Sida nemner berre i teksten",
    ]


def test_a_new_member_is_found_with_the_committee(demo, indexed):
    from samhandling.committees.choices import MemberRole, Represents
    from samhandling.committees.pages import CommitteePage
    from samhandling.committees.people import Membership, Person

    ssu = CommitteePage.objects.get(short_name="SSU")
    with indexed():
        person = Person.objects.create(name="Solfrid Nygårdsvik", title="Kommuneoverlege")
        membership = Membership.objects.create(
            person=person,
            committee=ssu,
            role=MemberRole.MEMBER,
            represents=Represents.MUNICIPALITIES,
            term_start=datetime.date(2023, 1, 1),
        )
    page = search("Nygårdsvik")
    assert page.first("Solfrid Nygårdsvik").context == [ssu.title]
    assert ssu.title in page.titles  # the committee lists its members
    with indexed():
        membership.delete()
    assert search("Nygårdsvik").results == []


def test_a_person_of_an_unpublished_committee_only_is_not_found(demo, indexed):
    from samhandling.committees.pages import CommitteePage

    lsu = CommitteePage.objects.get(slug="lsu-volda")
    assert "Trude Ødegård" in search("Trude Ødegård").titles  # also in Kristiansund
    assert "Gunn Strand" in search("Gunn Strand").titles
    with indexed():
        CommitteePage.objects.get(slug="lsu-molde").unpublish()
    assert "Gunn Strand" not in search("Gunn Strand").titles
    assert lsu.live


def test_rebuilding_gives_the_same_results(demo):
    before = search("avtale").titles
    call_command("search_rebuild", verbosity=0)
    assert search("avtale").titles == before


def test_a_rolled_back_change_is_not_indexed(demo, indexed):
    from django.db import transaction

    with indexed():
        try:
            with transaction.atomic():
                _new_page(_home(), title="Sida om angreknappen")
                raise RuntimeError
        except RuntimeError:
            pass
    assert search("angreknappen").results == []
