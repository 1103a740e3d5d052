"""Case papers and other documents uploaded in the admin: too large, of the wrong type, or not
what their name says are refused with a message, and nothing is saved."""

import io
import re
import zipfile

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from samhandling.core.demo.drawings import text_pdf
from samhandling.core.documents import MB
from tests.staff_login import admin_login

pytestmark = pytest.mark.django_db

Document = get_document_model()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program"


def admin(language: str = "en") -> Client:
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return admin_login(Client(), user)


def upload(client: Client, name: str, content: bytes, title: str = "Saksframlegg"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def errors(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def office_zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX = office_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = office_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def test_the_limit_is_20_mb_unless_the_environment_says_otherwise():
    import os
    import subprocess
    import sys

    assert settings.SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE == 20 * MB
    assert settings.WAGTAILDOCS_DOCUMENT_FORM_BASE == "samhandling.core.documents.DocumentForm"
    read = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; print(s.SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE)",
        ],
        env={**os.environ, "SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE": "5242880"},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert read.stdout.strip() == "5242880"


def test_a_real_small_pdf_is_saved():
    client = admin()
    response = upload(client, "saksframlegg.pdf", text_pdf(["Sak 11/2023"]))
    assert response.status_code == 302
    document = Document.objects.get(title="Saksframlegg")
    assert document.file.name.endswith(".pdf")
    with document.open_file() as stored:
        assert stored.read(5) == b"%PDF-"


@override_settings(SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE=1 * MB)
def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit():
    client = admin()
    before = Document.objects.count()
    big = b"%PDF-1.7\n" + b"0" * (MB + MB // 2)
    response = upload(client, "stor.pdf", big)
    assert response.status_code == 200  # the form again
    assert "The file is too large (1.5 MB). Documents can be at most 1 MB." in errors(response)
    assert Document.objects.count() == before
    # The form says the limit before anyone tries.
    assert "At most 1 MB." in errors(client.get(reverse("wagtaildocs:add")))


def test_a_file_just_over_the_limit_does_not_read_as_the_limit():
    from django.utils import translation

    from samhandling.core.documents import too_large_message

    with translation.override("nn"):
        message = too_large_message(limit=20 * MB, size=20 * MB + 1)
    assert "20,1" in message and "20 MB" in message


def test_an_exe_renamed_to_pdf_is_refused():
    client = admin()
    before = Document.objects.count()
    response = upload(client, "saksframlegg.pdf", EXE)
    assert response.status_code == 200
    assert "The file name ends in .pdf, but the content is not of that type." in errors(response)
    assert Document.objects.count() == before


def test_an_exe_is_refused_and_the_allowed_types_are_named():
    client = admin()
    before = Document.objects.count()
    response = upload(client, "program.exe", EXE)
    assert response.status_code == 200
    html = errors(response)
    assert "Files of this type cannot be uploaded (program.exe)." in html
    assert "Allowed types: PDF, DOCX, XLSX, ODT, ODS, PPTX, TXT, CSV." in html
    assert "is not allowed" not in html  # no second message about the same file
    assert Document.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "saved"),
    [
        ("vedlegg.docx", DOCX, True),
        ("vedlegg.xlsx", DOCX, False),  # a Word file renamed to .xlsx
        ("vedlegg.docx", EXE, False),
        ("vedlegg.docx", b"PK\x03\x04 not really a zip", False),
        ("vedlegg.odt", ODT, True),
        ("vedlegg.ods", ODT, False),
        ("liste.csv", "namn;kommune\nÅse;Ålesund\n".encode(), True),
        ("liste.csv", EXE, False),
    ],
)
def test_office_and_text_files_must_be_what_their_name_says(name, content, saved):
    client = admin()
    response = upload(client, name, content, title=f"Vedlegg {name}")
    assert Document.objects.filter(title=f"Vedlegg {name}").exists() is saved
    assert (response.status_code == 302) is saved


def test_the_message_is_in_the_editors_language():
    client = admin("nn")
    response = upload(client, "program.exe", EXE)
    assert "Filer av denne typen kan ikkje lastast opp (program.exe)." in errors(response)


def test_the_chooser_upload_refuses_a_renamed_exe():
    client = admin()
    before = Document.objects.count()
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "Feil",
            "document-chooser-upload-file": SimpleUploadedFile("feil.pdf", EXE),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
            "document-chooser-upload-tags": "",
        },
    )
    assert response.status_code == 200
    assert "but the content is not of that type" in response.json()["htmlFragment"]
    assert Document.objects.count() == before


@override_settings(SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE=1 * MB)
def test_the_multiple_uploader_refuses_each_bad_file_and_saves_the_good_one():
    client = admin()
    before = Document.objects.count()
    url = reverse("wagtaildocs:add_multiple")
    # It checks the size in the browser too, with the same limit and message.
    html = errors(client.get(url))
    assert f'data-max-file-size="{MB}"' in html
    assert "Documents can be at most 1 MB." in html

    def send(name, content):
        return client.post(
            url,
            {"files[]": SimpleUploadedFile(name, content)},
            headers={"x-requested-with": "XMLHttpRequest"},
        ).json()

    refused = send("feil.pdf", EXE)
    assert refused["success"] is False
    assert "but the content is not of that type" in refused["error_message"]
    too_big = send("stor.pdf", b"%PDF-1.7\n" + b"0" * (2 * MB))
    assert too_big["success"] is False
    assert "(2 MB)" in too_big["error_message"]
    assert Document.objects.count() == before

    assert send("saksframlegg.pdf", text_pdf(["Sak 12/2023"]))["success"] is True
    assert Document.objects.count() == before + 1
