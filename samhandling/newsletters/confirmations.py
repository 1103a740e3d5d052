"""The subscribers' outbox: the confirmation e-mail of a subscription (and the note to an address
that is already subscribed) is a `SubscriberMail` row written in the transaction that subscribed
it, and sent by a task after commit, exactly once (claim, send, mark: samhandling/core/outbox.py).
A failed row is tried again by `newsletters_send_confirmations` (a periodic job).

The row goes with its subscriber: erasing a subscriber (unsubscribe, purge, data request)
deletes its e-mails too, so no address is left behind in the outbox."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import FAILED, QUEUED, SENDING, SENT, OutboxRow, claim_each

logger = logging.getLogger(__name__)


class SubscriberMailKind(models.TextChoices):
    CONFIRM = "confirm", _("Confirm the subscription")
    ALREADY = "already", _("Already subscribed")


class SubscriberMailStatus(models.TextChoices):
    QUEUED = QUEUED, _("Queued")
    SENDING = SENDING, _("Sending")
    SENT = SENT, _("Sent")
    FAILED = FAILED, _("Failed, will be retried")


class SubscriberMail(OutboxRow):
    wagtail_reference_index_ignore = True

    subscriber = models.ForeignKey(
        "newsletters.Subscriber", on_delete=models.CASCADE, related_name="mails"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SubscriberMailKind.choices)
    to_email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8)
    sender = models.CharField(_("from"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubscriberMailStatus.choices,
        default=SubscriberMailStatus.QUEUED,
    )

    class Meta:
        verbose_name = _("subscriber e-mail")
        verbose_name_plural = _("subscriber e-mails")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["status", "created"], name="newsletters_mail_status")]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"


def max_attempts() -> int:
    return getattr(settings, "NEWSLETTER_MAIL_MAX_ATTEMPTS", 10)


def queue_subscriber_mail(**fields) -> SubscriberMail:
    """Write a row to the outbox and send it by a task once the transaction commits."""
    mail = SubscriberMail.objects.create(**fields)
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue(pk: int) -> None:
    from .subscriber_tasks import send_subscriber_mail

    try:
        send_subscriber_mail.enqueue(pk)
    except Exception:  # the periodic job picks it up
        logger.exception("Could not enqueue subscriber e-mail %s", pk)


def build_message(mail: SubscriberMail) -> EmailMessage:
    # Subject and From are our own texts (the list names are the secretariat's); Django refuses
    # a header with a line break, and the address was validated (no CR/LF) when it was saved.
    return EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.sender,
        to=[mail.to_email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def send_subscriber_mails(*, where: Q | None = None) -> int:
    """Send the queued (or failed) rows matching `where`, each claimed first; the number sent."""
    sent = 0
    for claim in claim_each(model=SubscriberMail, where=where or Q(), max_attempts=max_attempts()):
        mail = SubscriberMail.objects.filter(pk=claim.pk).first()
        if mail is None:  # the subscriber was erased meanwhile
            continue
        try:
            build_message(mail).send()
        except Exception as error:  # noqa: BLE001 - recorded and retried
            logger.warning("Subscriber e-mail %s failed: %s", mail.pk, error)
            claim.failed(error)
            continue
        if claim.sent():
            sent += 1
    return sent
