"""A page served from the cache carries the same headers as the page rendered afresh (the
security headers above all: the page cache middleware sits before the CSP, Permissions-Policy
and X-Frame-Options middleware and keeps what they add with the entry), the language the visitor
would get, and never skips what must run first (the HTTPS redirect) or what is waiting for the
visitor (a message)."""

import pytest
from django.test import Client

from samhandling.organisations.models import HealthCommunity

from .helpers import HN_HOST, MR_HOST, committed, view

pytestmark = pytest.mark.django_db

PAGES = [("/", MR_HOST), ("/", HN_HOST), ("/utval/", MR_HOST), ("/personvern/", MR_HOST)]
# What differs between a miss and a hit by design: the marker, and the s-maxage left.
EXPECTED_TO_DIFFER = {"x-page-cache", "cache-control"}
SECURITY_HEADERS = {
    "content-security-policy",
    "permissions-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
}


def _headers(response) -> dict[str, str]:
    return {
        name.lower(): value
        for name, value in response.headers.items()
        if name.lower() not in EXPECTED_TO_DIFFER
    }


@pytest.mark.parametrize(("path", "host"), PAGES)
def test_a_hit_carries_the_headers_of_the_page_rendered_afresh(demo, cache_on, path, host):
    cache_on.PAGE_CACHE = False
    uncached = view(path, host)
    cache_on.PAGE_CACHE = True
    miss = view(path, host)
    hit = view(path, host)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert _headers(hit) == _headers(miss) == _headers(uncached)
    assert set(_headers(hit)) >= SECURITY_HEADERS, set(_headers(hit))
    assert "'nonce-" not in hit["Content-Security-Policy"]
    assert hit.content == miss.content
    assert hit["Cache-Control"].startswith("public, max-age=0, s-maxage=")


def test_without_a_language_cookie_a_hit_is_in_the_communitys_language_until_it_changes(
    demo, cache_on, django_capture_on_commit_callbacks
):
    assert '<html lang="nn"' in view("/", MR_HOST).content.decode()
    hit = view("/", MR_HOST)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Content-Language"] == "nn"
    community = HealthCommunity.objects.get(site__hostname=MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        community.default_language = "nb"
        community.save()
    fresh = view("/", MR_HOST)
    assert fresh.get("X-Page-Cache") != "hit"
    assert '<html lang="nb"' in fresh.content.decode()
    assert fresh["Content-Language"] == "nb"
    again = view("/", MR_HOST)
    assert again["X-Page-Cache"] == "hit"
    assert '<html lang="nb"' in again.content.decode()
    # A visitor who chose nynorsk still gets it.
    assert '<html lang="nn"' in view("/", MR_HOST, django_language="nn").content.decode()


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(demo, cache_on):
    view("/", MR_HOST)
    assert view("/", MR_HOST)["X-Page-Cache"] == "hit"
    client = Client()
    client.cookies["messages"] = "anything"
    response = client.get("/", HTTP_HOST=MR_HOST)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") != "hit"
    assert "private" in response["Cache-Control"]


def test_the_https_redirect_comes_before_the_cache(demo, cache_on):
    view("/", MR_HOST)
    assert view("/", MR_HOST)["X-Page-Cache"] == "hit"
    cache_on.SECURE_SSL_REDIRECT = True
    response = Client().get("/", HTTP_HOST=MR_HOST)
    assert response.status_code == 301
    assert response["Location"] == f"https://{MR_HOST}/"
    secure = Client().get("/", HTTP_HOST=MR_HOST, secure=True)
    assert secure.status_code == 200
