"""Documents uploaded in the admin. Documents → Add, the upload tab of the document chooser and
the multiple uploader all build their form on `DocumentForm` (through the setting
WAGTAILDOCS_DOCUMENT_FORM_BASE). A file over SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE, of a type not in
WAGTAILDOCS_EXTENSIONS, or whose content is not what its name says (an .exe renamed to .pdf) is
refused with a message, and nothing is saved."""

import math
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

MB = 1024 * 1024
SNIFF_BYTES = 8192

# Office Open XML files are zip files with [Content_Types].xml and a folder per application.
OFFICE_OPEN_XML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
# OpenDocument files are zip files whose entry "mimetype" names the kind of document.
OPEN_DOCUMENT = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
PLAIN_TEXT = {"txt", "csv"}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def document_max_upload_size() -> int:
    return settings.SAMHANDLING_DOCUMENT_MAX_UPLOAD_SIZE


def allowed_extensions() -> list[str]:
    return [extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS]


def megabytes(size: int, *, above: int | None = None) -> str:
    """Bytes as megabytes the way the visitor's language writes numbers ("20", "20,1"). A size
    that must read as more than `above` is rounded up where rounding would hide the difference
    (20 MB and one byte is "20,1", not "20")."""
    value = round(size / MB, 1)
    if above is not None and value <= above / MB:
        value = math.ceil(size / MB * 10) / 10
    decimals = 0 if value == int(value) else 1
    return number_format(value, decimal_pos=decimals)


def _types_text() -> str:
    return ", ".join(extension.upper() for extension in allowed_extensions())


def too_large_message(*, limit: int, size: int | None = None) -> str:
    if size is None:
        return _("The file is too large. Documents can be at most %(limit)s MB.") % {
            "limit": megabytes(limit)
        }
    return _("The file is too large (%(size)s MB). Documents can be at most %(limit)s MB.") % {
        "size": megabytes(size, above=limit),
        "limit": megabytes(limit),
    }


def _head(file, length: int = SNIFF_BYTES) -> bytes:
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head


def _is_zip_with(file, test) -> bool:
    if not _head(file, 4).startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            return test(archive)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    finally:
        file.seek(0)


def content_matches_extension(*, file, extension: str) -> bool:
    """Whether the first bytes (and for zip-based formats, the zip's table of contents) are those
    of the kind of file the extension names. Extensions without a known signature pass."""
    if extension == "pdf":
        return _head(file, 5) == b"%PDF-"
    if extension in OFFICE_OPEN_XML:
        folder = OFFICE_OPEN_XML[extension]
        return _is_zip_with(
            file,
            lambda archive: (
                "[Content_Types].xml" in (names := archive.namelist())
                and any(name.startswith(folder) for name in names)
            ),
        )
    if extension in OPEN_DOCUMENT:
        kind = OPEN_DOCUMENT[extension]
        return _is_zip_with(file, lambda archive: archive.read("mimetype").strip() == kind)
    if extension in PLAIN_TEXT:
        head = _head(file)
        return head.startswith(UTF16_BOMS) or b"\x00" not in head
    return True


def document_upload_check(*, file, max_size: int | None = None) -> None:
    """Refuse (with a ValidationError the uploader can act on) a file of a type that is not
    allowed, a file over the size limit, and a file whose content does not match its name."""
    max_size = document_max_upload_size() if max_size is None else max_size
    name = PurePath(file.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in allowed_extensions():
        raise ValidationError(
            _("Files of this type cannot be uploaded (%(name)s). Allowed types: %(types)s.")
            % {"name": name, "types": _types_text()},
            code="file_type",
        )
    if file.size > max_size:
        raise ValidationError(too_large_message(limit=max_size, size=file.size), code="file_size")
    if not content_matches_extension(file=file, extension=extension):
        raise ValidationError(
            _(
                "The file name ends in .%(extension)s, but the content is not of that type. "
                "Upload the original document, not a renamed file."
            )
            % {"extension": extension},
            code="file_content",
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form with Samhandling's checks of the uploaded file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")  # the multiple uploader's edit form has none
        if field is None:
            return
        limit = document_max_upload_size()
        field.help_text = _("Allowed types: %(types)s. At most %(limit)s MB.") % {
            "types": _types_text(),
            "limit": megabytes(limit),
        }
        # The multiple uploader reads the limit and this message from an unbound form and refuses
        # larger files in the browser, before sending them. On the server, clean_file checks the
        # size with a message that gives the file's size too, so Wagtail's own check stays off.
        field.max_upload_size = None if self.is_bound else limit
        field.error_messages["file_too_large_unknown_size"] = too_large_message(limit=limit)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new upload, not the stored file of an edit
            document_upload_check(file=file)
        return file

    def _post_clean(self):
        refused = list(self._errors["file"].data) if self.has_error("file") else None
        super()._post_clean()
        if refused is not None:
            # The model checks the extension again, of the empty file a refused upload leaves
            # behind; its message would only confuse.
            self._errors["file"].data = refused
