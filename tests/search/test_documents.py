"""The text of PDF, DOCX and ODT papers is searchable where the paper is public, nowhere else."""

import io

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.formats import date_format
from wagtail.documents import get_document_model

from samhandling.search.extract import extract_text

from .conftest import search

pytestmark = pytest.mark.django_db


def pdf_bytes(*lines: str) -> bytes:
    from reportlab.pdfgen import canvas

    from samhandling.core.pdf_fonts import register_pdf_fonts

    regular, _bold = register_pdf_fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont(regular, 12)
    for number, line in enumerate(lines):
        pdf.drawString(72, 760 - 18 * number, line)
    pdf.save()
    return out.getvalue()


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = "Tabellcelle med ordet kvalitetsindikatorane"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(*paragraphs: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Overskrift om samhandlingsbarometeret"))
    for paragraph in paragraphs:
        document.text.addElement(P(text=paragraph))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def test_text_is_extracted_from_pdf_docx_and_odt():
    assert "Kvalitetsbarometeret for samhandling" in extract_text(
        name="sak.pdf", data=pdf_bytes("Kvalitetsbarometeret for samhandling", "Side to")
    )
    docx_text = extract_text(name="sak.docx", data=docx_bytes("Første avsnitt om pasientforløpa"))
    assert "pasientforløpa" in docx_text and "kvalitetsindikatorane" in docx_text
    odt_text = extract_text(name="sak.odt", data=odt_bytes("Eit avsnitt om tenesteavtalane"))
    assert "samhandlingsbarometeret" in odt_text and "tenesteavtalane" in odt_text


def test_a_damaged_or_unknown_file_gives_no_text_and_no_error():
    assert extract_text(name="sak.pdf", data=b"%PDF-1.4 not really") == ""
    assert extract_text(name="sak.docx", data=b"PK\x03\x04 broken") == ""
    assert extract_text(name="bilde.png", data=b"\x89PNG") == ""


def _document(title: str, name: str, data: bytes):
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def _attach(meeting, document):
    """Adds the document as a case paper of the meeting's first agenda item and publishes."""
    meeting = meeting.specific
    items = list(meeting.agenda_items.all())
    items[0].papers = [("document", {"document": document, "title": "", "description": ""})]
    meeting.agenda_items = items
    meeting.save_revision().publish()


def _ssu_meeting():
    from samhandling.committees.pages import MeetingPage

    return MeetingPage.objects.get(slug="2023-09-20")


@pytest.mark.parametrize(
    ("name", "data", "word"),
    [
        ("vedlegg.pdf", pdf_bytes("Vedlegg om fjordbrusamarbeidet i regionen"), "fjordbru"),
        ("vedlegg.docx", docx_bytes("Notat om ambulansebåtordninga"), "ambulansebåt"),
        ("vedlegg.odt", odt_bytes("Referat om legevaktsordningane"), "legevaktsordning"),
    ],
)
def test_a_word_only_inside_a_paper_finds_that_paper(demo, indexed, name, data, word):
    meeting = _ssu_meeting()
    with indexed():
        document = _document("Vedlegg til saka", name, data)
        _attach(meeting, document)
    page = search(word)
    assert [r.title for r in page.results] == ["Vedlegg til saka"]
    paper = page.results[0]
    assert paper.type == "Dokument"
    assert paper.url == document.url
    assert paper.date == "20. september 2023"
    assert paper.context[:2] == [
        "Strategisk samarbeidsutval (SSU)",
        "Møte i SSU 20. september 2023",
    ]
    assert paper.marked


def test_papers_of_an_unpublished_meeting_are_not_found(demo, indexed):
    meeting = _ssu_meeting()
    with indexed():
        _attach(meeting, _document("Vedlegg", "v.pdf", pdf_bytes("Ord om kystsjukehusa")))
    assert search("kystsjukehusa").results
    with indexed():
        meeting.specific.unpublish()
    assert search("kystsjukehusa").results == []


def test_papers_of_a_committee_whose_papers_are_not_public_are_not_found(demo, indexed):
    meeting = _ssu_meeting()
    committee = meeting.get_parent().specific
    with indexed():
        committee.papers_public = False
        committee.save_revision().publish()
        _attach(meeting, _document("Vedlegg", "v.pdf", pdf_bytes("Ord om fjellklinikkane")))
    assert search("fjellklinikkane").results == []


def test_a_document_linked_from_a_news_article_is_found_with_the_article_as_context(demo, indexed):
    from samhandling.news.models import NewsArticlePage

    article = NewsArticlePage.objects.get(title="Haustens nyheiter frå Helsefellesskapa")
    with indexed():
        document = _document(
            "Rapport om øyhelse", "r.pdf", pdf_bytes("Rapport om øyhelsetenestene")
        )
        article.body = [
            *[(block.block_type, block.value) for block in article.body],
            ("document", {"document": document, "title": "", "description": ""}),
        ]
        article.save_revision().publish()
    result = search("øyhelsetenestene").first("Rapport om øyhelse")
    assert result.context == ["Haustens nyheiter frå Helsefellesskapa"]
    with translation.override("nn"):
        assert result.date == date_format(article.date, "DATE_FORMAT")  # the article's date


def test_a_replaced_file_is_read_again(demo, indexed):
    meeting = _ssu_meeting()
    with indexed():
        document = _document("Vedlegg", "v.pdf", pdf_bytes("Det gamle ordet sjøsjukebilen"))
        _attach(meeting, document)
    assert search("sjøsjukebilen").results
    with indexed():
        document.file.save("v2.pdf", ContentFile(pdf_bytes("Det nye ordet fjellambulansen")))
    assert search("sjøsjukebilen").results == []
    assert search("fjellambulansen").titles == ["Vedlegg"]
