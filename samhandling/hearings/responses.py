"""Hearing responses (høyringsfråsegner) and what belongs to them.

A response is given on behalf of an organisation in the registry, of another organisation named in
free text, or by a private person. It counts once its e-mail address is confirmed (status
confirmed). One confirmed response per organisation and hearing is enforced by the database
(`hearings_one_official_response_per_organisation`); a withdrawn one frees the place.

The responder changes or withdraws it through a private link (only the hash of its token is
stored); every confirmed state is kept as a `ResponseVersion`, and the response's current fields
are the last version, which is the one that counts (nothing is saved after the deadline).

The secretariat may withhold a response from publication, or blank a part of it (`Redaction`),
each with a recorded reason; a private person's e-mail, phone and address are never published."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Re-exported: migrations name random_token_hash here, and the app's modules import from here.
from samhandling.core.tokens import hash_token, new_token, random_token_hash  # noqa: F401

from .choices import QuestionChoice, RedactionPart, ResponderKind, ResponseStatus


class HearingResponse(models.Model):
    hearing = models.ForeignKey(
        "hearings.HearingPage",
        verbose_name=_("hearing"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    kind = models.CharField(_("responds"), max_length=20, choices=ResponderKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hearing_responses",
    )
    organisation_name = models.CharField(
        _("organisation (not in the list)"), max_length=200, blank=True
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role or title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    language = models.CharField(_("language of the form"), max_length=8, default="nn")
    no_comments = models.BooleanField(_("no comments (ingen merknader)"), default=False)
    general_answer = models.TextField(_("general answer"), blank=True)
    decision_reference = models.CharField(
        _("decided by"),
        max_length=300,
        blank=True,
        help_text=_("For example “Formannskapet, sak 23/45”."),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ResponseStatus.choices,
        default=ResponseStatus.UNCONFIRMED,
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, default=random_token_hash
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    link_expires_at = models.DateTimeField(
        _("confirmation link expires"), null=True, blank=True, editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # When the version that counts was received (the confirmation, or the last change).
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # A response the secretariat typed in (received by letter or e-mail), not sent by the form.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withheld = models.BooleanField(_("withheld from publication"), default=False)
    withheld_reason = models.TextField(_("reason for withholding"), blank=True)
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withheld by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withheld_at = models.DateTimeField(_("withheld"), null=True, blank=True)

    class Meta:
        verbose_name = _("hearing response")
        verbose_name_plural = _("hearing responses")
        ordering = ["hearing", "received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "organisation"],
                condition=Q(organisation__isnull=False, status="confirmed"),
                name="hearings_one_official_response_per_organisation",
                violation_error_message=_("This organisation has already answered this hearing."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="organisation") | Q(organisation__isnull=False),
                name="hearings_response_organisation_chosen",
            ),
        ]
        indexes = [models.Index(fields=["hearing", "status"])]

    def __str__(self) -> str:
        return f"{self.responder_name} – {self.hearing.title}"

    @property
    def responder_name(self) -> str:
        """Who answers, as shown on the board and (when published) on the page."""
        if self.kind == ResponderKind.ORGANISATION and self.organisation_id:
            return self.organisation.display_name
        if self.kind == ResponderKind.OTHER_ORGANISATION:
            return self.organisation_name
        return self.name

    @property
    def is_private_person(self) -> bool:
        return self.kind == ResponderKind.PRIVATE


class ResponseVersion(models.Model):
    """A confirmed state of a response, kept when it is changed (the last one counts)."""

    response = models.ForeignKey(HearingResponse, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    content = models.JSONField(_("content"), default=dict)

    class Meta:
        verbose_name = _("version of a response")
        verbose_name_plural = _("versions of responses")
        ordering = ["response", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "number"], name="hearings_response_version_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} v{self.number}"


class SectionAnswer(models.Model):
    """The answer to one section of the draft (`section_key` is the section's block id)."""

    response = models.ForeignKey(
        HearingResponse, on_delete=models.CASCADE, related_name="section_answers"
    )
    section_key = models.CharField(max_length=64)
    text = models.TextField(_("answer"))

    class Meta:
        verbose_name = _("answer to a section")
        verbose_name_plural = _("answers to sections")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "section_key"], name="hearings_section_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.section_key}"


class QuestionAnswer(models.Model):
    response = models.ForeignKey(
        HearingResponse, on_delete=models.CASCADE, related_name="question_answers"
    )
    question = models.ForeignKey(
        "hearings.HearingQuestion", on_delete=models.CASCADE, related_name="answers"
    )
    choice = models.CharField(_("answer"), max_length=12, choices=QuestionChoice.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="hearings_question_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.question_id} {self.choice}"


def attachment_path(instance, filename: str) -> str:
    return f"hearings/{instance.response.hearing_id}/{instance.response_id}/{filename}"


class ResponseAttachment(models.Model):
    """A PDF, DOCX or ODT sent with a response (checked by content and size on upload)."""

    response = models.ForeignKey(
        HearingResponse, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["response", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Redaction(models.Model):
    """A part of a response blanked from publication, with who did it and why."""

    response = models.ForeignKey(
        HearingResponse, on_delete=models.CASCADE, related_name="redactions"
    )
    part = models.CharField(_("part"), max_length=12, choices=RedactionPart.choices)
    # The section's block id, the question's or the attachment's id; empty for the general answer.
    target = models.CharField(max_length=64, blank=True)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blanked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blanked"), default=timezone.now)

    class Meta:
        verbose_name = _("blanked part of a response")
        verbose_name_plural = _("blanked parts of responses")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "part", "target"], name="hearings_redaction_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.part} {self.target}"


class DeadlineExtension(models.Model):
    """A later deadline for one invited body, granted by the secretariat."""

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="extensions"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    deadline = models.DateField(_("extended deadline"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("extended deadline")
        verbose_name_plural = _("extended deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "organisation"], name="hearings_one_extension_per_body"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.deadline}"


class SectionSummary(models.Model):
    """The secretariat's summary of what was said about one section (for the report)."""

    hearing = models.ForeignKey(
        "hearings.HearingPage", on_delete=models.CASCADE, related_name="section_summaries"
    )
    section_key = models.CharField(max_length=64, blank=True)  # empty: the general part
    text = models.TextField(_("summary"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("summary of a section")
        verbose_name_plural = _("summaries of sections")
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "section_key"], name="hearings_section_summary_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing_id}: {self.section_key or 'general'}"
