"""An id beyond what the database can hold (above 2**63 - 1) is "not found", on SQLite as on
PostgreSQL: SQLite cannot compare a column with such a number and used to answer 500."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from samhandling.core.ids import MAX_DATABASE_ID, parse_id
from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db

HUGE = [2**63, 10**30]

PUBLIC = [
    "/arrangement/{id}/pamelding/",
    "/arrangement/{id}.ics",
    "/dokument/{id}/paper.pdf",
    "/dokument/authenticate_with_password/{id}/",
    "{committees}person/{id}/",
    "/organisasjonar/{id}/",
    "/organisasjonar/{id}-namn/",
]
API = [
    "/api/events/{id}",
    "/api/committees/{id}",
    "/api/meetings/{id}",
    "/api/agreements/{id}",
    "/api/measures/{id}",
    "/api/organisations/{id}",
    "/api/news/{id}",
]
ADMIN = [
    "/admin/events/registration/{id}/move/",
    "/admin/events/registration/{id}/attended/",
    "/admin/events/registration/{id}/cancel/",
    "/admin/events/series/{id}/quota/",
    "/admin/events/event/{id}/check-in/",
    "/admin/events/event/{id}/export/",
    "/admin/events/event/{id}/badges/",
    "/admin/events/event/{id}/notify/",
    "/admin/events/event/{id}/notify-cancelled/",
    "/admin/events/{id}/message/",
    "/admin/committees/meeting/{id}/publish-minutes/",
    "/admin/pages/{id}/",
    "/admin/pages/{id}/edit/",
    "/admin/snippets/events/registration/edit/{id}/",
]


def committees():
    """The host and path of a committee structure page (its person pages are below it)."""
    from samhandling.committees.models import CommitteeIndexPage

    page = CommitteeIndexPage.objects.live().first()
    return page.get_site().hostname, page.get_url_parts()[2]


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("address", PUBLIC)
def test_a_public_address_with_a_huge_id_is_not_found(demo, address, number):
    host, committees_path = committees()
    url = address.format(id=number, committees=committees_path)
    visitor = Client(HTTP_HOST=host)
    assert visitor.get(url).status_code == 404
    assert visitor.post(url, {"name": "x"}).status_code in (404, 405)


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("address", API)
def test_an_api_object_with_a_huge_id_is_not_found(demo, address, number):
    response = Client(HTTP_HOST=MR_HOST).get(address.format(id=number))
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikkje funne."} or "detail" in response.json()


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("address", ADMIN)
def test_an_admin_address_with_a_huge_id_is_not_found(admin_client, demo, address, number):
    assert admin_client.get(address.format(id=number)).status_code == 404


def test_the_largest_id_is_simply_not_found(demo):
    visitor = Client(HTTP_HOST=HN_HOST)
    assert visitor.get(f"/arrangement/{MAX_DATABASE_ID}/pamelding/").status_code == 404
    assert visitor.get(f"/api/events/{MAX_DATABASE_ID}").status_code == 404


def test_an_api_site_parameter_that_is_no_id_is_not_found(demo):
    visitor = Client(HTTP_HOST=MR_HOST)
    for site in (str(10**30), "²", "a\x00b"):
        assert visitor.get("/api/committees", {"site": site}).status_code == 404


def test_parse_id_takes_only_what_a_row_can_have():
    assert parse_id("42") == 42 and parse_id(f" {MAX_DATABASE_ID} ") == MAX_DATABASE_ID
    for text in ("0", "-1", str(2**63), "9" * 5000, "٣", "²", "1e3", ""):
        assert parse_id(text) is None


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def test_every_project_address_with_an_id_uses_the_id_converter():
    """So that an address added later cannot bring the 500 back: none of the project's own
    views takes an id through Django's unbounded `<int:…>`."""
    not_ids = {"core_mail_attachment"}  # the number of an attachment in a stored e-mail
    offenders = [
        route
        for route, entry in _patterns(get_resolver())
        if getattr(entry.callback, "__module__", "").startswith("samhandling")
        and entry.name not in not_ids
        and any(isinstance(c, IntConverter) for c in entry.pattern.converters.values())
    ]
    assert offenders == []
