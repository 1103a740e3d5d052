"""The hearings' outbox: every e-mail about a hearing (confirmation links, receipts, reminders,
comment confirmations and decisions) is a `HearingMail` row written in the transaction that caused
it and sent by a task after commit, exactly once (claim, send, mark: samhandling/core/outbox.py).
A failed row is tried again by `hearings_send_mail` (a periodic job)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import OutboxRow, claim_each

from .choices import MailKind, MailStatus

logger = logging.getLogger(__name__)


class HearingReminder(models.Model):
    """One press of "send a reminder" on the board: each body that had not answered then gets one
    e-mail for it (the form's key makes a second press of the same form send nothing)."""

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="reminders"
    )
    key = models.UUIDField(unique=True, editable=False)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.hearing_id}: {self.created_at:%Y-%m-%d}"


class HearingMail(OutboxRow):
    wagtail_reference_index_ignore = True

    kind = models.CharField(_("kind"), max_length=24, choices=MailKind.choices)
    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="mails"
    )
    response = models.ForeignKey(
        "hearings.HearingResponse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mails",
    )
    comment = models.ForeignKey(
        "hearings.SectionComment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mails",
    )
    reminder = models.ForeignKey(
        HearingReminder, null=True, blank=True, on_delete=models.CASCADE, related_name="mails"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    # The response version whose PDF is attached to a receipt (rendered when it is sent).
    receipt_version = models.ForeignKey(
        "hearings.ResponseVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MailStatus.choices, default=MailStatus.QUEUED
    )

    class Meta:
        verbose_name = _("hearing e-mail")
        verbose_name_plural = _("hearing e-mails")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["status", "created"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "organisation"],
                condition=Q(reminder__isnull=False),
                name="hearings_one_reminder_per_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email} ({self.status})"


# Builders of attachments by mail kind: {kind: callable(mail) -> list[(filename, bytes, type)]}.
# The receipt's PDF is registered by the module that renders it, so this module needs no import
# of the rendering code.
ATTACHMENT_BUILDERS: dict[str, object] = {}


def max_attempts() -> int:
    return getattr(settings, "HEARINGS_MAIL_MAX_ATTEMPTS", 10)


def queue_mail(**fields) -> HearingMail:
    """Write a row to the outbox and send it by a task once the transaction commits."""
    mail = HearingMail.objects.create(**fields)
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue(pk: int) -> None:
    from .tasks import send_hearing_mail

    try:
        send_hearing_mail.enqueue(pk)
    except Exception:  # the periodic job picks it up
        logger.exception("Could not enqueue hearing e-mail %s", pk)


def build_message(mail: HearingMail) -> EmailMultiAlternatives:
    from samhandling.events.emails import sender

    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=sender(language=mail.language, event=mail.hearing),
        to=[mail.to_email],
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    builder = ATTACHMENT_BUILDERS.get(mail.kind)
    if builder is not None:
        for filename, content, mimetype in builder(mail):
            message.attach(filename, content, mimetype)
    return message


def send_mail_rows(*, where: Q | None = None) -> int:
    """Send the queued (or failed) rows matching `where`, each claimed first; the number sent."""
    sent = 0
    for claim in claim_each(model=HearingMail, where=where or Q(), max_attempts=max_attempts()):
        mail = HearingMail.objects.get(pk=claim.pk)
        try:
            build_message(mail).send()
        except Exception as error:  # noqa: BLE001 - recorded and retried
            logger.warning("Hearing e-mail %s failed: %s", mail.pk, error)
            claim.failed(error)
            continue
        if claim.sent():
            sent += 1
    return sent
