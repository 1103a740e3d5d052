"""The remembered route of an address (core/page_routes.py) never outlives what it points to:
an unpublished page, a page below an unpublished committee, a renamed page and a new
view restriction answer as Wagtail would, on the very next request."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from samhandling.committees.pages import CommitteeIndexPage, CommitteePage
from samhandling.core.pages import StandardPage
from tests.committees.factories import MembershipFactory, PersonFactory, committee
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


def get(path: str):
    return Client(HTTP_HOST=MR_HOST).get(path)


def content_page(slug: str = "rute-test") -> StandardPage:
    home = Site.objects.get(hostname=MR_HOST).root_page
    page = StandardPage(title="Rutetest", slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_unpublished_page_answers_404_on_the_next_request(demo):
    page = content_page()
    assert get("/rute-test/").status_code == 200
    assert get("/rute-test/").status_code == 200  # from the remembered route
    page.unpublish()
    assert get("/rute-test/").status_code == 404


def test_a_renamed_page_moves_to_its_new_address(demo):
    page = content_page()
    assert get("/rute-test/").status_code == 200
    page.slug = "rute-ny"
    page.save_revision().publish()
    assert get("/rute-test/").status_code == 404
    assert "Rutetest" in get("/rute-ny/").content.decode()


def test_a_committee_below_an_unpublished_committee_is_hidden(demo):
    ssu = CommitteePage.objects.get(slug="ssu", url_path__contains="more-og-romsdal")
    parent = committee(ssu, slug="rute-over", title="Rute over")
    child = committee(parent, slug="rute-under", title="Rute under")
    address = child.relative_url(child.get_site())
    assert get(address).status_code == 200
    assert get(address).status_code == 200
    parent.unpublish()
    assert get(address).status_code == 404


def test_a_view_restriction_applies_on_the_next_request(demo):
    page = content_page()
    assert get("/rute-test/").status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmeleg"
    )
    answer = get("/rute-test/")
    assert answer.status_code == 200 and "Rutetest" not in answer.content.decode()
    assert 'type="password"' in answer.content.decode()


def test_person_pages_are_routed_through_the_committee_structure(demo):
    index = CommitteeIndexPage.objects.get(url_path__contains="more-og-romsdal")
    ssu = CommitteePage.objects.get(slug="ssu", url_path__contains="more-og-romsdal")
    person = PersonFactory(name="Rute Person")
    MembershipFactory(committee=ssu, person=person)
    base = index.relative_url(index.get_site())
    assert get(base).status_code == 200  # the structure page's route is remembered
    address = base + index.reverse_subpage("person", args=[person.pk])
    assert "Rute Person" in get(address).content.decode()
    assert get(base + "person/999999999/").status_code == 404
    assert get(base + "finst-ikkje/").status_code == 404


def test_a_sub_address_of_a_routable_page_writes_nothing_to_the_cache(demo, monkeypatch):
    """A person page answers through its committee structure page, whose address is remembered
    already: the request reads the version and writes nothing."""
    from django.core.cache import cache

    index = CommitteeIndexPage.objects.get(url_path__contains="more-og-romsdal")
    ssu = CommitteePage.objects.get(slug="ssu", url_path__contains="more-og-romsdal")
    person = PersonFactory(name="Rute Person")
    MembershipFactory(committee=ssu, person=person)
    base = index.relative_url(index.get_site())
    address = base + index.reverse_subpage("person", args=[person.pk])
    assert get(address).status_code == 200
    written = []
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: written.append(key))
    assert "Rute Person" in get(address).content.decode()
    assert written == []
