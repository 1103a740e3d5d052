"""Participant lists for the secretariat: CSV (semicolons, as Norwegian spreadsheet programs
expect), XLSX with chosen columns, and name badges as PDF. The spreadsheets are written by
`samhandling.core.spreadsheets`, which defuses formulas and drops control characters."""

import io

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.core.spreadsheets import csv_bytes, xlsx_bytes

from .models import Registration, RegistrationStatus

COLUMNS = {
    "name": (_("Name"), lambda r: r.name),
    "email": (_("E-mail"), lambda r: r.email),
    "phone": (_("Phone"), lambda r: r.phone),
    "organisation": (_("Organisation"), lambda r: r.organisation_name),
    "job_title": (_("Job title"), lambda r: r.job_title),
    "kind": (_("Kind"), lambda r: r.get_kind_display()),
    "status": (_("Status"), lambda r: r.get_status_display()),
    "position": (_("Waiting list position"), lambda r: r.position or ""),
    "dietary_needs": (_("Dietary needs"), lambda r: r.dietary_needs),
    "accessibility_needs": (_("Accessibility needs"), lambda r: r.accessibility_needs),
    "attended": (_("Attended"), lambda r: _("yes") if r.attended else ""),
    "created": (
        _("Signed up"),
        lambda r: timezone.localtime(r.created).strftime("%d.%m.%Y %H:%M"),
    ),
}
DEFAULT_COLUMNS = ["name", "organisation", "job_title", "email", "kind", "status"]


def export_rows(*, event, columns: list[str], include_inactive: bool = False):
    registrations = Registration.objects.filter(event=event).select_related("organisation")
    if not include_inactive:
        registrations = registrations.filter(
            status__in=[
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITING,
                RegistrationStatus.PENDING,
            ]
        )
    registrations = registrations.order_by("status", "position", "name")
    header = [str(COLUMNS[c][0]) for c in columns]
    rows = [[COLUMNS[c][1](r) for c in columns] for r in registrations]
    return header, rows


def registrations_csv(*, header, rows) -> bytes:
    return csv_bytes(header=header, rows=rows)


def registrations_xlsx(*, header, rows, title: str) -> bytes:
    return xlsx_bytes(header=header, rows=rows, sheet_title=_("Participants"), title=title)


def name_badges_pdf(*, event) -> bytes:
    """A4 sheets of 2 × 4 name badges (90 × 60 mm) for the confirmed participants."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from samhandling.core.pdf_fonts import register_pdf_fonts
    from samhandling.core.templatetags.samhandling_tags import long_date

    people = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("organisation")
        .order_by("name")
    )
    regular, bold = register_pdf_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setTitle(f"{event.title} – {_('name badges')}")
    width, height = 90 * mm, 60 * mm
    left = (A4[0] - 2 * width) / 2
    top = A4[1] - (A4[1] - 4 * height) / 2
    footer = f"{event.title} · {long_date(event.start)}"
    for n, person in enumerate(people):
        if n and n % 8 == 0:
            pdf.showPage()
        column, row = n % 2, (n % 8) // 2
        x, y = left + column * width, top - (row + 1) * height
        pdf.setLineWidth(0.3)
        pdf.setDash(2, 2)
        pdf.rect(x, y, width, height)
        pdf.setDash()
        pdf.setFont(bold, _fit(pdf, person.name, bold, 20, width - 10 * mm))
        pdf.drawCentredString(x + width / 2, y + height * 0.55, person.name)
        organisation = person.organisation_name
        pdf.setFont(regular, _fit(pdf, organisation, regular, 12, width - 10 * mm))
        pdf.drawCentredString(x + width / 2, y + height * 0.38, organisation)
        pdf.setFont(regular, _fit(pdf, footer, regular, 8, width - 10 * mm))
        pdf.drawCentredString(x + width / 2, y + 6 * mm, footer)
    if not people:
        pdf.setFont(regular, 12)
        pdf.drawString(20 * mm, A4[1] - 30 * mm, str(_("Nobody is signed up for this event.")))
    pdf.save()
    return out.getvalue()


def _fit(pdf, text: str, font: str, size: float, room: float) -> float:
    while size > 6 and pdf.stringWidth(text or "", font, size) > room:
        size -= 0.5
    return size
