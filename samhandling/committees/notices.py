"""The outbox of notices to committee members: "the minutes are published".

One `MinutesPublication` per meeting records when its minutes were first published (whether or not
the committee tells its members); a `MinutesNotice` per address is written in the same
transaction and sent by a task after commit (`emails.py`). The unique constraints are what make a
notice go out once: a re-publish finds the publication and adds nothing, and a second worker
finds the notice claimed (samhandling/core/outbox.py)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import OutboxRow


class NoticeStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    WITHDRAWN = "withdrawn", _("Not sent: the minutes were withdrawn")


class MinutesPublication(models.Model):
    """The first publication of a meeting's minutes."""

    wagtail_reference_index_ignore = True

    meeting = models.OneToOneField(
        "committees.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="minutes_publication",
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members_told = models.BooleanField(
        _("members told"),
        default=False,
        help_text=_("Whether the committee told its members when the minutes were published."),
    )

    class Meta:
        verbose_name = _("publication of minutes")
        verbose_name_plural = _("publications of minutes")

    def __str__(self) -> str:
        return f"{self.meeting} ({self.published_at:%Y-%m-%d})"


class MinutesNotice(OutboxRow):
    """An e-mail to one member: queued → sending (claimed by one worker, samhandling/core/outbox.py)
    → sent, or failed."""

    wagtail_reference_index_ignore = True

    publication = models.ForeignKey(
        MinutesPublication,
        verbose_name=_("publication of minutes"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    person = models.ForeignKey(
        "committees.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_email = models.EmailField(_("to"))
    status = models.CharField(
        _("status"), max_length=16, choices=NoticeStatus.choices, default=NoticeStatus.QUEUED
    )

    class Meta:
        verbose_name = _("notice of minutes")
        verbose_name_plural = _("notices of minutes")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                "publication",
                Lower("to_email"),
                name="committees_minutes_notice_once_per_address",
            ),
        ]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self) -> str:
        return f"{self.to_email} ({self.status})"
