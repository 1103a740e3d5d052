"""A real OpenID Connect provider for the login tests: panva's oidc-provider (npm), started on
loopback by tests/oidc/provider/provider.mjs with three clients (the idporten, helseid and
ansattporten profiles) that send the browser back to the live test server, and a fourth
Ansattporten client whose addresses are on the Helse Nord demo site (HN_CLIENT_ID).

Without Node.js the tests that need it skip ("needs Node.js: ..."); CI installs it (.ci/run).
`npm ci` runs here when tests/oidc/provider/node_modules is missing and npm is there."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import requests
from django.core.cache import cache
from jwskate import Jwk

PROVIDER_DIR = Path(__file__).resolve().parent / "provider"
PROFILES = ("idporten", "helseid", "ansattporten")
# The organisation number an Ansattporten test account may act for (a valid mod-11 number).
ORGNO = "964830533"
FAKE_PID = "01017012345"  # what the provider sends as `pid`: must never be stored
# The test accounts that act for organisations, and the organisation numbers their Ansattporten
# `authorization_details` name: the demo's Alta and Bodø (tests/browser/test_contact_journey.py).
ALTA_ORGNO, BODO_ORGNO = "944588132", "972418013"
ACCOUNT_ORGANISATIONS = {
    "alta-contact": [ORGNO],
    "kontakt-alta": [ALTA_ORGNO],
    "kontakt-bodo": [BODO_ORGNO],
}
# An Ansattporten client whose addresses are on the Helse Nord demo site, for logins there (a
# pairwise client's redirect URIs must share one host, so it is a client of its own).
HN_CLIENT_ID = "samhandling-ansattporten-hn"
HN_HOST = "helse-nord.localhost"
CALLBACK = "/innlogging/tilbake/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _skip_without_node(reason: str):
    """Skips on a machine without Node.js (a fresh user's); fails where CI said Node is there
    (.ci/run exports SAMHANDLING_TESTS_NEED_NODE=1), so the login tests cannot silently vanish."""
    if os.environ.get("SAMHANDLING_TESTS_NEED_NODE"):
        pytest.fail(f"{reason} (SAMHANDLING_TESTS_NEED_NODE is set: CI must run these tests)")
    pytest.skip(reason)


def _node_modules() -> None:
    if (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        _skip_without_node(
            "needs Node.js: npm is missing, so tests/oidc/provider cannot be installed"
        )
    subprocess.run(  # noqa: S603
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=PROVIDER_DIR,
        check=True,
        timeout=600,
    )


@dataclass
class TestProvider:
    issuer: str
    base_url: str  # our live server
    keys: dict[str, Jwk]
    process: subprocess.Popen
    log: Path
    entries: dict = field(default_factory=dict)

    def entry(self, profile: str, **overrides) -> dict:
        """An OIDC_PROVIDERS entry for the client of this profile."""
        entry = {
            "title": {"idporten": "ID-porten", "helseid": "HelseID"}.get(profile, "Ansattporten"),
            "issuer": self.issuer,
            "client_id": f"samhandling-{profile}",
            "client_auth": "private_key_jwt",
            "private_key": dict(self.keys[profile]),
            "scopes": ["openid", "profile"],
            "acr_values": ["idporten-loa-substantial"],
            "allowed_acr": ["idporten-loa-substantial", "idporten-loa-high"],
            "use_par": profile in ("idporten", "ansattporten"),
            "use_dpop": profile == "helseid",
            "allow_http": True,
        }
        if profile == "ansattporten":
            entry["authorization_details"] = [
                {
                    "type": "ansattporten:altinn:service",
                    "resource": "urn:altinn:resource:samhandling",
                }
            ]
        entry.update(overrides)
        return entry

    def next_login(self, account: str, acr: str | None = "idporten-loa-substantial") -> None:
        response = requests.post(
            f"{self.issuer}/_test/next-login", json={"account": account, "acr": acr}, timeout=5
        )
        response.raise_for_status()

    def tamper(self, **claims) -> None:
        """The next ID token re-signed by the provider with these claims changed."""
        response = requests.post(f"{self.issuer}/_test/tamper", json=claims, timeout=5)
        response.raise_for_status()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    node = shutil.which("node")
    if node is None:
        _skip_without_node(
            "needs Node.js: the login tests start a real OpenID Connect provider "
            "(tests/oidc/provider, `npm ci` there); install node 20 and npm"
        )
    _node_modules()
    base = live_server.url
    keys = {
        profile: Jwk.generate(alg="RS256").with_kid_thumbprint().with_usage_parameters()
        for profile in PROFILES
    }
    clients = [
        {
            "profile": profile,
            "client_id": f"samhandling-{profile}",
            "redirect_uris": [urljoin(base, CALLBACK)],
            "post_logout_redirect_uris": [urljoin(base, "/innlogging/utlogga/")],
            "frontchannel_logout_uri": urljoin(base, "/innlogging/utlogging/frontkanal/"),
            "backchannel_logout_uri": urljoin(base, "/innlogging/utlogging/bakkanal/"),
            "jwks": {"keys": [dict(keys[profile].public_jwk())]},
        }
        for profile in PROFILES
    ]
    site = f"http://{HN_HOST}:{urlparse(base).port}"
    clients.append(
        {
            "profile": "ansattporten",
            "client_id": HN_CLIENT_ID,
            "redirect_uris": [urljoin(site, CALLBACK)],
            "post_logout_redirect_uris": [urljoin(site, "/innlogging/utlogga/")],
            "frontchannel_logout_uri": urljoin(site, "/innlogging/utlogging/frontkanal/"),
            "backchannel_logout_uri": urljoin(base, "/innlogging/utlogging/bakkanal/"),
            "jwks": {"keys": [dict(keys["ansattporten"].public_jwk())]},
        }
    )
    port = _free_port()
    config = {
        "port": port,
        "autoLogin": True,
        "clients": clients,
        "organisations": ACCOUNT_ORGANISATIONS,
    }
    log = Path(tempfile.mkstemp(prefix="oidc-provider-", suffix=".log")[1])
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            [node, "provider.mjs", json.dumps(config)],
            cwd=PROVIDER_DIR,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    issuer = f"http://127.0.0.1:{port}"
    provider = TestProvider(issuer=issuer, base_url=base, keys=keys, process=process, log=log)
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the test provider did not start:\n{provider.output()}")
        time.sleep(0.2)
    yield provider
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.unlink(missing_ok=True)


@pytest.fixture
def providers(oidc_provider, settings, transactional_db):
    """All three test clients configured as our identity providers; fresh caches and no login
    rate limit in the way (tests/accounts/test_oidc_views.py tests the limit)."""
    settings.OIDC_PROVIDERS = {profile: oidc_provider.entry(profile) for profile in PROFILES}
    settings.SAMHANDLING_RATE_LIMITS = {
        **settings.SAMHANDLING_RATE_LIMITS,
        "login": {"client": "1000/m"},
    }
    cache.clear()
    oidc_provider.next_login("person-1")
    oidc_provider.tamper()
    yield oidc_provider
    cache.clear()


def follow_to_callback(browser: requests.Session, url: str, base_url: str) -> str:
    """Follow the redirects of a login from `url` until the provider sends the browser to our
    callback; that callback address, not yet requested."""
    for _hop in range(20):
        response = browser.get(url, allow_redirects=False, timeout=10)
        location = response.headers.get("Location")
        if response.status_code not in (301, 302, 303, 307) or not location:
            raise AssertionError(f"{url} answered {response.status_code}: {response.text[:500]}")
        url = urljoin(url, location)
        if url.startswith(urljoin(base_url, CALLBACK)):
            return url
    raise AssertionError("too many redirects before the callback")


def login(browser: requests.Session, provider: TestProvider, key: str, *, next_url: str = ""):
    """Start a login with `key` at our live server and follow it to the end; the last response."""
    start = urljoin(provider.base_url, f"/innlogging/start/{key}/")
    if next_url:
        start += f"?next={next_url}"
    return browser.get(start, timeout=20)


def path_of(url: str) -> str:
    return urlparse(url).path
