"""The secretariat's participant lists: XLSX and CSV with chosen columns, and name badges."""

import csv
import io

import pytest
from django.conf import settings
from django.test import Client
from openpyxl import load_workbook

from samhandling.events.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client, demo):
    admin_client.defaults["HTTP_HOST"] = "helse-nord.localhost"
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


@pytest.fixture
def tromso():
    return EventPage.objects.get(slug="dialogkonferanse-tromso")


def test_csv_uses_semicolons_a_bom_and_only_the_chosen_columns(admin_client, tromso):
    url = f"/admin/events/event/{tromso.pk}/export/"
    response = admin_client.get(url, {"columns": ["name", "organisation"], "file_format": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Name", "Organisation"]
    assert ["Kari Nordmann", "Tromsø"] in rows


def test_xlsx_has_a_bold_header_and_the_participants(admin_client, tromso):
    response = admin_client.get(
        f"/admin/events/event/{tromso.pk}/export/",
        {"columns": ["name", "email", "status"], "file_format": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Name", "E-mail", "Status"]
    assert ["Kari Nordmann", "kari.nordmann@tromso.example", "Confirmed"] in values
    assert sheet["A1"].font.bold


def test_the_form_asks_again_when_no_column_is_chosen(admin_client, tromso):
    response = admin_client.get(
        f"/admin/events/event/{tromso.pk}/export/", {"columns": [], "file_format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Choose at least one column" in response.content.decode()


def test_a_formula_in_a_name_is_not_run_by_spreadsheets(admin_client, tromso):
    from samhandling.events.models import Registration

    kari = Registration.objects.get(email="kari.nordmann@tromso.example")
    kari.name = '=HYPERLINK("http://x")'
    kari.save()
    response = admin_client.get(
        f"/admin/events/event/{tromso.pk}/export/", {"columns": ["name"], "file_format": "csv"}
    )
    assert "'=HYPERLINK" in response.content.decode()


def test_name_badges_pdf_lists_confirmed_participants(admin_client, tromso):
    from pypdf import PdfReader

    response = admin_client.get(f"/admin/events/event/{tromso.pk}/badges/")
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Kari Nordmann" in text and "Tromsø" in text


def test_exports_need_the_secretariats_permission(demo, tromso):
    client = Client(HTTP_HOST="helse-nord.localhost")
    assert client.get(f"/admin/events/event/{tromso.pk}/badges/").status_code == 302


def test_name_badges_keep_sami_letters(admin_client, tromso):
    from pypdf import PdfReader

    from samhandling.events.models import Registration
    from samhandling.organisations.models import Organisation

    porsanger = Organisation.objects.get(name="Porsanger")
    porsanger.sami_name = "Porsáŋgu"
    porsanger.save()
    Registration.objects.create(
        event=tromso,
        name="Áilu Čoavddáš Đuŋŧ",
        email="ailu@example.org",
        organisation=porsanger,
        status="confirmed",
        consent=True,
        token_hash="x" * 64,
    )
    response = admin_client.get(f"/admin/events/event/{tromso.pk}/badges/")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Áilu Čoavddáš Đuŋŧ" in text
    assert f"Porsanger – {porsanger.sami_name}" in text
    fonts = str(reader.pages[0]["/Resources"]["/Font"].get_object())
    assert "Helvetica" not in fonts
