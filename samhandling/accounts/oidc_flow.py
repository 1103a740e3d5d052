"""The public login's authorization code flow over requests_oauth2client: PKCE S256, state and
nonce kept in the session and used once, PAR, private_key_jwt, DPoP and acr where the provider's
entry asks for them, and the ID token checked (signature from the provider's keys, iss, aud,
azp, exp, iat, nonce, acr). A refusal is a LoginRefused with a reason for the visitor's page and
a detail for the log; the protocol itself stays in the library."""

import json
import logging
import time

import jwskate
from django.conf import settings
from django.contrib.auth import login
from requests_oauth2client import AuthorizationResponse, BearerToken, DPoPKey
from requests_oauth2client.exceptions import EndpointError, OAuth2Error
from requests_oauth2client.tokens import (
    ExpiredIdToken,
    InvalidIdToken,
    MismatchingIdTokenAudience,
    MismatchingIdTokenAzp,
    MismatchingIdTokenIssuer,
    MismatchingIdTokenNonce,
)

from . import oidc_accounts, oidc_providers
from .oidc_providers import ProviderConfig, ProviderMisconfigured, ProviderUnavailable
from .signals import external_login

logger = logging.getLogger("samhandling.accounts.oidc")

FLOWS_KEY = "oidc_flows"  # session: {state: flow}
PROVIDER_KEY = "oidc_provider"  # session: the provider of the current login
MAX_PENDING_FLOWS = 5
FLOW_SECONDS = 600
CLOCK_SKEW_SECONDS = 60


class LoginRefused(Exception):
    """reason: what the visitor is told (oidc_views.REASONS); detail: what the log says."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _timeout() -> dict:
    return {"timeout": settings.OIDC_HTTP_TIMEOUT}


def start_login(*, request, config: ProviderConfig, redirect_uri: str, next_url: str) -> str:
    """Prepare an authorization request (pushed when the entry says so) and remember its state,
    nonce, PKCE verifier and DPoP key in the session; the address to send the browser to."""
    try:
        client = oidc_providers.client(config, redirect_uri=redirect_uri)
    except (ProviderUnavailable, ProviderMisconfigured) as exc:
        raise LoginRefused("unavailable", str(exc)) from exc
    extra = {}
    if config.authorization_details:
        extra["authorization_details"] = json.dumps(list(config.authorization_details))
    request_ = client.authorization_request(
        scope=list(config.scopes),
        acr_values=list(config.acr_values) or None,
        dpop=config.use_dpop,
        **extra,
    )
    url = request_.uri
    if config.use_par:
        try:
            url = client.pushed_authorization_request(request_, requests_kwargs=_timeout()).uri
        except (OAuth2Error, EndpointError, OSError) as exc:
            raise LoginRefused("unavailable", f"PAR at {config.key}: {exc!r}") from exc
    flows = dict(request.session.get(FLOWS_KEY, {}))
    flows[request_.state] = {
        "provider": config.key,
        "nonce": request_.nonce,
        "code_verifier": request_.code_verifier,
        "redirect_uri": redirect_uri,
        "next": next_url,
        "started": time.time(),
        "dpop_key": dict(request_.dpop_key.private_key) if request_.dpop_key else None,
        "dpop_alg": request_.dpop_key.alg if request_.dpop_key else None,
    }
    # Only the newest few pending logins are kept (tabs left open); the oldest is forgotten.
    for state in sorted(flows, key=lambda key: flows[key]["started"])[:-MAX_PENDING_FLOWS]:
        del flows[state]
    request.session[FLOWS_KEY] = flows
    return url


def _take_flow(request, state: str | None) -> dict:
    """The pending login of this state, removed from the session at once: a state works once."""
    flows = dict(request.session.get(FLOWS_KEY, {}))
    flow = flows.pop(state, None) if state else None
    request.session[FLOWS_KEY] = flows
    request.session.save()
    if flow is None:
        raise LoginRefused("state", f"unknown or used state {state!r:.20}")
    if time.time() - flow["started"] > FLOW_SECONDS:
        raise LoginRefused("timeout", "the login took longer than the state lives")
    return flow


def _check_response_issuer(config: ProviderConfig, document: dict, query) -> None:
    """RFC 9207: the authorization response names its issuer where the provider says it does."""
    received = query.get("iss")
    if received is None and document.get("authorization_response_iss_parameter_supported"):
        raise LoginRefused("issuer", "authorization response without iss")
    if received is not None and received != config.issuer:
        raise LoginRefused("issuer", f"authorization response from {received!r}")


def _exchange_code(config: ProviderConfig, flow: dict, code: str, state: str):
    """Code → tokens at the token endpoint; then the ID token checked by the library and here."""
    dpop_key = (
        DPoPKey(private_key=flow["dpop_key"], alg=flow["dpop_alg"]) if flow["dpop_key"] else None
    )
    response = AuthorizationResponse(
        code=code,
        redirect_uri=flow["redirect_uri"],
        code_verifier=flow["code_verifier"],
        state=state,
        nonce=flow["nonce"],
        issuer=config.issuer,
        dpop_key=dpop_key,
    )
    try:
        client = oidc_providers.client(config, redirect_uri=flow["redirect_uri"])
        token = client.authorization_code(
            response, validate=False, dpop=config.use_dpop, requests_kwargs=_timeout()
        )
    except (ProviderUnavailable, ProviderMisconfigured, OSError) as exc:
        raise LoginRefused("unavailable", str(exc)) from exc
    except (EndpointError, OAuth2Error) as exc:
        # invalid_grant: a code used before, expired, or not ours (a replay)
        raise LoginRefused("code", f"token endpoint of {config.key}: {exc!r}") from exc
    if not token.id_token:
        raise LoginRefused("id_token", "no ID token in the token response")
    kid = token.id_token.get_header("kid")
    if kid and kid not in {jwk.kid for jwk in client.authorization_server_jwks.jwks}:
        client = oidc_providers.client(config, redirect_uri=flow["redirect_uri"], refresh_keys=True)
    # (a DPoPToken cannot be validated in requests_oauth2client 1.8: it rebuilds itself without
    # its key; the same checks on a bearer copy)
    bearer = BearerToken(
        token.access_token,
        expires_at=token.expires_at,
        scope=token.scope,
        refresh_token=token.refresh_token,
        id_token=token.id_token,
        **token.kwargs,
    )
    try:
        bearer.validate_id_token(client, response)
    except ExpiredIdToken as exc:
        raise LoginRefused("expired", "ID token expired") from exc
    except MismatchingIdTokenIssuer as exc:
        raise LoginRefused("issuer", f"ID token iss {token.id_token.issuer!r}") from exc
    except (MismatchingIdTokenAudience, MismatchingIdTokenAzp) as exc:
        raise LoginRefused("audience", f"ID token aud {token.id_token.audiences!r}") from exc
    except MismatchingIdTokenNonce as exc:
        raise LoginRefused("nonce", "ID token nonce differs") from exc
    except (InvalidIdToken, jwskate.InvalidSignature, ValueError) as exc:
        raise LoginRefused("id_token", f"{exc!r}") from exc
    return token


def check_claims(*, config: ProviderConfig, claims: dict, nonce: str, now: float) -> None:
    """What the library leaves to us (or lets pass when a claim is missing): iss, aud, azp, exp,
    iat, nonce, sub present and right, and acr among the entry's accepted values."""
    if claims.get("iss") != config.issuer:
        raise LoginRefused("issuer", f"ID token iss {claims.get('iss')!r}")
    audiences = claims.get("aud")
    audiences = [audiences] if isinstance(audiences, str) else list(audiences or [])
    if config.client_id not in audiences:
        raise LoginRefused("audience", f"ID token aud {audiences!r}")
    if len(audiences) > 1 and claims.get("azp") != config.client_id:
        raise LoginRefused("audience", f"ID token azp {claims.get('azp')!r}")
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or exp <= now:
        raise LoginRefused("expired", f"ID token exp {exp!r}")
    if not isinstance(iat, int | float) or iat > now + CLOCK_SKEW_SECONDS:
        raise LoginRefused("id_token", f"ID token iat {iat!r}")
    if not nonce or claims.get("nonce") != nonce:
        raise LoginRefused("nonce", "ID token nonce differs")
    if not claims.get("sub"):
        raise LoginRefused("id_token", "ID token without sub")
    accepted = config.accepted_acr
    if accepted and claims.get("acr") not in accepted:
        raise LoginRefused("acr", f"acr {claims.get('acr')!r}, accepted {list(accepted)!r}")


