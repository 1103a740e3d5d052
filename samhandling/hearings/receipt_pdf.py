"""A hearing response as a PDF: attached to the receipt e-mail, and used by the board's ZIP export.

`response_pdf(response=..., version=...)` renders a version's content (the JSON snapshot kept in
`ResponseVersion`), or the response as it is now when no version is given. Text the responder
typed is escaped before reportlab's paragraph markup reads it."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .choices import MailKind, QuestionChoice
from .mail import ATTACHMENT_BUILDERS


def _text(value) -> str:
    """Escaped for reportlab's markup, with line breaks kept."""
    text = str(value or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r\n", "\n").replace("\n", "<br/>")


def response_pdf(*, response, version=None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from samhandling.core.pdf_fonts import register_pdf_fonts

    from .response_selectors import response_snapshot

    regular, bold = register_pdf_fonts()
    content = version.content if version is not None else response_snapshot(response=response)
    hearing = response.hearing
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, spaceAfter=6)
    label = ParagraphStyle("label", parent=body, fontName=bold, spaceBefore=6, spaceAfter=2)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=16, leading=20)

    received = response.received_at or response.created_at
    story = [
        Paragraph(_text(_("Hearing response")), title),
        Paragraph(_text(hearing.title), label),
        Paragraph(
            _text(
                _("Received %(when)s, version %(version)s")
                % {
                    "when": timezone.localtime(
                        version.created_at if version is not None else received
                    ).strftime("%d.%m.%Y %H:%M"),
                    "version": version.number if version is not None else "–",
                }
            ),
            body,
        ),
        Spacer(1, 4 * mm),
    ]

    def fact(name: str, value) -> None:
        if value:
            story.append(Paragraph(f"<b>{_text(name)}:</b> {_text(value)}", body))

    organisation = (content.get("organisation") or {}).get("name") or content.get(
        "organisation_name"
    )
    fact(_("Responds for"), organisation or content.get("name"))
    fact(_("Name"), content.get("name"))
    fact(_("Role or title"), content.get("role"))
    decided = content.get("decision_reference")
    if decided and content.get("decision_date"):
        decided = f"{decided} ({content['decision_date']})"
    fact(_("Decided by"), decided)
    if content.get("no_comments"):
        story.append(Paragraph(_text(_("No comments (ingen merknader).")), label))
    if content.get("general_answer"):
        story.append(Paragraph(_text(_("General answer")), label))
        story.append(Paragraph(_text(content["general_answer"]), body))
    headings = content.get("section_headings") or {}
    for key, text in (content.get("sections") or {}).items():
        story.append(Paragraph(_text(headings.get(key) or key), label))
        story.append(Paragraph(_text(text), body))
    choices = dict(QuestionChoice.choices)
    for question in content.get("questions") or []:
        story.append(Paragraph(_text(question.get("text")), label))
        answer = str(choices.get(question.get("choice"), question.get("choice") or ""))
        if question.get("reason"):
            answer = f"{answer}: {question['reason']}"
        story.append(Paragraph(_text(answer), body))
    attachments = content.get("attachments") or []
    if attachments:
        story.append(Paragraph(_text(_("Attachments")), label))
        for attachment in attachments:
            story.append(Paragraph("• " + _text(attachment.get("name")), body))

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{hearing.title} – {_('Hearing response')}",
    )
    document.build(story)
    return out.getvalue()


def receipt_filename(*, response, version=None) -> str:
    number = version.number if version is not None else 0
    return f"hoyringssvar-{response.hearing_id}-{response.pk}-v{number}.pdf"


def receipt_attachments(mail) -> list[tuple[str, bytes, str]]:
    """The receipt e-mail's PDF (ATTACHMENT_BUILDERS), in the e-mail's language."""
    if mail.response_id is None:
        return []
    with translation.override(mail.language or "nn"):
        content = response_pdf(response=mail.response, version=mail.receipt_version)
    name = receipt_filename(response=mail.response, version=mail.receipt_version)
    return [(name, content, "application/pdf")]


ATTACHMENT_BUILDERS[MailKind.RESPONSE_RECEIPT] = receipt_attachments
