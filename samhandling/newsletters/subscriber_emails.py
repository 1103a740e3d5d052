"""The e-mails to a subscriber about the subscription itself: the confirmation link, and the
note to an address that is already subscribed (with its preference link). Written in the
subscriber's language and queued in the subscribers' outbox (confirmations.py).

Nothing the visitor typed goes into a header: the subject is our own text with the community's
name, the sender is ours, and the address was validated before it was stored."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .confirmations import SubscriberMailKind, queue_subscriber_mail
from .tokens import confirmation_token, subscriber_token


def site_url(community) -> str:
    """The root URL of the community's site, without a trailing slash."""
    return community.site.root_url.rstrip("/")


def confirm_url(subscriber) -> str:
    return site_url(subscriber.community) + reverse(
        "newsletters:confirm", args=[confirmation_token(subscriber)]
    )


def preferences_url(subscriber) -> str:
    return site_url(subscriber.community) + reverse(
        "newsletters:preferences", args=[subscriber_token(subscriber)]
    )


def unsubscribe_url(subscriber) -> str:
    return site_url(subscriber.community) + reverse(
        "newsletters:unsubscribe", args=[subscriber_token(subscriber)]
    )


def _sender(subscriber) -> str:
    from samhandling.events.emails import sender

    return sender(language=subscriber.language, event=subscriber.community.site.root_page)


def _context(subscriber) -> dict:
    community = subscriber.community
    return {
        "community": community,
        "lists": [
            s.mailing_list.name for s in subscriber.subscriptions.select_related("mailing_list")
        ],
        "days": settings.NEWSLETTER_UNCONFIRMED_DAYS,
        "site_url": site_url(community),
    }


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def queue_confirmation_mail(*, subscriber):
    with translation.override(subscriber.language):
        context = {**_context(subscriber), "link": confirm_url(subscriber)}
        subject = _("Confirm your subscription to the newsletter of %(community)s") % {
            "community": subscriber.community.name
        }
        body = render_to_string("newsletters/emails/confirm.txt", context)
        sender = _sender(subscriber)
    return queue_subscriber_mail(
        subscriber=subscriber,
        kind=SubscriberMailKind.CONFIRM,
        to_email=subscriber.email,
        language=subscriber.language,
        sender=sender,
        subject=_one_line(subject),
        body=body,
    )


def queue_already_subscribed_mail(*, subscriber):
    with translation.override(subscriber.language):
        context = {
            **_context(subscriber),
            "preferences": preferences_url(subscriber),
            "unsubscribe": unsubscribe_url(subscriber),
        }
        subject = _("You already receive the newsletter of %(community)s") % {
            "community": subscriber.community.name
        }
        body = render_to_string("newsletters/emails/already_subscribed.txt", context)
        sender = _sender(subscriber)
    return queue_subscriber_mail(
        subscriber=subscriber,
        kind=SubscriberMailKind.ALREADY,
        to_email=subscriber.email,
        language=subscriber.language,
        sender=sender,
        subject=_one_line(subject),
        body=body,
    )
