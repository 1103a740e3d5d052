"""The hearing's responses as a spreadsheet: a row per confirmed response, a column per section
of the draft and per structured question (the choice and the reason)."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.core.spreadsheets import xlsx_bytes

from .board import is_late
from .choices import ResponseStatus
from .pages import HearingPage
from .responses import HearingResponse, QuestionAnswer


def confirmed_responses(*, hearing: HearingPage):
    """Confirmed responses, oldest first, with everything that belongs to them in a fixed
    number of queries."""
    return (
        HearingResponse.objects.filter(hearing=hearing, status=ResponseStatus.CONFIRMED)
        .select_related("organisation", "registered_by")
        .prefetch_related(
            "section_answers",
            "attachments",
            "redactions",
            Prefetch("question_answers", queryset=QuestionAnswer.objects.order_by("pk")),
        )
        .order_by("received_at", "pk")
    )


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def responses_table(*, hearing: HearingPage) -> tuple[list, list[list]]:
    sections = hearing.draft_sections
    questions = list(hearing.questions.order_by("sort_order", "pk"))
    header = [
        _("Responder"),
        _("Responds"),
        _("Organisation"),
        _("Received"),
        _("Late"),
        _("No comments"),
        _("Decided by"),
        _("Decision date"),
        _("General answer"),
    ]
    header += [section.label for section in sections]
    for question in questions:
        header += [question.text, _("Reason: %(question)s") % {"question": question.text}]
    header += [_("Attachments"), _("Withheld")]
    rows = []
    for response in confirmed_responses(hearing=hearing):
        answers = {answer.section_key: answer.text for answer in response.section_answers.all()}
        chosen = {answer.question_id: answer for answer in response.question_answers.all()}
        organisation = response.organisation.display_name if response.organisation_id else ""
        row = [
            response.responder_name,
            response.get_kind_display(),
            organisation or response.organisation_name,
            _local(response.received_at),
            _("Yes") if is_late(hearing=hearing, response=response) else "",
            _("Yes") if response.no_comments else "",
            response.decision_reference,
            response.decision_date,
            response.general_answer,
        ]
        row += [answers.get(section.key, "") for section in sections]
        for question in questions:
            answer = chosen.get(question.pk)
            row += [answer.get_choice_display() if answer else "", answer.reason if answer else ""]
        row += [
            ", ".join(attachment.original_name for attachment in response.attachments.all()),
            _("Yes") if response.withheld else "",
        ]
        rows.append(row)
    return header, rows


def responses_xlsx(*, hearing: HearingPage) -> bytes:
    header, rows = responses_table(hearing=hearing)
    return xlsx_bytes(header=header, rows=rows, sheet_title=_("Responses"), title=hearing.title)
