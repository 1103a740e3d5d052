"""The subscriber side of the newsletters: subscribe with double opt-in, confirm, change one's
lists and language, unsubscribe from one list or from all, and forget the addresses that were
never confirmed. Views and the admin call these; nothing else writes subscribers.

- **Double opt-in.** `subscribe` stores the address unconfirmed with the chosen lists and queues
  one e-mail: the confirmation link. Nothing else is sent to it until the link's page is
  confirmed by a POST (a GET never confirms, so a mail scanner opening the link does nothing).
  The answer on the web is the same whether the address was new, waiting or already subscribed;
  an address already confirmed is sent a note with its preference link instead of a second
  confirmation (its lists are changed there, by the person holding the mailbox).
- **Suppression.** Unsubscribing from all erases the subscriber (subscriptions cascade; the
  address is blanked in its deliveries) and keeps a `Suppression` with the address's hash only,
  so that an import cannot add it again. The person may subscribe again themselves: confirming
  that subscription lifts the suppression.
- **Purge.** An address not confirmed within `NEWSLETTER_UNCONFIRMED_DAYS` is deleted by the
  nightly job `newsletters_purge_unconfirmed`."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.core.text import refuse_control_characters

from .deliveries import Delivery
from .lists import MailingList
from .subscribers import (
    Subscriber,
    Subscription,
    Suppression,
    SuppressionReason,
    email_hash,
)

LANGUAGES = ("nn", "nb", "en")
MAX_EMAIL_LENGTH = 254


class SubscribeRefused(Exception):
    """A subscription or change that cannot be made; `message` is for the visitor."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def normalise_email(email: str) -> str:
    """The address as stored: trimmed and lower-cased; SubscribeRefused when it is not one."""
    email = (email or "").strip()
    if not email:
        raise SubscribeRefused("email", _("Write your e-mail address."))
    if len(email) > MAX_EMAIL_LENGTH:
        raise SubscribeRefused(
            "email",
            _("The e-mail address is too long: an address has at most 254 characters."),
        )
    try:
        refuse_control_characters(email)
        validate_email(email)
    except ValidationError:
        raise SubscribeRefused(
            "email", _("Write a valid e-mail address, such as name@example.no.")
        ) from None
    return email.lower()


def public_lists(*, community):
    return MailingList.objects.filter(community=community, public=True)


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise SubscribeRefused("language", _("Choose nynorsk, bokmål or English."))
    return language


def _check_lists(*, community, lists, allowed=None) -> list[MailingList]:
    lists = list(lists)
    if not lists:
        raise SubscribeRefused("lists", _("Choose at least one list."))
    allowed_ids = set(
        (allowed if allowed is not None else public_lists(community=community)).values_list(
            "pk", flat=True
        )
    )
    if any(item.community_id != community.pk or item.pk not in allowed_ids for item in lists):
        raise SubscribeRefused("lists", _("Choose among the lists shown."))
    return lists


def _set_lists(subscriber: Subscriber, lists) -> None:
    wanted = {item.pk for item in lists}
    subscriber.subscriptions.exclude(mailing_list_id__in=wanted).delete()
    have = set(subscriber.subscriptions.values_list("mailing_list_id", flat=True))
    Subscription.objects.bulk_create(
        [Subscription(subscriber=subscriber, mailing_list_id=pk) for pk in sorted(wanted - have)]
    )


def _locked_subscriber(*, community, email) -> Subscriber | None:
    return Subscriber.objects.select_for_update().filter(community=community, email=email).first()


