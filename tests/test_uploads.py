"""Upload limits: public forms take no files and no large bodies (refused with a page, never a
500, and nothing saved), while the admin's document upload still takes 20 MB."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import LimitedStream
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.documents import get_document_model

from samhandling.core.uploads import PublicUploadLimitMiddleware
from samhandling.events.models import Registration
from tests.committees.test_documents import admin, upload
from tests.conftest import HN_HOST
from tests.events.factories import event, series
from tests.events.test_views import form_data

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def plain(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def visitor() -> Client:
    client = Client(HTTP_HOST=HN_HOST)
    client.cookies["django_language"] = "en"
    return client


def test_a_file_part_sent_to_a_public_form_is_refused_and_nothing_is_saved(demo):
    conference = event(series(), capacity=50)
    url = reverse("events:signup", args=[conference.pk])
    data = {**form_data(), "attachment": SimpleUploadedFile("big.bin", b"x" * 500_000)}
    response = visitor().post(url, data)  # multipart/form-data
    assert response.status_code == 413
    assert "The form was too large" in plain(response) and "Nothing was saved." in plain(response)
    assert not Registration.objects.filter(event=conference).exists()


def test_the_same_form_sent_as_multipart_without_files_still_signs_up(demo):
    conference = event(series(), capacity=50)
    url = reverse("events:signup", args=[conference.pk])
    response = visitor().post(url, form_data())  # the test client sends multipart
    assert response.status_code == 302
    assert Registration.objects.filter(event=conference).count() == 1


def test_a_200_mb_body_is_refused_before_it_is_read(demo, settings):
    conference = event(series(), capacity=50)
    url = reverse("events:signup", args=[conference.pk])

    class Endless(io.RawIOBase):
        """A body that says it is 200 MB; counts what is read of it."""

        read_bytes = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            Endless.read_bytes += len(buffer)
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    request = RequestFactory(HTTP_HOST=HN_HOST).post(url, data=b"", content_type="text/plain")
    request.META["CONTENT_LENGTH"] = str(200 * MB)
    request.META["CONTENT_TYPE"] = "multipart/form-data; boundary=xyz"
    request.META["wsgi.input"] = Endless()
    request._stream = io.BufferedReader(Endless())
    reached = []
    response = PublicUploadLimitMiddleware(lambda r: reached.append(r))(request)
    assert response.status_code == 413 and not reached
    assert Endless.read_bytes == 0
    # Over HTTP through the whole stack: the declared size alone decides.
    big = "x" * (settings.PUBLIC_FORM_MAX_BODY_SIZE + 1)
    response = visitor().post(url, f"name={big}", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert not Registration.objects.filter(event=conference).exists()


def test_the_upload_handler_stops_reading_at_the_first_file_part(demo, settings):
    """A multipart body under the size limit whose file part would be read to the end without
    the handler: reading stops at the part's headers."""
    settings.PUBLIC_FORM_MAX_BODY_SIZE = 10 * MB
    conference = event(series(), capacity=50)
    url = reverse("events:signup", args=[conference.pk])
    head = (
        b'--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nKari\r\n'
        b'--xyz\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
    )
    body = head + b"x" * (8 * MB) + b"\r\n--xyz--\r\n"
    stream = io.BytesIO(body)
    request = RequestFactory(HTTP_HOST=HN_HOST).generic(
        "POST", url, data=body, content_type="multipart/form-data; boundary=xyz"
    )
    request._stream = LimitedStream(stream, len(body))
    response = PublicUploadLimitMiddleware(lambda r: pytest.fail("the view ran"))(request)
    assert response.status_code == 413
    assert stream.tell() < 1 * MB  # the 8 MB file was not read


def test_a_malformed_body_gets_a_page_not_a_500(demo):
    conference = event(series(), capacity=50)
    url = reverse("events:signup", args=[conference.pk])
    response = visitor().post(
        url, b"--nope\r\ngarbage", content_type="multipart/form-data; boundary="
    )
    assert response.status_code == 400
    assert "The form could not be read" in plain(response)


def test_the_admin_still_takes_a_20_mb_document(demo):
    from samhandling.core.demo.drawings import text_pdf

    head = text_pdf(["Saksframlegg"])
    pdf = head + b"%" + b"0" * (20 * MB - len(head) - 1)  # exactly 20 MB
    response = upload(admin(), "saksframlegg.pdf", pdf)
    assert response.status_code == 302, plain(response)[:500]
    document = get_document_model().objects.get(title="Saksframlegg")
    assert document.file.size > 19 * MB
