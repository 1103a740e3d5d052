"""Documents are always served through Django's document view (WAGTAILDOCS_SERVE_METHOD =
"serve_view"), so the check that hides the papers of unpublished meetings cannot be stepped
around, whatever the storage: with a storage that has no local path (S3), Wagtail's default would
redirect to the storage's own URL, which then works for anyone who has it."""

import os
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.test import Client, override_settings

from samhandling.committees.pages import MeetingPage
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


class RemoteLikeStorage(FileSystemStorage):
    """Like S3: files have a URL but no path on this machine."""

    # Django's Storage.path: storages without local files (S3) answer it with NotImplementedError.
    path = Storage.path

    def _local(self, name):
        return FileSystemStorage.path(self, name)

    def _open(self, name, mode="rb"):
        return File(open(self._local(name), mode))  # noqa: SIM115 - closed by the response

    def size(self, name):
        return os.path.getsize(self._local(name))

    def exists(self, name):
        return os.path.exists(self._local(name))


def _remote_storages():
    storages = dict(settings.STORAGES)
    storages["default"] = {
        "BACKEND": "tests.test_media_serving.RemoteLikeStorage",
        "OPTIONS": {"location": str(settings.MEDIA_ROOT), "base_url": settings.MEDIA_URL},
    }
    return storages


def test_documents_are_served_by_the_view_even_from_a_remote_storage(demo):
    september = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    item = next(i for i in september.agenda_items.all() if i.papers)
    document = item.papers[0].value["document"]
    path = urlparse(document.url).path
    assert not path.startswith(settings.MEDIA_URL)
    client = Client(HTTP_HOST=MR_HOST)
    with override_settings(STORAGES=_remote_storages()):
        response = client.get(path)
        assert response.status_code == 200, response.get("Location")
        assert b"".join(response.streaming_content if response.streaming else [response.content])
    september.unpublish()
    assert client.get(path).status_code == 404
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_the_dev_and_demo_media_route_does_not_serve_documents():
    from samhandling.urls import media_urlpatterns

    (pattern,) = media_urlpatterns()
    assert pattern.resolve("media/documents/sakspapir.pdf") is None
    assert pattern.resolve("media/original_images/bilete.png") is not None
    assert pattern.resolve("media/images/bilete.width-800.png") is not None
