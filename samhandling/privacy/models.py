"""A request to see one's personal data: the private link sent by e-mail, and its outbox state.

Only the SHA-256 of the link's token is stored; the link itself is kept until the e-mail has been
sent and then forgotten, as the events outbox does. The e-mail is claimed, sent and marked as every
outbox row is (samhandling/core/outbox.py), so a retry run and the task worker send it once.
Expired requests are deleted by `manage.py privacy_apply_retention`."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import OutboxRow


class DataRequestStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class DataRequest(OutboxRow):
    """queued → sending (claimed by one worker, samhandling/core/outbox.py) → sent, or failed;
    `link` is cleared once sent."""

    wagtail_reference_index_ignore = True

    email = models.EmailField(_("e-mail"), max_length=254)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    link = models.TextField(blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DataRequestStatus.choices,
        default=DataRequestStatus.QUEUED,
    )
    expires = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("request for personal data")
        verbose_name_plural = _("requests for personal data")
        ordering = ["created"]
        indexes = [models.Index(fields=["email", "created"])]

    def __str__(self) -> str:
        return f"{self.pk} ({self.status})"


class ErasureChannel(models.TextChoices):
    SELF = "self", _("By the person, through the private link")
    ADMIN = "admin", _("By the secretariat, on request")


class Erasure(models.Model):
    """That personal data was erased, when, by whom and how much: never whose. The audit log
    entry points here."""

    wagtail_reference_index_ignore = True

    created = models.DateTimeField(_("erased"), default=timezone.now)
    channel = models.CharField(_("how"), max_length=8, choices=ErasureChannel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Why (e.g. "request by e-mail of 3 December"): never the person's name or address.
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-created"]

    def __str__(self) -> str:
        return _("Erasure %(id)s") % {"id": self.pk}
