"""The text of uploaded documents: PDF (pypdf), DOCX (python-docx), ODT (odfpy), TXT and CSV.

Text is extracted once per version of a file and kept in `DocumentText`. A file that cannot be read
(damaged, encrypted, too large once unpacked) gives no text and a warning in the log, never an
error: the document is still found by its title."""

import io
import logging
import zipfile
from pathlib import PurePath

from .text import squash

logger = logging.getLogger(__name__)

MAX_TEXT = 200_000  # characters kept per document
MAX_PDF_PAGES = 300
MAX_UNPACKED = 50 * 1024 * 1024  # bytes a DOCX or ODT may unpack to (zip bombs)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:  # noqa: BLE001 - a password-protected paper has no text for us
            return ""
    parts = []
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            break
        parts.append(page.extract_text() or "")
        if sum(len(part) for part in parts) > MAX_TEXT:
            break
    return "\n".join(parts)


def _unpacked_size_ok(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist()) <= MAX_UNPACKED


def _docx(data: bytes) -> str:
    import docx

    if not _unpacked_size_ok(data):
        return ""
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _odt(data: bytes) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    if not _unpacked_size_ok(data):
        return ""
    document = load(io.BytesIO(data))
    parts = [
        teletype.extractText(element)
        for kind in (text.H, text.P)
        for element in document.getElementsByType(kind)
    ]
    return "\n".join(parts)


def _plain(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _plain, "csv": _plain}


def extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def extract_text(*, name: str, data: bytes) -> str:
    """The text of a file by the extension of its name; "" for other kinds or unreadable files."""
    extractor = EXTRACTORS.get(extension(name))
    if extractor is None:
        return ""
    try:
        text = extractor(data)
    except Exception:  # noqa: BLE001 - a damaged upload must not stop the index
        logger.warning("Could not read the text of %s", name, exc_info=True)
        return ""
    return squash(text)[:MAX_TEXT]


def document_text(document) -> str:
    """The text of a Wagtail document, extracted at most once per version of its file."""
    from .models import DocumentText

    if extension(document.file.name) not in EXTRACTORS:
        return ""
    fingerprint = f"{document.file.name}:{document.file_hash}:{document.file_size}"
    stored = DocumentText.objects.filter(document=document).first()
    if stored is not None and stored.fingerprint == fingerprint:
        return stored.text
    try:
        with document.open_file() as handle:
            data = handle.read()
    except (OSError, ValueError):
        logger.warning("The file of document %s is missing", document.pk)
        return ""
    text = extract_text(name=document.file.name, data=data)
    DocumentText.objects.update_or_create(
        document=document, defaults={"fingerprint": fingerprint, "text": text}
    )
    return text
