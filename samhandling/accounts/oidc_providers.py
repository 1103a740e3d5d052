"""The identity providers of the public login: configuration (settings.OIDC_PROVIDERS), their
discovery documents and keys (cached), and a configured requests_oauth2client client for each.

A provider is an entry of configuration, not code: ID-porten, Ansattporten and HelseID differ only
in their entries (README "Public login")."""

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache
from jwskate import Jwk, JwkSet
from requests_oauth2client import (
    ClientSecretBasic,
    ClientSecretPost,
    OAuth2Client,
    PrivateKeyJwt,
)

CLIENT_AUTH_METHODS = ("private_key_jwt", "client_secret_basic", "client_secret_post")
CLIENT_ASSERTION_LIFETIME = 60  # seconds; HelseID allows at most 60


class ProviderUnavailable(Exception):
    """The provider's discovery document or keys could not be fetched, or do not fit its entry."""


class ProviderMisconfigured(Exception):
    """An entry of OIDC_PROVIDERS lacks something or names what we cannot do."""


@dataclasses.dataclass(frozen=True)
class ProviderConfig:
    key: str
    title: str
    issuer: str
    client_id: str
    client_auth: str = "private_key_jwt"
    private_key: Any = None  # a JWK (dict or JSON text) or the path of a JWK/PEM file
    client_secret: str = ""
    scopes: tuple[str, ...] = ("openid",)
    acr_values: tuple[str, ...] = ()
    allowed_acr: tuple[str, ...] = ()  # empty: the acr_values asked for
    use_par: bool = False
    use_dpop: bool = False
    authorization_details: tuple[dict, ...] = ()
    end_session: bool = True
    frontchannel_logout: bool = True
    backchannel_logout: bool = True
    client_assertion_audience: str = "issuer"  # or "endpoint" (the URL the assertion is sent to)
    allow_http: bool = False  # loopback test providers only

    @property
    def accepted_acr(self) -> tuple[str, ...]:
        return self.allowed_acr or self.acr_values


_FIELDS = {field.name for field in dataclasses.fields(ProviderConfig)}
_TUPLES = {"scopes", "acr_values", "allowed_acr", "authorization_details"}


def _config(key: str, entry: dict) -> ProviderConfig:
    unknown = set(entry) - _FIELDS
    if unknown:
        raise ProviderMisconfigured(f"OIDC_PROVIDERS[{key!r}]: unknown {sorted(unknown)}")
    values = {name: tuple(value) if name in _TUPLES else value for name, value in entry.items()}
    values.setdefault("title", key)
    config = ProviderConfig(key=key, **values)
    if not config.issuer or not config.client_id:
        raise ProviderMisconfigured(f"OIDC_PROVIDERS[{key!r}] needs issuer and client_id")
    if config.client_auth not in CLIENT_AUTH_METHODS:
        raise ProviderMisconfigured(f"OIDC_PROVIDERS[{key!r}]: client_auth {config.client_auth!r}")
    if "openid" not in config.scopes:
        raise ProviderMisconfigured(f"OIDC_PROVIDERS[{key!r}]: scopes must include openid")
    return config


def providers() -> dict[str, ProviderConfig]:
    """Every configured provider, in the order of the settings."""
    return {key: _config(key, entry) for key, entry in settings.OIDC_PROVIDERS.items()}


def provider(key: str) -> ProviderConfig | None:
    entry = settings.OIDC_PROVIDERS.get(key)
    return _config(key, entry) if isinstance(entry, dict) else None


def provider_by_issuer(issuer: str) -> ProviderConfig | None:
    return next((config for config in providers().values() if config.issuer == issuer), None)


def private_jwk(config: ProviderConfig) -> Jwk:
    """The client's signing key: a JWK (dict or JSON) or a file holding a JWK or a PEM key."""
    value = config.private_key
    if not value:
        raise ProviderMisconfigured(f"OIDC_PROVIDERS[{config.key!r}] needs private_key")
    if isinstance(value, str) and not value.lstrip().startswith("{"):
        text = Path(value).read_text()
        value = text if text.lstrip().startswith("{") else None
        if value is None:
            jwk = Jwk.from_pem(text)
            return jwk.with_kid_thumbprint().with_usage_parameters(
                "RS256" if jwk.kty == "RSA" else "ES256"
            )
    if isinstance(value, str):
        value = json.loads(value)
    jwk = Jwk(value)
    if not jwk.kid:
        jwk = jwk.with_kid_thumbprint()
    return jwk


def _cache_key(kind: str, config: ProviderConfig) -> str:
    digest = hashlib.sha256(config.issuer.encode()).hexdigest()[:16]
    return f"oidc:{kind}:{config.key}:{digest}"


def _get_json(url: str) -> dict:
    try:
        response = requests.get(
            url, timeout=settings.OIDC_HTTP_TIMEOUT, headers={"Accept": "application/json"}
        )
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{url}: {exc}") from exc


def discovery(config: ProviderConfig) -> dict:
    """The issuer's /.well-known/openid-configuration, cached; its `issuer` must be ours."""
    key = _cache_key("discovery", config)
    document = cache.get(key)
    if document is None:
        document = _get_json(config.issuer.rstrip("/") + "/.well-known/openid-configuration")
        if document.get("issuer") != config.issuer:
            raise ProviderUnavailable(
                f"discovery of {config.key}: issuer {document.get('issuer')!r}, "
                f"expected {config.issuer!r}"
            )
        cache.set(key, document, settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return document


def jwks(config: ProviderConfig, *, refresh: bool = False) -> JwkSet:
    """The provider's public keys, cached; `refresh` fetches them again (a key was rotated)."""
    key = _cache_key("jwks", config)
    keys = None if refresh else cache.get(key)
    if keys is None:
        uri = discovery(config).get("jwks_uri")
        if not uri:
            raise ProviderUnavailable(f"{config.key}: no jwks_uri")
        keys = _get_json(uri)
        cache.set(key, keys, settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return JwkSet(keys)


def _client_auth(config: ProviderConfig, document: dict):
    if config.client_auth == "private_key_jwt":
        audience = config.issuer if config.client_assertion_audience == "issuer" else None
        return PrivateKeyJwt(
            config.client_id,
            private_jwk(config),
            lifetime=CLIENT_ASSERTION_LIFETIME,
            aud=audience,
        )
    if not config.client_secret:
        raise ProviderMisconfigured(f"OIDC_PROVIDERS[{config.key!r}] needs client_secret")
    if config.client_auth == "client_secret_basic":
        return ClientSecretBasic(config.client_id, config.client_secret)
    return ClientSecretPost(config.client_id, config.client_secret)


def client(
    config: ProviderConfig, *, redirect_uri: str, refresh_keys: bool = False
) -> OAuth2Client:
    """A requests_oauth2client client for the provider's endpoints, keys and our credentials."""
    document = discovery(config)
    return OAuth2Client.from_discovery_document(
        document,
        issuer=config.issuer,
        auth=_client_auth(config, document),
        authorization_server_jwks=jwks(config, refresh=refresh_keys),
        redirect_uri=redirect_uri,
        dpop_bound_access_tokens=config.use_dpop,
        testing=config.allow_http,
    )


def clear_cache(config: ProviderConfig) -> None:
    cache.delete_many([_cache_key("discovery", config), _cache_key("jwks", config)])
