"""The summary report of a hearing (oppsummering): a general part and, for each section of the
draft, the secretariat's summary text followed by the responses to that section; the counts of
the structured questions. As PDF (reportlab) and DOCX (python-docx)."""

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log

from .board import question_counts
from .exports import confirmed_responses
from .pages import HearingPage
from .responses import SectionSummary

SUMMARY_MAX = 20000


@dataclass
class ReportPart:
    key: str  # "" for the general part
    heading: str
    summary: str
    answers: list[tuple[str, str]]  # (responder, text)


def section_summary_save(*, hearing: HearingPage, section_key: str, text: str, actor=None):
    """Save the secretariat's summary of one section ("" is the general part)."""
    if section_key and hearing.section(section_key) is None:
        raise ValueError("unknown section")
    with transaction.atomic():
        summary, _created = SectionSummary.objects.update_or_create(
            hearing=hearing,
            section_key=section_key,
            defaults={
                "text": (text or "").strip()[:SUMMARY_MAX],
                "updated_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        audit_log(
            instance=hearing,
            action="samhandling.hearing.summary",
            actor=actor,
            data={"summary": summary.pk},
        )
    return summary


def summaries(*, hearing: HearingPage) -> dict[str, SectionSummary]:
    return {s.section_key: s for s in SectionSummary.objects.filter(hearing=hearing)}


def report_parts(*, hearing: HearingPage) -> list[ReportPart]:
    texts = {key: s.text for key, s in summaries(hearing=hearing).items()}
    responses = list(confirmed_responses(hearing=hearing))
    general = [
        (
            r.responder_name,
            _("No comments (ingen merknader).") if r.no_comments else r.general_answer,
        )
        for r in responses
        if r.general_answer or r.no_comments
    ]
    parts = [ReportPart("", _("General"), texts.get("", ""), general)]
    for section in hearing.draft_sections:
        answers = []
        for response in responses:
            for answer in response.section_answers.all():
                if answer.section_key == section.key and answer.text.strip():
                    answers.append((response.responder_name, answer.text))
        parts.append(ReportPart(section.key, section.label, texts.get(section.key, ""), answers))
    return parts


def _title(hearing: HearingPage) -> str:
    return _("Summary of the hearing “%(title)s”") % {"title": hearing.title}


def report_docx(*, hearing: HearingPage) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = _title(hearing)
    document.add_heading(_title(hearing), level=1)
    document.add_paragraph(
        _("Period: %(opens)s – %(deadline)s. Made %(today)s.")
        % {
            "opens": hearing.opens_on.strftime("%d.%m.%Y"),
            "deadline": hearing.deadline.strftime("%d.%m.%Y"),
            "today": timezone.localdate().strftime("%d.%m.%Y"),
        }
    )
    for part in report_parts(hearing=hearing):
        document.add_heading(part.heading, level=2)
        if part.summary:
            for paragraph in part.summary.split("\n\n"):
                document.add_paragraph(paragraph.strip())
        document.add_heading(_("Responses"), level=3)
        if not part.answers:
            document.add_paragraph(_("No responses to this part."))
        for responder, text in part.answers:
            paragraph = document.add_paragraph()
            paragraph.add_run(responder + ": ").bold = True
            paragraph.add_run(text)
    counted = question_counts(hearing=hearing)
    if counted:
        document.add_heading(_("Hearing questions"), level=2)
        for item in counted:
            document.add_paragraph(item.question.text, style="List Bullet")
            document.add_paragraph(
                ", ".join(f"{label}: {count}" for _value, label, count in item.counts)
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_pdf(*, hearing: HearingPage) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from samhandling.core.pdf_fonts import register_pdf_fonts

    from .archive import _esc, _paragraphs

    regular, bold = register_pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, spaceAfter=4)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceAfter=8)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=13, leading=17, spaceBefore=10)
    h3 = ParagraphStyle("h3", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6)
    story = [
        Paragraph(_esc(_title(hearing)), h1),
        Paragraph(
            _esc(
                _("Period: %(opens)s – %(deadline)s. Made %(today)s.")
                % {
                    "opens": hearing.opens_on.strftime("%d.%m.%Y"),
                    "deadline": hearing.deadline.strftime("%d.%m.%Y"),
                    "today": timezone.localdate().strftime("%d.%m.%Y"),
                }
            ),
            body,
        ),
    ]
    for part in report_parts(hearing=hearing):
        story.append(Paragraph(_esc(part.heading), h2))
        story += _paragraphs(part.summary, body)
        story.append(Paragraph(_esc(_("Responses")), h3))
        if not part.answers:
            story.append(Paragraph(_esc(_("No responses to this part.")), body))
        for responder, text in part.answers:
            story.append(Paragraph(f"<b>{_esc(responder)}:</b>", body))
            story += _paragraphs(text, body)
    counted = question_counts(hearing=hearing)
    if counted:
        story.append(Paragraph(_esc(_("Hearing questions")), h2))
        for item in counted:
            story.append(Paragraph(f"<b>{_esc(item.question.text)}</b>", body))
            story.append(
                Paragraph(
                    _esc(", ".join(f"{label}: {count}" for _v, label, count in item.counts)), body
                )
            )
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title=_title(hearing)
    ).build(story)
    return out.getvalue()
