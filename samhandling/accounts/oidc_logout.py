"""Logout of the public login: RP-initiated (to the provider's end_session_endpoint with
id_token_hint), front-channel (iss + sid in a frame the provider shows) and back-channel (a
logout token the provider posts; OpenID Connect Back-Channel Logout 1.0, section 2.6)."""

import logging
import time
from urllib.parse import urlencode

import jwskate
from django.core.cache import cache

from . import oidc_accounts, oidc_providers
from .oidc_providers import ProviderUnavailable

logger = logging.getLogger("samhandling.accounts.oidc")

BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
LOGOUT_TOKEN_MAX_AGE = 300  # seconds a logout token's iat may lie in the past
CLOCK_SKEW_SECONDS = 60


class InvalidLogoutToken(Exception):
    pass


def end_session_url(*, external, id_token: str | None, post_logout_redirect_uri: str) -> str | None:
    """Where the browser ends its session at the provider, or None (not configured/offered)."""
    config = oidc_providers.provider(external.provider)
    if config is None or not config.end_session:
        return None
    try:
        endpoint = oidc_providers.discovery(config).get("end_session_endpoint")
    except ProviderUnavailable:
        logger.warning("end_session of %s: provider unavailable", external.provider)
        return None
    if not endpoint:
        return None
    params = {"client_id": config.client_id, "post_logout_redirect_uri": post_logout_redirect_uri}
    if id_token:
        params["id_token_hint"] = id_token
    query = urlencode(params)
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def frontchannel_logout(*, iss: str, sid: str) -> int:
    config = oidc_providers.provider_by_issuer(iss) if iss else None
    if config is None or not config.frontchannel_logout or not sid:
        raise InvalidLogoutToken(f"front-channel logout: iss {iss!r}, sid given: {bool(sid)}")
    return oidc_accounts.end_sessions(provider=config.key, sid=sid)


def _claims(token: str):
    try:
        jwt = jwskate.SignedJwt(token)
    except (jwskate.InvalidJwt, ValueError) as exc:
        raise InvalidLogoutToken(f"not a signed JWT: {exc}") from exc
    if jwt.alg in (None, "none") or jwt.alg not in jwskate.SignatureAlgs.ALL_ASYMMETRIC:
        raise InvalidLogoutToken(f"alg {jwt.alg!r}")
    return jwt


def validate_logout_token(token: str, *, now: float | None = None):
    """(provider config, claims) of a valid logout token; InvalidLogoutToken otherwise."""
    now = time.time() if now is None else now
    jwt = _claims(token)
    claims = jwt.claims
    config = oidc_providers.provider_by_issuer(claims.get("iss") or "")
    if config is None or not config.backchannel_logout:
        raise InvalidLogoutToken(f"iss {claims.get('iss')!r} is not a provider with back-channel")
    try:
        keys = oidc_providers.jwks(config)
        if jwt.kid and jwt.kid not in {jwk.kid for jwk in keys.jwks}:
            keys = oidc_providers.jwks(config, refresh=True)
    except ProviderUnavailable as exc:
        raise InvalidLogoutToken(str(exc)) from exc
    try:
        verified = jwt.verify_signature(keys, alg=jwt.alg)
    except (KeyError, ValueError):
        verified = False
    if not verified:
        raise InvalidLogoutToken("signature")
    audiences = claims.get("aud")
    audiences = [audiences] if isinstance(audiences, str) else list(audiences or [])
    if config.client_id not in audiences:
        raise InvalidLogoutToken(f"aud {audiences!r}")
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or not (
        now - LOGOUT_TOKEN_MAX_AGE <= iat <= now + CLOCK_SKEW_SECONDS
    ):
        raise InvalidLogoutToken(f"iat {iat!r}")
    exp = claims.get("exp")
    if exp is not None and (not isinstance(exp, int | float) or exp < now - CLOCK_SKEW_SECONDS):
        raise InvalidLogoutToken(f"exp {exp!r}")
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_EVENT), dict):
        raise InvalidLogoutToken("events claim")
    if "nonce" in claims:
        raise InvalidLogoutToken("nonce present")
    if not claims.get("sid") and not claims.get("sub"):
        raise InvalidLogoutToken("neither sid nor sub")
    jti = claims.get("jti")
    if jti and not cache.add(f"oidc:logout-jti:{config.key}:{jti}", 1, LOGOUT_TOKEN_MAX_AGE * 2):
        raise InvalidLogoutToken("jti used before")
    return config, claims


def backchannel_logout(token: str) -> int:
    config, claims = validate_logout_token(token)
    return oidc_accounts.end_sessions(
        provider=config.key, sid=claims.get("sid") or "", subject=claims.get("sub") or ""
    )