def authorization_details(token, claims: dict) -> list[dict]:
    """RFC 9396 details from the token response, else from the ID token (Ansattporten)."""
    details = token.kwargs.get("authorization_details") or claims.get("authorization_details")
    if isinstance(details, dict):
        details = [details]
    return [detail for detail in details or [] if isinstance(detail, dict)]


def finish_login(*, request, query) -> tuple[object, str, str]:
    """The provider's answer at our callback: check it, bind the account, start the session and
    announce the login. Returns (user, the address to go on to, the sealed ID token for the
    logout hint cookie); raises LoginRefused."""
    flow = _take_flow(request, query.get("state"))
    config = oidc_providers.provider(flow["provider"])
    if config is None:
        raise LoginRefused("unavailable", f"provider {flow['provider']!r} no longer configured")
    if query.get("error"):
        reason = "cancelled" if query.get("error") == "access_denied" else "provider_error"
        raise LoginRefused(reason, f"{query.get('error')}: {query.get('error_description', '')}")
    try:
        document = oidc_providers.discovery(config)
    except ProviderUnavailable as exc:
        raise LoginRefused("unavailable", str(exc)) from exc
    _check_response_issuer(config, document, query)
    code = query.get("code")
    if not code:
        raise LoginRefused("code", "no code in the authorization response")
    token = _exchange_code(config, flow, code, query.get("state"))
    claims = dict(token.id_token.claims)
    check_claims(config=config, claims=claims, nonce=flow["nonce"], now=time.time())
    details = authorization_details(token, claims)
    user = oidc_accounts.bind_identity(provider=config.key, subject=claims["sub"])
    pending = request.session.get(FLOWS_KEY, {})
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # new session key
    request.session[FLOWS_KEY] = pending
    request.session[PROVIDER_KEY] = config.key
    request.session.save()
    oidc_accounts.remember_session(
        session_key=request.session.session_key,
        user=user,
        provider=config.key,
        subject=claims["sub"],
        sid=claims.get("sid", ""),
    )
    logger.info("login through %s (acr %s)", config.key, claims.get("acr"))
    external_login.send(
        sender=ProviderConfig,
        request=request,
        user=user,
        provider=config.key,
        claims=oidc_accounts.without_identity_numbers(claims),
        authorization_details=details,
    )
    return user, flow["next"], oidc_accounts.seal_id_token(str(token.id_token))
