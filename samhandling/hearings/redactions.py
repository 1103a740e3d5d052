"""Withholding a whole response from publication, and blanking parts of it (the general answer,
one section's answer, one question's reason, one attachment), each with a recorded reason, who
did it and when; and undoing either. Every step is in the audit log (ids only)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log

from .choices import RedactionPart
from .responses import HearingResponse, Redaction

REASON_MAX = 2000


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason: it is recorded with your name."))
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("The reason is too long (at most %(max)s characters).") % {"max": REASON_MAX}
        )
    return reason


def response_withhold(*, response: HearingResponse, reason: str, actor=None) -> HearingResponse:
    """Keep the whole response from publication."""
    reason = _clean_reason(reason)
    with transaction.atomic():
        response = HearingResponse.objects.select_for_update().get(pk=response.pk)
        response.withheld = True
        response.withheld_reason = reason
        response.withheld_by = actor if getattr(actor, "is_authenticated", False) else None
        response.withheld_at = timezone.now()
        response.save(update_fields=["withheld", "withheld_reason", "withheld_by", "withheld_at"])
        audit_log(
            instance=response.hearing,
            action="samhandling.response.withhold",
            actor=actor,
            data={"response": response.pk},
        )
    return response


def response_release(*, response: HearingResponse, actor=None) -> HearingResponse:
    """Undo withholding: the response is published again (as the hearing's rules allow)."""
    with transaction.atomic():
        response = HearingResponse.objects.select_for_update().get(pk=response.pk)
        response.withheld = False
        response.withheld_reason = ""
        response.withheld_by = None
        response.withheld_at = None
        response.save(update_fields=["withheld", "withheld_reason", "withheld_by", "withheld_at"])
        audit_log(
            instance=response.hearing,
            action="samhandling.response.release",
            actor=actor,
            data={"response": response.pk},
        )
    return response


def blankable_parts(*, response: HearingResponse) -> list[tuple[str, str, str]]:
    """The parts of the response that can be blanked: (part, target, label)."""
    parts = []
    if response.general_answer:
        parts.append((RedactionPart.GENERAL, "", str(RedactionPart.GENERAL.label)))
    sections = {s.key: s for s in response.hearing.draft_sections}
    for answer in response.section_answers.all():
        section = sections.get(answer.section_key)
        label = section.label if section else answer.section_key
        parts.append((RedactionPart.SECTION, answer.section_key, label))
    for answer in response.question_answers.select_related("question"):
        if answer.reason:
            parts.append((RedactionPart.QUESTION, str(answer.question_id), answer.question.text))
    for attachment in response.attachments.all():
        parts.append((RedactionPart.ATTACHMENT, str(attachment.pk), attachment.original_name))
    return parts


def response_blank(
    *, response: HearingResponse, part: str, target: str = "", reason: str, actor=None
) -> Redaction:
    """Blank one part of the response from publication. The part must be one the response has."""
    reason = _clean_reason(reason)
    target = target or ""
    if (part, target) not in {(p, t) for p, t, _label in blankable_parts(response=response)}:
        raise ValidationError(_("Choose a part that this response has."))
    try:
        with transaction.atomic():
            redaction = Redaction.objects.create(
                response=response,
                part=part,
                target=target,
                reason=reason,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit_log(
                instance=response.hearing,
                action="samhandling.response.blank",
                actor=actor,
                data={"response": response.pk, "redaction": redaction.pk, "part": part},
            )
    except IntegrityError as error:
        raise ValidationError(_("This part is blanked already.")) from error
    return redaction


def response_unblank(*, redaction: Redaction, actor=None) -> None:
    with transaction.atomic():
        response = redaction.response
        data = {"response": response.pk, "part": redaction.part}
        redaction.delete()
        audit_log(
            instance=response.hearing,
            action="samhandling.response.unblank",
            actor=actor,
            data=data,
        )
