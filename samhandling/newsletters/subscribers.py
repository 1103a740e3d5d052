"""Who receives what: a subscriber per address and community, their lists, and the suppression
list that keeps only a hash of an address that unsubscribed or bounced hard.

A subscriber's data is the address, language, lists and the dates of consent and confirmation;
unsubscribing from all erases the row (and its subscriptions and deliveries' link to it) and
leaves a `Suppression` with the address's hash only."""

import hashlib
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def email_hash(email: str) -> str:
    """The hash a suppression keeps: SHA-256 of the address, trimmed and lower-cased."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Subscriber(models.Model):
    wagtail_reference_index_ignore = True

    community = models.ForeignKey(
        "organisations.HealthCommunity",
        verbose_name=_("health community"),
        on_delete=models.CASCADE,
        related_name="subscribers",
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=8)
    # Random and not secret by itself: private links carry it signed with the site's key
    # (newsletters.tokens), so a copy of the database alone cannot unsubscribe anyone.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consented_at = models.DateTimeField(_("consent given"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    lists = models.ManyToManyField(
        "newsletters.MailingList",
        through="newsletters.Subscription",
        related_name="subscribers",
        verbose_name=_("lists"),
    )

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["community", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "email"], name="newsletters_one_subscriber_per_address"
            )
        ]
        indexes = [models.Index(fields=["confirmed_at"], name="newsletters_sub_confirmed")]

    def __str__(self) -> str:
        return self.email

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    mailing_list = models.ForeignKey(
        "newsletters.MailingList",
        verbose_name=_("list"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    created = models.DateTimeField(_("subscribed"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "mailing_list"], name="newsletters_one_subscription"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id} → {self.mailing_list_id}"


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Hard bounce")
    COMPLAINED = "complained", _("Complaint")
    SECRETARIAT = "secretariat", _("Removed by the secretariat")


class Suppression(models.Model):
    """An address that must not be added again by an import (a person may subscribe again
    themselves, through double opt-in, which lifts the suppression)."""

    community = models.ForeignKey(
        "organisations.HealthCommunity",
        verbose_name=_("health community"),
        on_delete=models.CASCADE,
        related_name="newsletter_suppressions",
    )
    email_hash = models.CharField(_("address hash"), max_length=64)
    reason = models.CharField(_("reason"), max_length=16, choices=SuppressionReason.choices)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "email_hash"], name="newsletters_one_suppression"
            )
        ]

    def __str__(self) -> str:
        return self.email_hash[:12]
