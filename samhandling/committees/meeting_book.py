"""The printable meeting book (møtebok) of a meeting as PDF: agenda, case papers and, once
published, minutes and decisions. Drawn with ReportLab, which needs no system libraries."""

import io
import re
from html import unescape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer

from samhandling.core.pdf_fonts import register_pdf_fonts
from samhandling.core.templatetags.samhandling_tags import timespan

_BLOCK = re.compile(r"<(p|li|h[2-6])[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def _paragraphs(html: str) -> list[str]:
    """Plain text of each paragraph or list item of Wagtail rich text, escaped for ReportLab."""
    parts = [m.group(2) for m in _BLOCK.finditer(html or "")] or [html or ""]
    texts = [unescape(_TAG.sub("", part)).strip() for part in parts]
    return [_escape(text) for text in texts if text]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _heading(item) -> str:
    if item.case_number:
        return _escape(f"{_('Case')} {item.case_number} {item.title}")
    return _escape(item.title)


def meeting_book_pdf(*, meeting, show_papers: bool, show_minutes: bool) -> bytes:
    regular, bold = register_pdf_fonts()
    styles = getSampleStyleSheet()  # fresh copies: safe to change
    for style in styles.byName.values():
        if hasattr(style, "fontName"):
            style.fontName = bold if "Bold" in style.fontName else regular
    body, small = styles["BodyText"], styles["Italic"]
    committee = meeting.get_parent().specific
    story = [
        Paragraph(_escape(committee.title), styles["Heading3"]),
        Paragraph(_escape(meeting.title), styles["Title"]),
        Paragraph(_escape(timespan(meeting.start, meeting.end)), body),
    ]
    if meeting.place:
        story.append(Paragraph(f"{_('Place')}: {_escape(meeting.place)}", body))
    if meeting.theme:
        story.append(Paragraph(f"{_('Theme')}: {_escape(meeting.theme)}", body))
    story.append(Spacer(1, 6 * mm))

    items = list(meeting.agenda_items.all())
    story.append(Paragraph(_("Agenda"), styles["Heading2"]))
    story.append(
        ListFlowable(
            [Paragraph(_heading(item), body) for item in items] or [Paragraph("–", body)],
            bulletType="bullet",
        )
    )
    for item in items:
        story.append(Paragraph(_heading(item), styles["Heading2"]))
        story.extend(Paragraph(text, body) for text in _paragraphs(item.description))
        papers = [block.value for block in item.papers] if show_papers else []
        if papers:
            story.append(Paragraph(_("Case papers"), styles["Heading4"]))
            titles = [p.get("title") or p["document"].title for p in papers if p.get("document")]
            story.append(
                ListFlowable([Paragraph(_escape(t), body) for t in titles], bulletType="bullet")
            )
        if show_minutes and item.minutes:
            story.append(Paragraph(_("Minutes"), styles["Heading4"]))
            story.extend(Paragraph(text, body) for text in _paragraphs(item.minutes))
        if show_minutes and item.decision:
            story.append(Paragraph(_("Decision"), styles["Heading4"]))
            story.extend(Paragraph(f"<b>{text}</b>", body) for text in _paragraphs(item.decision))
    if show_minutes and meeting.minutes:
        story.append(Paragraph(_("Minutes"), styles["Heading2"]))
        story.extend(Paragraph(text, body) for text in _paragraphs(meeting.minutes))
    if not show_minutes:
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(_("The minutes have not been published yet."), small))

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=meeting.title,
        author=committee.title,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    printed = timezone.localtime().strftime("%d.%m.%Y")

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(20 * mm, 10 * mm, f"{committee.title} · {meeting.title} · {printed}")
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
