"""Fonts for the PDFs Samhandling makes (name badges, meeting books).

ReportLab's built-in Helvetica only has the Latin-1 letters, so names such as Porsáŋgu, Čáhcesuolu
or Unjárga would lose letters. DejaVu Sans (committed in samhandling/core/fonts by `make assets`,
under its own free licence) has every Sámi and Nordic letter."""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = "SamhandlingSans"
BOLD = "SamhandlingSans-Bold"


def register_pdf_fonts() -> tuple[str, str]:
    """Register the fonts with ReportLab once; return the names of the regular and bold face."""
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD
