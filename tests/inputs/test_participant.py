"""The participant's input form on the private link of their sign-up."""

import pytest
from django.conf import settings
from django.test import Client

from samhandling.inputs.models import Input
from tests.conftest import HN_HOST
from tests.form_guard import guard_fields

from .factories import event, registration

pytestmark = pytest.mark.django_db


def client(language="nb") -> Client:
    visitor = Client(HTTP_HOST=HN_HOST)
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return visitor


def post(token, text, language="nb"):
    return client(language).post(f"/p/{token}/innspel/", {"text": text, **guard_fields()})


def test_the_manage_page_links_to_the_input_form(demo):
    page = event(days=10)
    _reg, token = registration(page)
    html = client("en").get(f"/p/{token}/").content.decode()
    assert f"/p/{token}/innspel/" in html and "Send input" in html


def test_a_participant_sends_input_and_sees_it_with_a_receipt(demo):
    page = event(days=10)
    reg, token = registration(page)
    response = post(token, "Bedre <b>samhandling</b> <script>alert(1)</script>\nNy linje")
    assert response.status_code == 302
    item = Input.objects.get(registration=reg)
    assert item.event_id == page.pk and item.source == "participant"
    response = client("en").get(response["Location"])
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "Thank you! Your input is sent." in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "Ny linje" in html
    # The manage page lists it too, escaped.
    manage = client("en").get(f"/p/{token}/").content.decode()
    assert "You have sent 1 input." in manage and "&lt;script&gt;alert(1)" in manage


def test_too_long_input_is_refused_clearly_and_nothing_is_saved(demo):
    page = event(days=10)
    reg, token = registration(page)
    response = post(token, "x" * 10_001, language="en")
    assert response.status_code == 400
    assert "at most 10,000 characters" in response.content.decode()
    assert not Input.objects.filter(registration=reg).exists()
    assert post(token, "x" * 10_000).status_code == 302


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_empty_and_control_characters_are_refused(demo, language):
    page = event(days=10)
    reg, token = registration(page)
    assert post(token, "   ", language).status_code == 400
    assert post(token, "ok\x00", language).status_code == 400
    assert not Input.objects.filter(registration=reg).exists()


def test_input_is_open_until_n_days_after_the_event_then_closed(demo, settings):
    settings.INPUTS_OPEN_DAYS_AFTER_EVENT = 14
    recent = event(days=-5)
    _reg, token = registration(recent)
    response = client("en").get(f"/p/{token}/innspel/")
    assert response.status_code == 200 and "<textarea" in response.content.decode()
    assert post(token, "Etter konferansen").status_code == 302
    old = event(days=-20)
    reg, token = registration(old)
    response = client("en").get(f"/p/{token}/innspel/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "no longer takes input" in html and "<textarea" not in html
    response = post(token, "For sent")
    assert response.status_code == 409
    assert not Input.objects.filter(registration=reg).exists()


def test_a_cancelled_sign_up_cannot_send(demo):
    page = event(days=10)
    reg, token = registration(page, status="cancelled")
    assert post(token, "Avmeldt").status_code == 409
    assert not Input.objects.filter(registration=reg).exists()


def test_unknown_token_is_404_and_other_site_is_404(demo):
    assert client().get("/p/tull/innspel/").status_code == 404
    assert post("tull", "x").status_code == 404
    assert client().get(f"/p/{'x' * 500}/innspel/").status_code == 404
    page = event(days=10)
    _reg, token = registration(page)
    other = Client(HTTP_HOST="more-og-romsdal.localhost")
    assert other.get(f"/p/{token}/innspel/").status_code == 404


def test_the_form_guard_refuses_a_bot(demo):
    page = event(days=10)
    reg, token = registration(page)
    response = client().post(f"/p/{token}/innspel/", {"text": "Bot", "website": "x"})
    assert response.status_code == 400
    assert not Input.objects.filter(registration=reg).exists()


def test_the_expired_manage_link_of_a_recent_event_still_offers_input(demo):
    page = event(days=-3)
    _reg, token = registration(page)
    response = client("en").get(f"/p/{token}/")
    assert response.status_code == 410
    assert f"/p/{token}/innspel/" in response.content.decode()
    old = event(days=-30)
    _reg, token = registration(old)
    assert "/innspel/" not in client("en").get(f"/p/{token}/").content.decode()