def subscribe(
    *, community, email: str, language: str, lists, now: dt.datetime | None = None
) -> Subscriber:
    """Subscribe `email` to `lists` (double opt-in): the subscriber, unconfirmed unless it was
    already confirmed. Queues the confirmation e-mail (or, for a confirmed address, a note with
    its preference link). SubscribeRefused for bad input; nothing is saved then."""
    from .subscriber_emails import queue_already_subscribed_mail, queue_confirmation_mail

    now = now or timezone.now()
    email = normalise_email(email)
    language = _check_language(language)
    lists = _check_lists(community=community, lists=lists)
    with transaction.atomic():
        subscriber = _locked_subscriber(community=community, email=email)
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        community=community, email=email, language=language, consented_at=now
                    )
            except IntegrityError:  # the same address sent twice at once: the other one won
                subscriber = _locked_subscriber(community=community, email=email)
        if subscriber.confirmed:
            queue_already_subscribed_mail(subscriber=subscriber)
            return subscriber
        subscriber.language = language
        subscriber.consented_at = now
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["language", "consented_at", "confirmation_sent_at"])
        _set_lists(subscriber, lists)
        queue_confirmation_mail(subscriber=subscriber)
    return subscriber


@dataclass(frozen=True)
class Confirmed:
    subscriber: Subscriber
    already: bool  # the link had been used before


def confirm(*, subscriber: Subscriber, now: dt.datetime | None = None) -> Confirmed:
    """Confirm the subscription (the POST of the confirmation page) and lift a suppression of
    the address; a second time changes nothing and says so."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.confirmed:
            return Confirmed(subscriber=subscriber, already=True)
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
        Suppression.objects.filter(
            community_id=subscriber.community_id, email_hash=email_hash(subscriber.email)
        ).delete()
    return Confirmed(subscriber=subscriber, already=False)


def preference_lists(*, subscriber: Subscriber):
    """The lists a subscriber may choose on the preference page: the community's public lists
    and any closed list they are on."""
    from django.db.models import Q

    return MailingList.objects.filter(
        Q(public=True) | Q(subscriptions__subscriber=subscriber),
        community_id=subscriber.community_id,
    ).distinct()


def change_preferences(*, subscriber: Subscriber, lists, language: str) -> Subscriber:
    """Set the subscriber's lists and language (the preference page)."""
    language = _check_language(language)
    lists = _check_lists(
        community=subscriber.community,
        lists=lists,
        allowed=preference_lists(subscriber=subscriber),
    )
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.language = language
        subscriber.save(update_fields=["language"])
        _set_lists(subscriber, lists)
    return subscriber


def unsubscribe_from_list(*, subscriber: Subscriber, mailing_list: MailingList) -> bool:
    """Leave one list; leaving the last one unsubscribes from all. True when erased."""
    with transaction.atomic():
        Subscription.objects.filter(subscriber=subscriber, mailing_list=mailing_list).delete()
        if not Subscription.objects.filter(subscriber=subscriber).exists():
            unsubscribe_all(subscriber=subscriber)
            return True
    return False


def unsubscribe_all(
    *,
    subscriber: Subscriber,
    reason: str = SuppressionReason.UNSUBSCRIBED,
    now: dt.datetime | None = None,
) -> None:
    """Erase the subscriber at once and keep only the address's hash as a suppression. A send
    that is running skips them: its worker checks the subscriber still exists when it claims a
    delivery."""
    now = now or timezone.now()
    with transaction.atomic():
        Delivery.objects.filter(subscriber=subscriber).update(email="")
        suppression, created = Suppression.objects.get_or_create(
            community_id=subscriber.community_id,
            email_hash=email_hash(subscriber.email),
            defaults={"reason": reason, "created": now},
        )
        if not created:
            Suppression.objects.filter(pk=suppression.pk).update(reason=reason, created=now)
        Subscriber.objects.filter(pk=subscriber.pk).delete()


def is_suppressed(*, community, email: str) -> bool:
    return Suppression.objects.filter(community=community, email_hash=email_hash(email)).exists()


def purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete the addresses whose confirmation was not followed in time; how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.NEWSLETTER_UNCONFIRMED_DAYS)
    with transaction.atomic():
        stale = Subscriber.objects.filter(confirmed_at__isnull=True, consented_at__lt=cutoff)
        ids = list(stale.values_list("pk", flat=True))
        if ids:
            Delivery.objects.filter(subscriber_id__in=ids).update(email="")
            Subscriber.objects.filter(pk__in=ids).delete()
    return len(ids)
