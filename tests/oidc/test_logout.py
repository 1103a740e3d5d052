"""Logout of all three kinds against the real provider: RP-initiated (our button, then the
provider's end_session_endpoint with id_token_hint), front-channel (the provider frames our page
with iss and sid) and back-channel (the provider posts a logout token to our live server)."""

import html
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from samhandling.accounts.models import ExternalSession
from samhandling.accounts.signals import external_logout

from .conftest import login


def _logged_in(browser, provider) -> bool:
    page = browser.get(urljoin(provider.base_url, "/innlogging/"), timeout=10).text
    return "/innlogging/logg-ut/" in page


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _confirm_at_provider(browser, url: str):
    """The provider's logout prompt, answered yes as a person would; its last response."""
    prompt = browser.get(url, timeout=10)
    assert prompt.status_code == 200, prompt.text[:500]
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', prompt.text).group(1))
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', prompt.text).group(1)
    return browser.post(
        urljoin(url, action),
        data={"xsrf": xsrf, "logout": "yes"},
        allow_redirects=False,
        timeout=20,
    )


def _listen():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    external_logout.connect(receiver, weak=False)
    return calls, receiver


def test_rp_initiated_logout(providers):
    browser = requests.Session()
    assert login(browser, providers, "idporten", next_url="/innlogging/").status_code == 200
    assert _logged_in(browser, providers)
    assert browser.cookies.get("samhandling_logout_hint")
    chooser = browser.get(urljoin(providers.base_url, "/innlogging/"), timeout=10).text
    calls, receiver = _listen()
    try:
        page = browser.post(
            urljoin(providers.base_url, "/innlogging/logg-ut/"),
            data={"csrfmiddlewaretoken": _csrf(chooser)},
            timeout=10,
        )
    finally:
        external_logout.disconnect(receiver)
    assert page.status_code == 200
    assert len(calls) == 1 and calls[0]["provider"] == "idporten"
    assert not ExternalSession.objects.exists()
    assert not _logged_in(browser, providers)
    assert not browser.cookies.get("samhandling_logout_hint")
    end_session = html.unescape(re.search(r'id="end-session" href="([^"]+)"', page.text).group(1))
    assert 'http-equiv="refresh"' in page.text
    query = parse_qs(urlsplit(end_session).query)
    assert end_session.startswith(providers.issuer + "/session/end")
    assert query["id_token_hint"][0].count(".") == 2
    assert query["post_logout_redirect_uri"] == [
        urljoin(providers.base_url, "/innlogging/utlogga/")
    ]
    done = _confirm_at_provider(browser, end_session)
    # our front-channel frame, then on to where we asked to be sent
    assert done.status_code == 200 and "data-frontchannel-logout" in done.text
    continue_to = html.unescape(re.search(r'id="continue" href="([^"]+)"', done.text).group(1))
    assert continue_to.startswith(urljoin(providers.base_url, "/innlogging/utlogga/"))
    final = browser.get(continue_to, timeout=10)
    assert final.status_code == 200


def test_frontchannel_logout(providers, settings):
    settings.OIDC_PROVIDERS["idporten"]["backchannel_logout"] = False  # only the frame counts
    browser = requests.Session()
    assert login(browser, providers, "idporten", next_url="/innlogging/").status_code == 200
    other = requests.Session()  # another person, who stays logged in
    providers.next_login("person-2")
    login(other, providers, "idporten")
    assert ExternalSession.objects.count() == 2
    calls, receiver = _listen()
    try:
        done = _confirm_at_provider(browser, providers.issuer + "/session/end")
        frames = [html.unescape(src) for src in re.findall(r'<iframe[^>]*src="([^"]+)"', done.text)]
        assert len(frames) == 1
        assert _logged_in(browser, providers)  # the back channel is off: not yet
        frame = browser.get(frames[0], timeout=10)
    finally:
        external_logout.disconnect(receiver)
    assert frame.status_code == 200
    assert "X-Frame-Options" not in frame.headers
    assert f"frame-ancestors {providers.issuer}" in frame.headers["Content-Security-Policy"]
    assert len(calls) == 1
    assert not _logged_in(browser, providers)
    assert _logged_in(other, providers)
    assert ExternalSession.objects.count() == 1


def test_frontchannel_logout_needs_a_known_issuer_and_sid(providers):
    base = urljoin(providers.base_url, "/innlogging/utlogging/frontkanal/")
    assert requests.get(base, timeout=10).status_code == 400
    assert requests.get(base + "?iss=https://evil.example&sid=x", timeout=10).status_code == 400


def test_backchannel_logout(providers, settings):
    settings.OIDC_PROVIDERS["idporten"]["frontchannel_logout"] = False
    browser = requests.Session()
    assert login(browser, providers, "idporten", next_url="/innlogging/").status_code == 200
    other = requests.Session()
    providers.next_login("person-2")
    login(other, providers, "idporten")
    calls, receiver = _listen()
    try:
        # the person logs out at the provider (e.g. from another service): the provider posts a
        # logout token to our back-channel endpoint before it answers
        done = _confirm_at_provider(browser, providers.issuer + "/session/end")
    finally:
        external_logout.disconnect(receiver)
    assert done.status_code in (200, 303)
    assert len(calls) == 1, providers.output()[-1500:]
    assert not _logged_in(browser, providers)
    assert _logged_in(other, providers)
