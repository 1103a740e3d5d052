"""The checks of the public login that need no provider process: the ID token's claims
(oidc_flow.check_claims) and the back-channel logout token (oidc_logout), with tokens signed by
a key of the test whose public half stands in the cache as the provider's keys."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from jwskate import Jwk, Jwt

from samhandling.accounts import oidc_accounts, oidc_providers
from samhandling.accounts.models import ExternalSession
from samhandling.accounts.oidc_flow import LoginRefused, check_claims
from samhandling.accounts.oidc_logout import BACKCHANNEL_EVENT

pytestmark = pytest.mark.django_db

ISSUER = "https://idporten.example"
ENTRY = {
    "issuer": ISSUER,
    "client_id": "samhandling",
    "client_auth": "client_secret_post",
    "client_secret": "x",
    "acr_values": ["idporten-loa-substantial"],
    "allowed_acr": ["idporten-loa-substantial", "idporten-loa-high"],
}
KEY = Jwk.generate(alg="RS256").with_kid_thumbprint()


@pytest.fixture
def provider(settings):
    settings.OIDC_PROVIDERS = {"idporten": ENTRY}
    config = oidc_providers.provider("idporten")
    cache.set(
        oidc_providers._cache_key("discovery", config),
        {"issuer": ISSUER, "jwks_uri": f"{ISSUER}/jwks", "token_endpoint": f"{ISSUER}/token"},
    )
    cache.set(oidc_providers._cache_key("jwks", config), {"keys": [dict(KEY.public_jwk())]})
    return config


def _claims(**changes):
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": "samhandling",
        "sub": "pairwise-1",
        "iat": now,
        "exp": now + 120,
        "nonce": "n1",
        "acr": "idporten-loa-substantial",
    }
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"iss": "https://evil.example"}, "issuer"),
        ({"aud": "other"}, "audience"),
        ({"aud": ["samhandling", "other"]}, "audience"),  # several audiences need azp
        ({"exp": int(time.time()) - 1}, "expired"),
        ({"exp": None}, "expired"),
        ({"iat": int(time.time()) + 3600}, "id_token"),
        ({"iat": None}, "id_token"),
        ({"nonce": "other"}, "nonce"),
        ({"nonce": None}, "nonce"),
        ({"sub": None}, "id_token"),
        ({"acr": "idporten-loa-low"}, "acr"),
        ({"acr": None}, "acr"),
    ],
)
def test_id_token_claims_refused(provider, changes, reason):
    with pytest.raises(LoginRefused) as refused:
        check_claims(config=provider, claims=_claims(**changes), nonce="n1", now=time.time())
    assert refused.value.reason == reason


def test_id_token_claims_accepted(provider):
    check_claims(config=provider, claims=_claims(), nonce="n1", now=time.time())
    check_claims(
        config=provider,
        claims=_claims(aud=["samhandling", "x"], azp="samhandling", acr="idporten-loa-high"),
        nonce="n1",
        now=time.time(),
    )


def _session(client_, subject="pairwise-1", sid="sid-1"):
    user = get_user_model().objects.create_user(f"u-{sid}")
    client_.force_login(user)
    oidc_accounts.remember_session(
        session_key=client_.session.session_key,
        user=user,
        provider="idporten",
        subject=subject,
        sid=sid,
    )
    return user


def _logout_token(key=KEY, alg="RS256", **changes):
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": "samhandling",
        "iat": now,
        "exp": now + 120,
        "jti": f"jti-{time.monotonic_ns()}",
        "sid": "sid-1",
        "sub": "pairwise-1",
        "events": {BACKCHANNEL_EVENT: {}},
    }
    claims.update(changes)
    claims = {name: value for name, value in claims.items() if value is not None}
    return str(Jwt.sign(claims, key=key, alg=alg, typ="logout+jwt"))


def _post(token):
    return Client().post("/innlogging/utlogging/bakkanal/", {"logout_token": token})


def test_backchannel_logout_ends_the_named_session(provider):
    mine, other = Client(), Client()
    _session(mine)
    _session(other, subject="pairwise-2", sid="sid-2")
    response = _post(_logout_token())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "_auth_user_id" not in mine.session
    assert "_auth_user_id" in other.session
    assert list(ExternalSession.objects.values_list("sid", flat=True)) == ["sid-2"]


def test_backchannel_logout_by_subject_alone(provider):
    mine = Client()
    _session(mine)
    assert _post(_logout_token(sid=None)).status_code == 200
    assert "_auth_user_id" not in mine.session


@pytest.mark.parametrize(
    "token",
    [
        lambda: _logout_token(nonce="n"),
        lambda: _logout_token(events=None),
        lambda: _logout_token(events={"other": {}}),
        lambda: _logout_token(aud="other"),
        lambda: _logout_token(iss="https://evil.example"),
        lambda: _logout_token(iat=int(time.time()) - 3600),
        lambda: _logout_token(iat=None),
        lambda: _logout_token(sid=None, sub=None),
        lambda: _logout_token(key=Jwk.generate(alg="RS256").with_kid_thumbprint()),
        lambda: _logout_token(key=Jwk.generate(alg="HS256"), alg="HS256"),
        lambda: "not-a-jwt",
        lambda: "",
    ],
)
def test_backchannel_logout_refuses_invalid_tokens(provider, token, monkeypatch):
    monkeypatch.setattr(oidc_providers, "_get_json", lambda url: {"keys": [dict(KEY.public_jwk())]})
    mine = Client()
    _session(mine)
    response = _post(token())
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request"}
    assert "_auth_user_id" in mine.session


def test_backchannel_logout_token_is_used_once(provider):
    token = _logout_token()
    assert _post(token).status_code == 200
    assert _post(token).status_code == 400


def test_backchannel_logout_needs_post():
    assert Client().get("/innlogging/utlogging/bakkanal/").status_code == 405


def test_private_key_from_a_jwk_file_or_a_pem_file(tmp_path, settings):
    jwk_file = tmp_path / "key.jwk.json"
    jwk_file.write_text(KEY.to_json())
    pem_file = tmp_path / "key.pem"
    pem_file.write_text(KEY.to_pem())
    for value in (str(jwk_file), str(pem_file), dict(KEY), KEY.to_json()):
        settings.OIDC_PROVIDERS = {"x": {**ENTRY, "private_key": value}}
        jwk = oidc_providers.private_jwk(oidc_providers.provider("x"))
        assert jwk.is_private and jwk.kid
        assert jwk.public_jwk().thumbprint() == KEY.public_jwk().thumbprint()
