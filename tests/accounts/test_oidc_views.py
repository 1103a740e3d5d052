"""The public login's pages without a provider: the chooser and the footer's link, `next`, an
unknown provider, a callback without a login, the rate limit, logged-in pages and the page
cache, the demo's password login and its refusal in production (system check)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.test import Client

from samhandling.accounts import oidc_accounts
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db

ENTRY = {
    "title": "ID-porten",
    "issuer": "https://idporten.example",
    "client_id": "samhandling",
    "client_secret": "not-a-secret",
    "client_auth": "client_secret_basic",
}


@pytest.fixture
def configured(settings):
    settings.OIDC_PROVIDERS = {"idporten": ENTRY, "helseid": {**ENTRY, "title": "HelseID"}}
    return settings


def test_chooser_lists_the_configured_providers_and_keeps_a_safe_next(configured):
    response = Client().get("/innlogging/?next=/arrangement/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/innlogging/start/idporten/?next=/arrangement/"' in page
    assert 'href="/innlogging/start/helseid/?next=/arrangement/"' in page
    assert 'href="/admin/"' in page  # the staff's own login
    assert "no-store" in response["Cache-Control"]


def test_chooser_drops_a_next_to_another_site(configured):
    page = Client().get("/innlogging/?next=https://evil.example/").content.decode()
    assert 'href="/innlogging/start/idporten/"' in page  # no next: the front page afterwards


def test_the_footer_links_to_the_chooser(demo):
    page = Client().get("/", HTTP_HOST=MR_HOST).content.decode()
    assert 'href="/innlogging/"' in page


def test_unknown_provider_is_a_page_not_a_500(configured):
    response = Client().get("/innlogging/start/nope/")
    assert response.status_code == 404
    assert b"<h1" in response.content


def test_unreachable_provider_is_a_page_not_a_500(configured, settings):
    settings.OIDC_PROVIDERS["idporten"] = {**ENTRY, "issuer": "http://127.0.0.1:9"}
    settings.OIDC_PROVIDERS["idporten"]["allow_http"] = True
    settings.OIDC_HTTP_TIMEOUT = 2
    response = Client().get("/innlogging/start/idporten/")
    assert response.status_code == 400


def test_callback_without_a_started_login(configured):
    response = Client().get("/innlogging/tilbake/?state=abc&code=def")
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]


def test_start_and_callback_are_rate_limited(configured, settings):
    settings.SAMHANDLING_RATE_LIMITS = {
        **settings.SAMHANDLING_RATE_LIMITS,
        "login": {"client": "3/m"},
    }
    client = Client()
    statuses = [client.get("/innlogging/tilbake/?state=x").status_code for _ in range(3)]
    assert statuses == [400, 400, 400]
    assert client.get("/innlogging/tilbake/?state=x").status_code == 429
    assert client.get("/innlogging/start/idporten/").status_code == 429


def _public_user():
    user = get_user_model().objects.create_user("kontakt-test", password="samhandling-demo")
    return user


def test_a_logged_in_public_user_is_never_served_from_the_page_cache(demo, settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SECONDS = 300
    anonymous = Client()
    first = anonymous.get("/", HTTP_HOST=MR_HOST)
    assert "public" in first["Cache-Control"]
    assert anonymous.get("/", HTTP_HOST=MR_HOST)["X-Page-Cache"] == "hit"
    user = _public_user()
    logged_in = Client()
    logged_in.force_login(user)
    response = logged_in.get("/", HTTP_HOST=MR_HOST)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "public" not in response["Cache-Control"]
    chooser = logged_in.get("/innlogging/", HTTP_HOST=MR_HOST)
    assert "no-store" in chooser["Cache-Control"]
    assert b"/innlogging/logg-ut/" in chooser.content


def test_logout_without_a_provider_session_ends_the_session(configured):
    client = Client()
    client.force_login(_public_user())
    response = client.post("/innlogging/logg-ut/")
    assert response.status_code == 302 and response["Location"] == "/innlogging/utlogga/"
    assert "_auth_user_id" not in client.session


def test_demo_login_is_off_by_default(settings):
    settings.SAMHANDLING_DEMO_LOGIN = False
    assert Client().get("/innlogging/demo/").status_code == 404


def test_demo_login_logs_in_a_contact(settings):
    settings.SAMHANDLING_DEMO_LOGIN = True
    _public_user()
    client = Client()
    assert client.get("/innlogging/demo/").status_code == 200
    response = client.post(
        "/innlogging/demo/",
        {"username": "kontakt-test", "password": "samhandling-demo", "next": "/innlogging/"},
    )
    assert response.status_code == 302 and response["Location"] == "/innlogging/"
    assert client.session["_auth_user_id"]


def test_demo_login_refuses_staff_and_wrong_passwords(settings):
    settings.SAMHANDLING_DEMO_LOGIN = True
    get_user_model().objects.create_user("sekr", password="samhandling-demo", is_staff=True)
    _public_user()
    client = Client()
    for username, password in [("sekr", "samhandling-demo"), ("kontakt-test", "wrong")]:
        response = client.post("/innlogging/demo/", {"username": username, "password": password})
        assert response.status_code == 400
        assert "_auth_user_id" not in client.session


def test_demo_login_is_refused_where_the_demo_is_not_allowed(settings):
    settings.SAMHANDLING_DEMO_LOGIN = True
    settings.SAMHANDLING_DEMO_ALLOWED = False
    assert "accounts.E001" in {message.id for message in run_checks()}
    settings.SAMHANDLING_DEMO_ALLOWED = True
    assert "accounts.E001" not in {message.id for message in run_checks()}
    deploy = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "accounts.W001" in deploy


def test_a_misconfigured_provider_fails_the_checks(settings):
    settings.OIDC_PROVIDERS = {"x": {"issuer": "https://x.example"}}
    assert "accounts.E002" in {message.id for message in run_checks()}


def test_the_logout_hint_is_sealed():
    sealed = oidc_accounts.seal_id_token("header.payload-with-pid.signature")
    assert "payload" not in sealed
    assert oidc_accounts.open_id_token(sealed) == "header.payload-with-pid.signature"
    assert oidc_accounts.open_id_token(sealed[:-3] + "abc") is None
    assert oidc_accounts.open_id_token("") is None


def test_demo_login_failures_count_in_axes(settings):
    settings.SAMHANDLING_DEMO_LOGIN = True
    settings.AXES_FAILURE_LIMIT = 3
    _public_user()
    client = Client()
    for _ in range(3):
        client.post("/innlogging/demo/", {"username": "kontakt-test", "password": "wrong"})
    response = client.post(
        "/innlogging/demo/", {"username": "kontakt-test", "password": "samhandling-demo"}
    )
    assert response.status_code == 429  # locked out, even with the right password
    assert "_auth_user_id" not in client.session


def test_production_settings_refuse_the_demo_login():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "samhandling.settings.production"}
    for line in (root / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            env[name] = value.strip('"')
    env["SAMHANDLING_DEMO_LOGIN"] = "true"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SAMHANDLING_DEMO_LOGIN must not be on in production" in result.stderr
