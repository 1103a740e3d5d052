"""All responses of a hearing in one ZIP for the archive: a PDF per response and its
attachments, named as a Noark-style journal takes them in, with `journal.csv` listing them.

    2024-03-01_003_Molde-kommune_hoyringssvar.pdf
    2024-03-01_003_Molde-kommune_vedlegg-1_Vedtak-i-formannskapet.pdf
    journal.csv

The date is the day the response that counts was received (Europe/Oslo), the number its place
in the order of receipt. The ZIP is written to a temporary file, never held in memory whole, so
that hundreds of responses with attachments are streamed to the browser."""

import io
import re
import tempfile
import unicodedata
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.core.spreadsheets import csv_bytes

from .board import is_late
from .exports import confirmed_responses
from .pages import HearingPage

_TRANSLITERATE = str.maketrans(
    {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ŋ": "n", "Ŋ": "N", "đ": "d"}
)
_NOT_SAFE = re.compile(r"[^A-Za-z0-9]+")


def safe_name(text: str, *, limit: int = 60) -> str:
    """ASCII letters, digits and hyphens only: "Molde kommune" → "Molde-kommune"."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_TRANSLITERATE))
    text = text.encode("ascii", "ignore").decode()
    text = _NOT_SAFE.sub("-", text).strip("-")
    return text[:limit].rstrip("-") or "x"


def _extension(filename: str) -> str:
    match = re.search(r"\.([A-Za-z0-9]{1,8})$", filename or "")
    return match.group(1).lower() if match else "bin"


def _stem(filename: str) -> str:
    return re.sub(r"\.[A-Za-z0-9]{1,8}$", "", filename or "")


def archive_base_name(*, response, number: int) -> str:
    received = timezone.localtime(response.received_at or response.created_at).date()
    return f"{received:%Y-%m-%d}_{number:03d}_{safe_name(response.responder_name)}"


def _response_pdf(*, response, version=None) -> bytes:
    """The response as sent (or as one of its versions), as a PDF."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus.flowables import KeepTogether

    from samhandling.core.pdf_fonts import register_pdf_fonts

    regular, bold = register_pdf_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=15, leading=19, spaceAfter=6)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8)
    hearing = response.hearing
    if version is not None:
        content = version.content or {}
        general = content.get("general_answer", "")
        section_texts = content.get("sections", {}) or {}
    else:
        general = response.general_answer
        section_texts = {a.section_key: a.text for a in response.section_answers.all()}
    story = [
        Paragraph(_esc(hearing.title), small),
        Paragraph(
            _esc(_("Hearing response from %(name)s") % {"name": response.responder_name}), h1
        ),
    ]
    facts = [
        (_("Responds"), response.get_kind_display()),
        (_("Name"), response.name),
        (_("Role or title"), response.role),
        (_("E-mail"), response.email),
        (_("Received"), _when(response.received_at)),
        (_("Decided by"), response.decision_reference),
        (
            _("Decision date"),
            response.decision_date.strftime("%d.%m.%Y") if response.decision_date else "",
        ),
    ]
    if version is not None:
        facts.append((_("Version"), str(version.number)))
    for label, value in facts:
        if value:
            story.append(Paragraph(f"<b>{_esc(label)}:</b> {_esc(value)}", small))
    if response.no_comments:
        story += [Spacer(1, 4 * mm), Paragraph(_esc(_("No comments (ingen merknader).")), body)]
    if general:
        story += [Paragraph(_esc(_("General answer")), h2), *_paragraphs(general, body)]
    for section in hearing.draft_sections:
        text = section_texts.get(section.key)
        if text:
            story.append(KeepTogether([Paragraph(_esc(section.label), h2)]))
            story += _paragraphs(text, body)
    answers = list(response.question_answers.all())
    if answers:
        story.append(Paragraph(_esc(_("Hearing questions")), h2))
        questions = {q.pk: q for q in hearing.questions.all()} if answers else {}
        for answer in answers:
            question = questions.get(answer.question_id)
            text = question.text if question else ""
            line = f"<b>{_esc(text)}</b> {_esc(answer.get_choice_display())}"
            story.append(Paragraph(line, body))
            story += _paragraphs(answer.reason, body)
    attachments = list(response.attachments.all())
    if attachments:
        story.append(Paragraph(_esc(_("Attachments")), h2))
        story += [Paragraph(_esc(a.original_name), body) for a in attachments]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Hearing response from %(name)s") % {"name": response.responder_name},
    )
    document.build(story)
    return out.getvalue()


def _esc(text) -> str:
    """Text made safe for ReportLab's paragraph markup."""
    return str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _paragraphs(text: str, style) -> list:
    from reportlab.platypus import Paragraph

    return [
        Paragraph(_esc(part).replace("\n", "<br/>"), style)
        for part in re.split(r"\n\s*\n", text or "")
        if part.strip()
    ]


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def _pdf_renderer():
    """The responses helper's renderer when it is there, else this module's own."""
    try:
        from .receipt_pdf import response_pdf
    except ImportError:
        return _response_pdf
    return response_pdf


def write_archive(*, hearing: HearingPage, fileobj) -> list[list]:
    """Write the ZIP to `fileobj`; returns the rows of the journal."""
    render = _pdf_renderer()
    journal = []
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5) as zf:
        for number, response in enumerate(confirmed_responses(hearing=hearing), start=1):
            base = archive_base_name(response=response, number=number)
            name = f"{base}_hoyringssvar.pdf"
            zf.writestr(name, render(response=response))
            received = _when(response.received_at)
            late = _("Yes") if is_late(hearing=hearing, response=response) else ""
            journal.append([name, _("Main document"), response.responder_name, received, late, ""])
            for index, attachment in enumerate(response.attachments.all(), start=1):
                stem = safe_name(_stem(attachment.original_name), limit=50)
                filename = f"{base}_vedlegg-{index}_{stem}.{_extension(attachment.original_name)}"
                try:
                    with (
                        attachment.file.open("rb") as source,
                        zf.open(
                            zipfile.ZipInfo(filename, _zip_time(response.received_at)), "w"
                        ) as target,
                    ):
                        while chunk := source.read(1024 * 256):
                            target.write(chunk)
                except FileNotFoundError:
                    continue
                journal.append(
                    [filename, _("Attachment"), response.responder_name, received, late, name]
                )
        zf.writestr(
            "journal.csv",
            csv_bytes(
                header=[
                    _("File"),
                    _("Document"),
                    _("Responder"),
                    _("Received"),
                    _("Late"),
                    _("Attachment to"),
                ],
                rows=journal,
            ),
        )
    return journal


def _zip_time(value):
    local = timezone.localtime(value or timezone.now())
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def archive_file(*, hearing: HearingPage):
    """A temporary file (rewound) holding the ZIP; it is removed when closed."""
    fileobj = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 - closed by the response
    write_archive(hearing=hearing, fileobj=fileobj)
    fileobj.seek(0)
    return fileobj


def archive_filename(*, hearing: HearingPage) -> str:
    return f"{timezone.localdate():%Y-%m-%d}_{safe_name(hearing.title)}_hoyringssvar.zip"
