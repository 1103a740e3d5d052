"""The board's exports: the XLSX (a row per confirmed response), the archive ZIP (a PDF per
response and its attachments, named for a journal, with journal.csv) and the summary report."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samhandling.hearings.archive import safe_name, write_archive
from samhandling.hearings.choices import QuestionChoice, ResponderKind, ResponseStatus
from samhandling.hearings.report import report_docx, report_parts, section_summary_save
from samhandling.hearings.responses import QuestionAnswer, ResponseAttachment

from .board_helpers import hearing_with_members
from .factories import confirmed_response

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture
def three(demo, media):
    hearing, members = hearing_with_members(questions=("Støttar de planen?",))
    first, second = hearing.draft_sections[:2]
    day = timezone.make_aware(datetime.datetime(2024, 3, 1, 10, 0))
    molde = confirmed_response(
        hearing,
        organisation=members[0],
        section_texts={first.key: "Vi meiner del 1 er god.", second.key: "=HYPERLINK(x)"},
        decision_reference="Formannskapet, sak 23/45",
        received_at=day,
    )
    attachment = ResponseAttachment(response=molde, original_name="Vedtak i formannskapet.pdf")
    attachment.file.save("vedtak.pdf", ContentFile(PDF), save=False)
    attachment.size = len(PDF)
    attachment.save()
    QuestionAnswer.objects.create(
        response=molde,
        question=hearing.questions.get(),
        choice=QuestionChoice.PARTLY,
        reason="Fristane er knappe.",
    )
    confirmed_response(
        hearing,
        organisation=members[1],
        no_comments=True,
        general_answer="",
        received_at=day + datetime.timedelta(hours=1),
    )
    confirmed_response(
        hearing,
        kind=ResponderKind.PRIVATE,
        name="Åse Ødegård",
        general_answer="Eg er ueinig.",
        received_at=day + datetime.timedelta(days=1),
    )
    unconfirmed = confirmed_response(hearing, name="Ikkje stadfesta")
    unconfirmed.status = ResponseStatus.UNCONFIRMED
    unconfirmed.save()
    return hearing, members


def test_safe_names_for_the_archive():
    assert safe_name("Molde kommune") == "Molde-kommune"
    assert safe_name("Høyring: «Ålesund»/Sula") == "Hoyring-Alesund-Sula"
    assert safe_name("Guovdageaidnu – Kautokeino") == "Guovdageaidnu-Kautokeino"


def test_the_xlsx_has_a_row_per_confirmed_response_and_a_column_per_section(three, admin_client):
    hearing, members = three
    answer = admin_client.get(reverse("hearings_xlsx", args=[hearing.pk]))
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.values)
    header = rows[0]
    assert len(rows) == 4  # three confirmed, the unconfirmed left out
    assert hearing.draft_sections[0].label in header
    assert "Støttar de planen?" in header
    molde = rows[1]
    assert molde[0] == members[0].display_name
    assert "Vi meiner del 1 er god." in molde
    assert "'=HYPERLINK(x)" in molde  # a formula is defused
    assert "Vedtak i formannskapet.pdf" in molde
    assert "Fristane er knappe." in molde
    assert rows[3][0] == "Åse Ødegård"


def test_the_zip_holds_a_pdf_per_response_its_attachments_and_the_journal(three):
    hearing, members = three
    out = io.BytesIO()
    write_archive(hearing=hearing, fileobj=out)
    archive = zipfile.ZipFile(out)
    names = sorted(archive.namelist())
    molde = safe_name(members[0].display_name)
    second = safe_name(members[1].display_name)
    assert names == sorted(
        [
            f"2024-03-01_001_{molde}_hoyringssvar.pdf",
            f"2024-03-01_001_{molde}_vedlegg-1_Vedtak-i-formannskapet.pdf",
            f"2024-03-01_002_{second}_hoyringssvar.pdf",
            "2024-03-02_003_Ase-Odegard_hoyringssvar.pdf",
            "journal.csv",
        ]
    )
    assert archive.read(f"2024-03-01_001_{molde}_vedlegg-1_Vedtak-i-formannskapet.pdf") == PDF
    assert archive.read(f"2024-03-01_002_{second}_hoyringssvar.pdf").startswith(b"%PDF")
    journal = list(
        csv.reader(io.StringIO(archive.read("journal.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert len(journal) == 5 and journal[2][0].endswith("Vedtak-i-formannskapet.pdf")


def test_the_zip_downloads_from_the_board(three, admin_client):
    hearing, _members = three
    answer = admin_client.get(reverse("hearings_zip", args=[hearing.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/zip"
    body = b"".join(answer.streaming_content)
    assert len(zipfile.ZipFile(io.BytesIO(body)).namelist()) == 5


def test_the_report_puts_the_summary_before_the_responses_of_each_section(three, admin_client):
    hearing, members = three
    first = hearing.draft_sections[0]
    url = reverse("hearings_report", args=[hearing.pk])
    saved = admin_client.post(
        url, {"s-general-text": "Dei fleste støttar planen.", f"s-{first.key}-text": "Del 1: ja."}
    )
    assert saved.status_code == 302
    parts = {part.key: part for part in report_parts(hearing=hearing)}
    assert parts[""].summary == "Dei fleste støttar planen."
    assert parts[first.key].summary == "Del 1: ja."
    assert parts[first.key].answers == [(members[0].display_name, "Vi meiner del 1 er god.")]
    pdf = admin_client.get(reverse("hearings_report_download", args=[hearing.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = admin_client.get(reverse("hearings_report_download", args=[hearing.pk, "docx"]))
    assert docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert text.index("Del 1: ja.") < text.index("Vi meiner del 1 er god.")
    assert (
        admin_client.get(reverse("hearings_report_download", args=[hearing.pk, "exe"])).status_code
        == 404
    )


def test_a_summary_of_a_forged_section_is_refused(three):
    hearing, _members = three
    with pytest.raises(ValueError):
        section_summary_save(hearing=hearing, section_key="forged", text="x")
    assert report_docx(hearing=hearing).startswith(b"PK")


def test_the_report_page_and_a_response_with_an_attachment_render(three, admin_client):
    hearing, members = three
    report = admin_client.get(reverse("hearings_report", args=[hearing.pk]))
    assert report.status_code == 200
    assert len(report.context["forms"]) == len(hearing.draft_sections) + 1
    molde = hearing.responses.get(organisation=members[0])
    page = admin_client.get(reverse("hearings_response", args=[molde.pk]))
    assert page.status_code == 200
    assert "Vedtak i formannskapet.pdf" in page.content.decode()
    board = admin_client.get(reverse("hearings_board", args=[hearing.pk]))
    assert board.status_code == 200
