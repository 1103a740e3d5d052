"""Logins the real provider's answer must not complete: a wrong audience or issuer, an expired ID
token, a replayed state or code, a missing or too low acr. Each is a page of ours (400/403, in
the visitor's language) with the reason in the log, and nobody is logged in."""

import logging
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import requests

from samhandling.accounts.models import ExternalIdentity, ExternalSession

from .conftest import follow_to_callback, login


def _refused(response, status, caplog, reason):
    assert response.status_code == status, response.text[:300]
    assert "<h1" in response.text and "Traceback" not in response.text
    assert "no-store" in response.headers["Cache-Control"]
    assert any(f"login refused ({reason})" in record.getMessage() for record in caplog.records)
    assert not ExternalIdentity.objects.exists()
    assert not ExternalSession.objects.exists()


@pytest.fixture
def caplog_oidc(caplog):
    caplog.set_level(logging.WARNING, logger="samhandling.accounts.oidc")
    return caplog


def test_wrong_audience(providers, caplog_oidc):
    providers.tamper(aud="someone-else")
    response = login(requests.Session(), providers, "idporten")
    _refused(response, 403, caplog_oidc, "audience")


def test_wrong_issuer_in_the_id_token(providers, caplog_oidc):
    providers.tamper(iss="https://evil.example")
    response = login(requests.Session(), providers, "idporten")
    _refused(response, 403, caplog_oidc, "issuer")


def test_wrong_issuer_in_the_authorization_response(providers, caplog_oidc):
    """RFC 9207 (a mix-up): the callback names another issuer than the one the login began with."""
    browser = requests.Session()
    callback = follow_to_callback(
        browser, f"{providers.base_url}/innlogging/start/idporten/", providers.base_url
    )
    parts = urlsplit(callback)
    query = dict(parse_qsl(parts.query))
    query["iss"] = "https://evil.example"
    response = browser.get(urlunsplit(parts._replace(query=urlencode(query))), timeout=20)
    _refused(response, 403, caplog_oidc, "issuer")


def test_discovery_of_another_issuer_is_refused(providers, settings, caplog_oidc):
    """The entry says localhost, the provider's document says 127.0.0.1: not the same issuer."""
    settings.OIDC_PROVIDERS["idporten"]["issuer"] = providers.issuer.replace(
        "127.0.0.1", "localhost"
    )
    response = login(requests.Session(), providers, "idporten")
    _refused(response, 400, caplog_oidc, "unavailable")
    assert any("expected" in record.getMessage() for record in caplog_oidc.records)


def test_expired_id_token(providers, caplog_oidc):
    providers.tamper(exp_offset=-120)
    response = login(requests.Session(), providers, "idporten")
    _refused(response, 403, caplog_oidc, "expired")


def test_replayed_state(providers, caplog_oidc):
    browser = requests.Session()
    callback = follow_to_callback(
        browser, f"{providers.base_url}/innlogging/start/idporten/", providers.base_url
    )
    assert browser.get(callback, allow_redirects=False, timeout=20).status_code == 302
    ExternalIdentity.objects.all().delete()
    ExternalSession.objects.all().delete()
    again = browser.get(callback, timeout=20)
    _refused(again, 400, caplog_oidc, "state")


def test_replayed_code(providers, caplog_oidc):
    """A used code under a fresh state: the provider refuses it (and its PKCE verifier differs)."""
    browser = requests.Session()
    first = follow_to_callback(
        browser, f"{providers.base_url}/innlogging/start/idporten/", providers.base_url
    )
    assert browser.get(first, allow_redirects=False, timeout=20).status_code == 302
    ExternalIdentity.objects.all().delete()
    ExternalSession.objects.all().delete()
    second = follow_to_callback(
        browser, f"{providers.base_url}/innlogging/start/idporten/", providers.base_url
    )
    old_code = dict(parse_qsl(urlsplit(first).query))["code"]
    parts = urlsplit(second)
    query = dict(parse_qsl(parts.query))
    query["code"] = old_code
    response = browser.get(urlunsplit(parts._replace(query=urlencode(query))), timeout=20)
    _refused(response, 400, caplog_oidc, "code")


def test_state_from_another_browser(providers, caplog_oidc):
    callback = follow_to_callback(
        requests.Session(), f"{providers.base_url}/innlogging/start/idporten/", providers.base_url
    )
    response = requests.Session().get(callback, timeout=20)  # no session: not this browser's
    _refused(response, 400, caplog_oidc, "state")


def test_too_low_acr(providers, caplog_oidc):
    providers.next_login("person-1", acr="idporten-loa-low")
    response = login(requests.Session(), providers, "idporten")
    _refused(response, 403, caplog_oidc, "acr")


def test_missing_acr(providers, caplog_oidc):
    providers.next_login("person-1", acr=None)
    response = login(requests.Session(), providers, "idporten")
    _refused(response, 403, caplog_oidc, "acr")


def test_high_acr_is_accepted(providers):
    providers.next_login("person-1", acr="idporten-loa-high")
    response = login(requests.Session(), providers, "idporten", next_url="/innlogging/")
    assert response.status_code == 200
    assert ExternalIdentity.objects.count() == 1


def test_cancelled_login(providers, caplog_oidc):
    """The provider's error answer (the person said no) is a page of ours, not a 500."""
    browser = requests.Session()
    callback = follow_to_callback(
        browser, f"{providers.base_url}/innlogging/start/idporten/", providers.base_url
    )
    state = dict(parse_qsl(urlsplit(callback).query))["state"]
    response = browser.get(
        f"{providers.base_url}/innlogging/tilbake/?"
        + urlencode({"state": state, "error": "access_denied", "iss": providers.issuer}),
        timeout=20,
    )
    _refused(response, 400, caplog_oidc, "cancelled")
