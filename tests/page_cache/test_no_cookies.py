"""No cookie on an anonymous GET: every public page type of the demo answers GET and HEAD
without Set-Cookie and with a Cache-Control that lets a shared cache keep it; pages whose whole
purpose is a form keep their CSRF token and are never shared."""

from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.browser.page_types import TROMSO, public_page_types
from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db


def _page_types():
    hosts = SimpleNamespace(mr=f"http://{MR_HOST}", hn=f"http://{HN_HOST}")
    return {
        **public_page_types(hosts),
        "privacy": f"{hosts.mr}/personvern/",
        "event-index-filtered": f"{hosts.hn}/arrangementer/?stad=Tromsø",
        "hearing-index-filtered": f"{hosts.mr}/hoyringar/?status=open",
    }


def _get(client, url, method="get"):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return getattr(client, method)(path, HTTP_HOST=parts.hostname)


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("method", ["get", "head"])
def test_every_public_page_type_sets_no_cookie_and_may_be_shared(demo, method, settings):
    settings.PAGE_CACHE_SECONDS = 300
    shared = []
    for name, url in _page_types().items():
        client = Client()
        response = _get(client, url, method)
        assert not response.cookies, f"{name} ({url}) sets {list(response.cookies)}"
        assert "Set-Cookie" not in response.headers, name
        if name == "not-found":
            assert response.status_code == 404
            assert "private" in _cache_control(response), name
            continue
        assert response.status_code == 200, name
        assert {"public", "max-age=0"} <= _cache_control(response), (
            name,
            response["Cache-Control"],
        )
        assert any(part.startswith("s-maxage=") for part in _cache_control(response)), name
        shared.append(name)
        if method == "get":
            assert b"csrfmiddlewaretoken" not in response.content, name
    assert len(shared) == len(_page_types()) - 1


def test_pages_in_another_language_set_no_cookie_either(demo):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_HOST=MR_HOST)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert not response.cookies
    assert "public" in _cache_control(response)


def test_the_event_page_links_to_the_sign_up_page_which_keeps_its_csrf_token(demo):
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(url_path__endswith="/dialogkonferanse-tromso/")
    page = Client().get(TROMSO, HTTP_HOST=HN_HOST)
    signup_url = f"/arrangement/{event.pk}/pamelding/"
    # No form that posts with a CSRF token (the footer's subscribe form posts without one).
    assert b"csrfmiddlewaretoken" not in page.content
    assert b'name="organisation"' not in page.content
    assert f'href="{signup_url}"'.encode() in page.content
    assert not page.cookies

    form_page = Client().get(signup_url, HTTP_HOST=HN_HOST)
    assert form_page.status_code == 200
    assert b"csrfmiddlewaretoken" in form_page.content
    assert "csrftoken" in form_page.cookies
    assert "public" not in _cache_control(form_page)
    assert "s-maxage" not in form_page.get("Cache-Control", "")


def test_a_visitor_with_a_session_gets_private_pages(demo, admin_client):
    response = admin_client.get("/", HTTP_HOST=MR_HOST)
    assert response.status_code == 200
    assert "private" in _cache_control(response)
    assert "public" not in _cache_control(response)
