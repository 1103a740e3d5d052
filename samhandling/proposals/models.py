"""A proposal of news or a date from a participant, and the outbox of e-mails to the proposer.

A proposal is sent by anyone through the public form (no account), confirmed by a private link
(only the token's hash is stored), and then becomes a draft page in the site's tree in the
secretariat's moderation workflow (services.py). The row keeps the proposer's details, which the
page never shows, until the retention period after the decision (purge.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import OutboxRow
from samhandling.core.tokens import random_token_hash


class ProposalKind(models.TextChoices):
    NEWS = "news", _("News")
    DATE = "date", _("A date (meeting, conference, deadline)")


class ProposalStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Not confirmed")
    PENDING = "pending", _("Awaiting the secretariat")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class Proposal(models.Model):
    wagtail_reference_index_ignore = True

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ProposalKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    date = models.DateField(_("date"), null=True, blank=True)
    time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_other = models.CharField(_("other organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language of the form"), max_length=8, default="nn")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.UNCONFIRMED,
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, default=random_token_hash
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("the secretariat's reason"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_name(self) -> str:
        if self.organisation_id:
            return self.organisation.display_name
        return self.organisation_other


class MailKind(models.TextChoices):
    CONFIRM = "confirm", _("Confirmation link")
    RECEIPT = "receipt", _("Receipt")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class ProposalMail(OutboxRow):
    """An e-mail to a proposer, written in the transaction that caused it and sent by a task after
    commit, claimed so that it is sent once (samhandling/core/outbox.py)."""

    wagtail_reference_index_ignore = True

    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="mails"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MailKind.choices)
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_email = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=16, choices=MailStatus.choices, default=MailStatus.QUEUED
    )

    class Meta:
        verbose_name = _("e-mail about a proposal")
        verbose_name_plural = _("e-mails about proposals")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["status", "created"])]
        constraints = [
            # One note of each decision per proposal, however often the page is published.
            models.UniqueConstraint(
                fields=["proposal", "kind"],
                condition=models.Q(kind__in=["receipt", "published"]),
                name="proposals_one_receipt_and_publication_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email} ({self.status})"
