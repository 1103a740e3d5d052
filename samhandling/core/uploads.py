"""Upload limits of public forms: no files, and no body over PUBLIC_FORM_MAX_BODY_SIZE.

Public forms (every POST outside `settings.SAMHANDLING_UPLOAD_PATHS`, which holds the admin) take
no files. `PublicUploadLimitMiddleware` refuses such a POST whose declared size is too large
before reading it (413), and otherwise puts `NoFilesUploadHandler` first among the request's
upload handlers: it stops reading a multipart body at its first file part (or at a body larger
than the limit) and the middleware answers with a page in the visitor's language (413) instead
of letting a view run. Form fields outside files are limited by DATA_UPLOAD_MAX_MEMORY_SIZE as
everywhere; a body Django refuses (too large, too many fields, malformed) gets the same kind of
page (400 or 413), never a 500."""

import re

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class UploadRefused(Exception):
    """A public form's body that is not read further."""


class NoFilesUploadHandler(FileUploadHandler):
    """Refuses the upload at its first file part, or when the body is larger than allowed."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.PUBLIC_FORM_MAX_BODY_SIZE:
            raise UploadRefused("too large")
        return None

    def new_file(self, *args, **kwargs):
        raise UploadRefused("file")

    def receive_data_chunk(self, raw_data, start):  # pragma: no cover - new_file never returns
        raise UploadRefused("file")

    def file_complete(self, file_size):  # pragma: no cover
        return None


def takes_uploads(path: str) -> bool:
    """Whether `path` is below one of SAMHANDLING_UPLOAD_PATHS: a prefix ("/admin/"), or a
    regular expression when the entry starts with "^" (one form's exact address)."""
    return any(
        re.match(entry, path) if entry.startswith("^") else path.startswith(entry)
        for entry in settings.SAMHANDLING_UPLOAD_PATHS
    )


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def refused_body(request, *, status: int, with_files: bool = False):
    if status == 413 and with_files:
        title = _("The form was too large")
        message = _(
            "What was sent was larger than this form takes, attachments included. Nothing was "
            "saved. Go back and send smaller or fewer attachments."
        )
    elif status == 413:
        title = _("The form was too large")
        message = _(
            "What was sent was larger than this form takes, or carried a file, which this form "
            "does not accept. Nothing was saved. Go back, fill in the form without attachments "
            "and send it again."
        )
    else:
        title = _("The form could not be read")
        message = _(
            "What was sent could not be read as this form. Nothing was saved. Go back, open the "
            "form again and send it once more."
        )
    response = render(
        request,
        "core/request_refused.html",
        {"refused_title": title, "refused_message": message, "back_url": request.path},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


class PublicUploadLimitMiddleware:
    """After the language middleware, before CSRF (which reads the body)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in UNSAFE_METHODS
            and takes_uploads(request.path_info)
            and not request.path_info.startswith("/admin/")
            and _content_length(request) > settings.PUBLIC_UPLOAD_MAX_BODY_SIZE
        ):
            # A public form that takes files (a hearing response): refused before it is read
            # when it is larger than its attachments together may be.
            return refused_body(request, status=413, with_files=True)
        if request.method in UNSAFE_METHODS and not takes_uploads(request.path_info):
            if _content_length(request) > settings.PUBLIC_FORM_MAX_BODY_SIZE:
                return refused_body(request, status=413)
            request.upload_handlers.insert(0, NoFilesUploadHandler(request))
            try:
                request.POST  # noqa: B018 - read the body now, under the handlers above
            except (UploadRefused, RequestDataTooBig):
                return refused_body(request, status=413)
            except (MultiPartParserError, SuspiciousOperation, BadRequest, UnicodeDecodeError):
                return refused_body(request, status=400)
        return self.get_response(request)
