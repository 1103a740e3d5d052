"""The private links of a subscriber: the subscriber's random key signed with the site's secret
key, so that each message can carry its own link without storing it, a forged link fails, and a
copy of the database alone cannot unsubscribe anyone. A confirmation link is signed with a time
and expires when an unconfirmed address is forgotten."""

from django.conf import settings
from django.core import signing

from .subscribers import Subscriber

_SALT = "samhandling.newsletters.subscriber"
_CONFIRM_SALT = "samhandling.newsletters.confirm"


def subscriber_token(subscriber: Subscriber) -> str:
    """The token of the preference and unsubscribe links."""
    return signing.Signer(salt=_SALT).sign(subscriber.key.hex)


def subscriber_from_token(token: str) -> Subscriber | None:
    """The subscriber of a preference or unsubscribe link; None when forged or already erased."""
    try:
        key = signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(key=key).first()


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=_CONFIRM_SALT).sign(subscriber.key.hex)


def subscriber_from_confirmation(token: str) -> Subscriber | None:
    """The subscriber of a confirmation link; None when forged, expired or erased."""
    max_age = settings.NEWSLETTER_UNCONFIRMED_DAYS * 24 * 60 * 60
    try:
        key = signing.TimestampSigner(salt=_CONFIRM_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    return Subscriber.objects.filter(key=key).first()
