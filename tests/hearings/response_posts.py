"""Helpers for the hearing-response tests: valid posts of the form, documents that are what
their names say (and one that lies), and the private link taken from the confirmation e-mail."""

import io
import re
import zipfile

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.form_guard import guard_fields

MR_HOST = "more-og-romsdal.localhost"
LINK = re.compile(r"https?://[^\s]+/hoyring/svar/([A-Za-z0-9_-]+)/")


def visitor() -> Client:
    return Client(HTTP_HOST=MR_HOST)


def pdf_bytes(size: int = 0) -> bytes:
    return b"%PDF-1.4\n%test\n" + b"0" * size + b"\n%%EOF\n"


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def response_post(*, kind="private", organisation=None, **overrides) -> dict:
    data = {
        "kind": kind,
        "organisation": str(getattr(organisation, "pk", organisation) or ""),
        "organisation_name": "",
        "decision_reference": "",
        "decision_date": "",
        "general_answer": "Vi støttar utkastet.",
        "name": "Kari Nordmann",
        "role": "Rådgjevar",
        "email": "kari@example.org",
        "phone": "",
        "address": "",
        **guard_fields(),
    }
    data.update(overrides)
    return data


def respond_url(hearing) -> str:
    return f"/hoyring/{hearing.pk}/svar/"


def token_from_mail(to: str | None = None) -> str:
    for message in reversed(mail.outbox):
        if to is None or to in message.to:
            found = LINK.search(message.body)
            if found:
                return found.group(1)
    raise AssertionError("no confirmation link in the e-mail sent")


def link_post(action: str, **extra) -> dict:
    return {"action": action, **guard_fields(), **extra}
