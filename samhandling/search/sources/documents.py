"""Documents as results: the papers of a meeting, the PDF of an agreement version, and documents
linked from the text of a page. A document gets an entry for each place it is shown, with that
place as its context; its text is the text extracted from the file."""

from bs4 import BeautifulSoup
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField

from ..context import local_date
from ..extract import document_text
from ..registry import Entry
from ..text import join


def document_entry(document, *, context, page, where: str, title: str = "", **values) -> Entry:
    """The entry of `document` as shown at `where` (a key such as "agenda:<uuid>")."""
    values.setdefault("date", local_date(document.created_at))
    return Entry(
        key=f"document:{document.pk}@{where}",
        kind="document",
        title=strip_tags(title or document.title),
        url=document.url,
        page=page,
        body=join(values.pop("description", ""), document_text(document)),
        context=list(context),
        document=document,
        **values,
    )


def _walk(block, value, found: list, html: list) -> None:
    if value is None:
        return
    if isinstance(block, DocumentChooserBlock):
        found.append(value)
    elif isinstance(block, blocks.RichTextBlock):
        html.append(value.source)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _walk(child, value.get(name), found, html)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            _walk(block.child_block, item, found, html)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            _walk(child.block, child.value, found, html)


def linked_documents(page) -> list:
    """The documents that the page's StreamFields and rich text link to, each once, in order."""
    found: list = []
    html: list[str] = []
    for model_field in page._meta.concrete_fields:
        value = getattr(page, model_field.attname, None)
        if isinstance(model_field, StreamField) and value:
            _walk(value.stream_block, value, found, html)
        elif isinstance(model_field, RichTextField) and value:
            html.append(value)
    ids = [document.pk for document in found]
    for source in html:
        for link in BeautifulSoup(source, "html.parser").find_all(
            "a", attrs={"linktype": "document"}
        ):
            if (link.get("id") or "").isdigit():
                ids.append(int(link["id"]))
    ids = list(dict.fromkeys(ids))
    by_id = get_document_model().objects.select_related("collection").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def linked_document_entries(page, context, *, date=None) -> list[Entry]:
    """Entries for the documents linked from the page, with the page as their context (and its
    date, when given)."""
    return [
        document_entry(
            document,
            context=[context.link(page)],
            page=page,
            where=f"page:{page.pk}",
            language=context.language(page),
            **({"date": date} if date else {}),
        )
        for document in linked_documents(page)
        if context.document_public(document)
    ]
