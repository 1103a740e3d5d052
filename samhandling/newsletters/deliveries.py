"""Sending an issue: one `NewsletterSend` per issue and list (or a test send to oneself), and one
`Delivery` per recipient, created when the send starts. A worker claims deliveries in batches
(`core.outbox`'s claim: status, claim token and lease in the claiming transaction), sends them
over one SMTP connection and marks each; the unique constraint keeps one delivery per recipient
and send whatever the number of workers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import OutboxRow


class SendStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    DONE = "done", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class NewsletterSend(models.Model):
    wagtail_reference_index_ignore = True

    issue = models.ForeignKey(
        "newsletters.NewsletterIssuePage",
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="sends",
    )
    mailing_list = models.ForeignKey(
        "newsletters.MailingList",
        verbose_name=_("list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sends",
    )
    # A test send goes to the one address here and to no list.
    test_email = models.EmailField(_("test address"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SendStatus.choices, default=SendStatus.QUEUED
    )
    subject = models.CharField(_("subject"), max_length=255)
    created = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("newsletter send")
        verbose_name_plural = _("newsletter sends")
        ordering = ["-created"]
        constraints = [
            # An issue goes to a list once: a second press of "send", or two at once, finds the
            # first send (newsletters.sending.start_send) instead of making a second set.
            models.UniqueConstraint(
                fields=["issue", "mailing_list"],
                condition=models.Q(mailing_list__isnull=False) & ~models.Q(status="cancelled"),
                name="newsletters_one_send_per_issue_and_list",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")
    BOUNCED = "bounced", _("Refused by the mail server")
    SKIPPED = "skipped", _("Not sent (unsubscribed)")


class Delivery(OutboxRow):
    wagtail_reference_index_ignore = True

    send = models.ForeignKey(NewsletterSend, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletters.Subscriber",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    # Blanked when the subscriber unsubscribes, so nothing of them is kept.
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    smtp_code = models.PositiveSmallIntegerField(_("SMTP reply code"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"],
                condition=models.Q(subscriber__isnull=False),
                name="newsletters_one_delivery_per_recipient",
            )
        ]
        indexes = [models.Index(fields=["send", "status"], name="newsletters_delivery_status")]

    def __str__(self) -> str:
        return f"{self.send_id}: {self.status}"
