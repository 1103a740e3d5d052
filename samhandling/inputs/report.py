"""The report "Oppsummering av innspel til styret" (summary of input for the board): per theme
the secretariat's summary, then the input under it (source, text, status). As PDF (reportlab,
with the project's fonts for Sámi and Nordic letters) and as DOCX (python-docx)."""

import html
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.core.templatetags.samhandling_tags import long_date

from .selectors import ThemeSection


def report_title() -> str:
    return _("Summary of input for the board")


def _theme_name(section: ThemeSection) -> str:
    return section.theme.name if section.theme else _("Without a theme")


def _input_line(item) -> str:
    where = f"{item.event.title}, " if item.event_id else ""
    extra = ""
    if getattr(item, "merged_count", 0):
        extra = " " + _("(also said by %(count)s more)") % {"count": item.merged_count}
    return f"{where}{item.source_label} – {item.get_status_display()}{extra}"


def report_pdf(*, scope_title: str, sections: list[ThemeSection]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from samhandling.core.pdf_fonts import register_pdf_fonts

    regular, bold = register_pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor="#444444")
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=13, leading=17, spaceBefore=12, spaceAfter=4)
    h3 = ParagraphStyle("h3", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6)

    def para(text, style):
        return Paragraph(html.escape(text, quote=False).replace("\n", "<br/>"), style)

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{report_title()} – {scope_title}",
    )
    story = [
        para(report_title(), h1),
        para(scope_title, body),
        para(long_date(timezone.now()), small),
        Spacer(1, 6 * mm),
    ]
    for section in sections:
        story.append(para(_theme_name(section), h2))
        if section.summary is not None:
            story.append(para(_("Summary"), h3))
            story.append(para(section.summary.text, body))
        if section.inputs:
            story.append(para(_("Input"), h3))
        for item in section.inputs:
            story.append(para(_input_line(item), small))
            story.append(para(item.text, body))
            story.append(Spacer(1, 2 * mm))
    if not sections:
        story.append(para(_("No input yet."), body))
    doc.build(story)
    return out.getvalue()


def report_docx(*, scope_title: str, sections: list[ThemeSection]) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = f"{report_title()} – {scope_title}"
    document.add_heading(report_title(), level=0)
    document.add_paragraph(scope_title)
    document.add_paragraph(long_date(timezone.now()))
    for section in sections:
        document.add_heading(_theme_name(section), level=1)
        if section.summary is not None:
            document.add_heading(_("Summary"), level=2)
            document.add_paragraph(_clean(section.summary.text))
        if section.inputs:
            document.add_heading(_("Input"), level=2)
        for item in section.inputs:
            meta = document.add_paragraph()
            meta.add_run(_input_line(item)).italic = True
            document.add_paragraph(_clean(item.text))
    if not sections:
        document.add_paragraph(_("No input yet."))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _clean(text: str) -> str:
    """XML (and so DOCX) cannot hold control characters other than tab and line breaks."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
