"""The one function every CSV and XLSX cell passes through (samhandling.core.spreadsheets)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from samhandling.core.spreadsheets import csv_bytes, spreadsheet_cell, xlsx_bytes


@pytest.mark.parametrize(
    "value, safe",
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+47 22 00 00 00", "'+47 22 00 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("\x1b=1", "'=1"),  # the control character goes first, then the formula is seen
        ("Ola\x07 Nordmann\x7f\x85", "Ola Nordmann"),
        ("Ingen nøtter,\r\n\tingen egg", "Ingen nøtter,\r\n\tingen egg"),
        ("Kari Nordmann", "Kari Nordmann"),
        ("", ""),
        (None, ""),
    ],
)
def test_text_is_cleaned_and_formulas_defused(value, safe):
    assert spreadsheet_cell(value) == safe


def test_numbers_dates_and_booleans_stay_as_they_are():
    when = datetime.datetime(2026, 12, 5, 10, 0)
    for value in (-5, 3.5, True, when, datetime.date(2026, 1, 1)):
        assert spreadsheet_cell(value) == value


def test_csv_and_xlsx_are_written_safely():
    rows = [["=1+1", "Ola\x07", 3]]
    text = csv_bytes(header=["Namn", "B", "C"], rows=rows).decode("utf-8")
    assert text == "\ufeffNamn;B;C\r\n'=1+1;Ola;3\r\n"
    workbook = load_workbook(
        io.BytesIO(xlsx_bytes(header=["A", "B", "C"], rows=rows, sheet_title="S\x01"))
    )
    sheet = workbook.active
    assert [c.value for c in sheet[2]] == ["'=1+1", "Ola", 3]
    assert sheet.title == "S" and sheet["A1"].font.bold
