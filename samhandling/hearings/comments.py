"""Comments anchored to a section of the draft: anyone may comment with name and e-mail,
confirmed by link, and moderated before or after publication as the hearing is configured."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CommentStatus
from .responses import random_token_hash


class SectionComment(models.Model):
    hearing = models.ForeignKey(
        "hearings.HearingPage",
        verbose_name=_("hearing"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    section_key = models.CharField(max_length=64)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    text = models.TextField(_("comment"))
    language = models.CharField(_("language of the form"), max_length=8, default="nn")
    status = models.CharField(
        _("status"), max_length=12, choices=CommentStatus.choices, default=CommentStatus.UNCONFIRMED
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, default=random_token_hash
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    link_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderation_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("comment on a section")
        verbose_name_plural = _("comments on sections")
        ordering = ["hearing", "section_key", "published_at", "pk"]
        indexes = [models.Index(fields=["hearing", "status", "section_key"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:60]}"
