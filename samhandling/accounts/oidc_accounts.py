"""Accounts and sessions of the public login: a user per (provider, pairwise subject), never a
national identity number, and the sessions that logout (RP-initiated, front- and back-channel)
ends."""

import hashlib
from datetime import timedelta
from importlib import import_module

import jwskate
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import ExternalIdentity, ExternalSession
from .signals import external_logout

# Claims that carry a national identity number (ID-porten's and Ansattporten's `pid`, HelseID's
# pid claim): never stored, never passed on.
IDENTITY_NUMBER_CLAIMS = frozenset(
    {"pid", "helseid://claims/identity/pid", "nin", "personal_identity_number"}
)


def without_identity_numbers(claims: dict) -> dict:
    return {name: value for name, value in claims.items() if name not in IDENTITY_NUMBER_CLAIMS}


def _username(provider: str, subject: str) -> str:
    digest = hashlib.sha256(f"{provider}\0{subject}".encode()).hexdigest()[:24]
    return f"{provider[:100]}-{digest}"


def bind_identity(*, provider: str, subject: str):
    """The user this provider's subject belongs to, created on the first login: no password
    (unusable), not staff. The subject is pairwise, so it is kept as the provider sent it."""
    user_model = get_user_model()
    with transaction.atomic():
        identity = (
            ExternalIdentity.objects.select_for_update()
            .select_related("user")
            .filter(provider=provider, subject=subject)
            .first()
        )
        if identity is None:
            user = user_model(username=_username(provider, subject), is_staff=False)
            user.set_unusable_password()
            user.save()
            identity = ExternalIdentity.objects.create(
                user=user, provider=provider, subject=subject
            )
        identity.last_login = timezone.now()
        identity.save(update_fields=["last_login"])
    return identity.user


def remember_session(*, session_key, user, provider, subject, sid) -> ExternalSession:
    # Sessions that ran out on their own are forgotten here (no job needed for so few rows).
    expired = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    ExternalSession.objects.filter(created__lt=expired).delete()
    ExternalSession.objects.filter(session_key=session_key).delete()
    return ExternalSession.objects.create(
        session_key=session_key,
        user=user,
        provider=provider,
        subject=subject,
        sid=sid or "",
    )


def current_session(session_key: str | None) -> ExternalSession | None:
    if not session_key:
        return None
    return ExternalSession.objects.filter(session_key=session_key).first()


def end_sessions(*, provider: str, sid: str = "", subject: str = "") -> int:
    """End the Django sessions this provider's logout names (by its session id, or by subject
    when it sent none); the number ended."""
    if not sid and not subject:
        return 0
    sessions = ExternalSession.objects.filter(provider=provider)
    sessions = sessions.filter(sid=sid) if sid else sessions.filter(subject=subject)
    if sid and subject:
        sessions = sessions.filter(subject=subject)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for external in list(sessions.select_related("user")):
        store(session_key=external.session_key).delete()
        external.delete()
        external_logout.send(sender=ExternalSession, user=external.user, provider=provider)
        ended += 1
    return ended


# The ID token for RP-initiated logout's id_token_hint, kept in the browser (HttpOnly cookie sent
# only to /innlogging/), encrypted (JWE, A256GCM) with a key derived from SECRET_KEY: the server
# keeps nothing of it, the browser cannot read the identity number in it.
HINT_COOKIE = "samhandling_logout_hint"
HINT_COOKIE_PATH = "/innlogging/"


def _hint_key() -> jwskate.SymmetricJwk:
    secret = hashlib.sha256(b"samhandling.accounts.id-token-hint\0" + settings.SECRET_KEY.encode())
    return jwskate.SymmetricJwk.from_bytes(secret.digest())


def seal_id_token(id_token: str) -> str:
    return str(jwskate.JweCompact.encrypt(id_token.encode(), _hint_key(), alg="dir", enc="A256GCM"))


def open_id_token(sealed: str | None) -> str | None:
    if not sealed:
        return None
    try:
        return jwskate.JweCompact(sealed).decrypt(_hint_key()).decode()
    except Exception:  # noqa: BLE001  (anything unreadable: no hint)
        return None
