"""Every CSV and XLSX file the project writes passes its cells through `spreadsheet_cell`.

Two things go wrong with text that visitors typed (a name, an organisation, a dietary need):

- A **formula**: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is run
  as a formula by Excel and LibreOffice (`=HYPERLINK("http://evil","x")`), so such text gets a
  leading apostrophe, as OWASP's advice on CSV injection says; spreadsheets show the text as it
  was typed.
- A **control character** (anything below U+0020 other than tab, newline and carriage return,
  DEL and the C1 controls, and the two non-characters U+FFFE/U+FFFF): XML, and so XLSX, cannot
  hold them (openpyxl raises `IllegalCharacterError`), and in a CSV they are at best invisible.
  They are dropped. The public forms refuse them in the first place
  (`samhandling.core.text.SafeTextFormMixin`); this cleans what came in before, or another way.

Numbers, dates and booleans are left as they are, so a spreadsheet can still sum and sort them.
Wagtail's own list exports (a `SnippetViewSet` with `list_export`) use the same function through
`SafeSpreadsheetExportMixin`.
"""

import csv
import io
import re
from collections.abc import Iterable

from django.utils.functional import Promise

# Characters no spreadsheet cell should hold (XML 1.0 forbids most of them).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# What a spreadsheet takes as the start of a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_control_characters(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return are kept)."""
    return _CONTROL.sub("", text)


def spreadsheet_cell(value):
    """A value made safe for a CSV or XLSX cell: text without control characters and with any
    formula defused by a leading apostrophe; None as an empty cell; other values unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float) or not isinstance(value, str | Promise):
        return value
    text = clean_control_characters(str(value))
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def spreadsheet_row(values: Iterable) -> list:
    return [spreadsheet_cell(value) for value in values]


def csv_bytes(*, header: Iterable, rows: Iterable[Iterable], delimiter: str = ";") -> bytes:
    """A CSV file (UTF-8 with a byte-order mark, so Excel reads it as UTF-8; semicolons by
    default, as Norwegian spreadsheet programs expect) with every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(spreadsheet_row(header))
    writer.writerows(spreadsheet_row(row) for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(*, header: Iterable, rows: Iterable[Iterable], sheet_title: str, title: str = ""):
    """An XLSX workbook of one sheet (bold, frozen header row; columns sized to their text)
    with every cell made safe. Text cells are always written as text, never as formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = clean_control_characters(str(sheet_title))[:31]
    sheet.append(spreadsheet_row(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(spreadsheet_row(row))
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl takes text beginning with "=" as a formula
                cell.data_type = "s"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)
    sheet.freeze_panes = "A2"
    workbook.properties.title = clean_control_characters(str(title))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class SafeSpreadsheetExportMixin:
    """For Wagtail index views with `list_export`: every exported value goes through
    `spreadsheet_cell` after Wagtail's own preprocessing (dates stay dates in XLSX)."""

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_cell(super().preprocess_field_value(field, value, export_format))
