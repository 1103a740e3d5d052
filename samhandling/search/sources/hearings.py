"""Hearings: the hearing page with its lead, what is asked, the questions and the draft's
sections (each section a result of its own, linked to its anchor). Responses are not indexed."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samhandling.hearings.pages import HearingPage

from .. import registry
from ..registry import BOOST, Entry
from ..text import html_text, join
from .documents import document_entry, linked_document_entries

registry.register_kind(
    "hearing", pgettext_lazy("search result type", "Hearing"), _("Hearings"), boost=BOOST
)
registry.register_kind(
    "hearing_section", pgettext_lazy("search result type", "Section of a draft"), _("Drafts")
)


@registry.page_source(HearingPage)
def hearing_entries(page, context):
    sections = page.draft_sections
    questions = [q.text for q in page.questions.all()]
    url = context.url(page)
    language = context.language(page)
    yield context.page_entry(
        page,
        kind="hearing",
        body=join(page.lead, html_text(page.asked), *questions, *(s.label for s in sections)),
        date=page.deadline,
    )
    for section in sections:
        yield Entry(
            key=f"hearing_section:{page.pk}:{section.key}",
            kind="hearing_section",
            title=f"{page.title} – {section.label}",
            url=f"{url}#del-{section.number}",
            page=page,
            body=html_text(str(section.text.source)),
            date=page.deadline,
            context=[context.link(page)],
            language=language,
        )
    if page.document is not None and context.document_public(page.document):
        yield document_entry(
            page.document,
            context=[context.link(page)],
            page=page,
            where=f"hearing:{page.pk}",
            date=page.deadline,
            language=language,
        )
    yield from linked_document_entries(page, context)
