"""Every CSV and XLSX the secretariat downloads survives hostile names: a control character gives
no server error (XLSX cannot hold one) and never reaches the file, and a formula such as
=HYPERLINK("http://evil","x") is written as text that no spreadsheet runs."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from samhandling.events.models import Registration
from tests.events.factories import TROMSO, event, kommune, series

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil","x")'
HOSTILE_NAMES = [FORMULA, "Ola\x07 Nordmann", "\x1b" + FORMULA, "+47 22\x0b", "@SUM(1)", "-2+3"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture
def admin_client(admin_client, demo):
    admin_client.defaults["HTTP_HOST"] = "helse-nord.localhost"
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


@pytest.fixture
def hostile():
    """An event whose participants (and their organisation) have hostile names."""
    dialogue = series(max_per_organisation=20)
    conference = event(dialogue)
    tromso = kommune(TROMSO)
    tromso.name = "\x01" + FORMULA
    tromso.save()
    for n, name in enumerate(HOSTILE_NAMES):
        Registration.objects.create(
            event=conference,
            name=name,
            email=f"hostile{n}@example.org",
            organisation=tromso,
            job_title=FORMULA,
            dietary_needs="Ingen\tnøtter\r\n=1+1",
            status="confirmed",
            consent=True,
            token_hash=f"{n:064d}",
        )
    return conference


def assert_safe(cells):
    cells = [cell for cell in cells if isinstance(cell, str)]
    assert cells, "the file has no text"
    for cell in cells:
        assert not CONTROL.search(cell), f"control character in {cell!r}"
        assert not cell.lstrip(" ").startswith(FORMULA_STARTS), f"formula in {cell!r}"
    # What was typed can still be read.
    assert "'" + FORMULA in cells
    assert "Ola Nordmann" in cells


def csv_cells(response):
    assert response.status_code == 200
    text = response.getvalue().decode()
    delimiter = ";" if text.lstrip("\ufeff").count(";") > text.count(",") else ","
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))
    return [cell for row in rows for cell in row]


def xlsx_cells(response):
    assert response.status_code == 200
    content = response.getvalue()
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "formula cells"
    return [cell.value for cell in cells]


ALL_COLUMNS = ["name", "organisation", "job_title", "dietary_needs", "position"]


def test_the_event_export_as_csv_is_safe(admin_client, hostile):
    url = reverse("events_event_export", args=[hostile.pk])
    assert_safe(csv_cells(admin_client.get(url, {"columns": ALL_COLUMNS, "file_format": "csv"})))


def test_the_event_export_as_xlsx_is_safe(admin_client, hostile):
    url = reverse("events_event_export", args=[hostile.pk])
    response = admin_client.get(url, {"columns": ALL_COLUMNS, "file_format": "xlsx"})
    assert_safe(xlsx_cells(response))


def test_the_registrations_list_as_csv_is_safe(admin_client, hostile):
    url = reverse("wagtailsnippets_events_registration:list")
    assert_safe(csv_cells(admin_client.get(url, {"export": "csv", "event": hostile.pk})))


def test_the_registrations_list_as_xlsx_is_safe(admin_client, hostile):
    url = reverse("wagtailsnippets_events_registration:list")
    assert_safe(xlsx_cells(admin_client.get(url, {"export": "xlsx", "event": hostile.pk})))


def test_the_quota_board_as_csv_is_safe(admin_client, hostile):
    url = reverse("events_series_quota", args=[hostile.get_parent().pk])
    cells = csv_cells(admin_client.get(url, {"export": "csv"}))
    for cell in cells:
        assert not CONTROL.search(cell) and not cell.startswith(FORMULA_STARTS), cell
    assert any(cell.startswith("'" + FORMULA) for cell in cells)


def test_a_textarea_keeps_its_tabs_and_line_breaks(admin_client, hostile):
    url = reverse("events_event_export", args=[hostile.pk])
    response = admin_client.get(url, {"columns": ["dietary_needs"], "file_format": "xlsx"})
    assert "Ingen\tnøtter\r\n=1+1" in xlsx_cells(response)
