"""Content pages, news and events. Any page type without a source of its own is indexed as a plain
page, with the text of its Wagtail `search_fields`."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from samhandling.events.pages import EventPage, EventSeriesPage
from samhandling.news.models import NewsArticlePage

from .. import registry
from ..context import local_date
from ..registry import BOOST
from ..text import html_text, join, listing, stream_text
from .documents import linked_document_entries

registry.register_kind("page", pgettext_lazy("search result type", "Page"), _("Pages"), boost=BOOST)
registry.register_kind("news", pgettext_lazy("search result type", "News"), _("News"), boost=BOOST)
registry.register_kind(
    "event", pgettext_lazy("search result type", "Event"), _("Events"), boost=BOOST
)
registry.register_kind(
    "event_series",
    pgettext_lazy("search result type", "Event series"),
    _("Event series"),
    boost=BOOST,
)


def field_text(page, name: str) -> str:
    """The text of one field of a page: rich text and StreamFields as plain text."""
    value = getattr(page, name, None)
    if not value:
        return ""
    try:
        model_field = page._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a search field may be a property, not a model field
        model_field = None
    if isinstance(model_field, StreamField):
        return stream_text(value)
    if isinstance(model_field, RichTextField):
        return html_text(value)
    return str(value) if isinstance(value, str | int) else ""


def search_fields_text(page, *, skip=("title",)) -> str:
    """The text of the page's Wagtail search fields (what its admin search looks at)."""
    names = [
        field.field_name
        for field in page.search_fields
        if isinstance(field, index.SearchField) and field.field_name not in skip
    ]
    return join(page.search_description, *(field_text(page, name) for name in names))


def generic_page_entries(page, context):
    yield context.page_entry(page, kind="page", body=search_fields_text(page))
    yield from linked_document_entries(page, context)


@registry.page_source(NewsArticlePage)
def news_entries(page, context):
    body = join(page.lead, stream_text(page.body), page.image_caption, page.search_description)
    yield context.page_entry(page, kind="news", body=body, date=page.date)
    yield from linked_document_entries(page, context, date=page.date)


@registry.page_source(EventPage)
def event_entries(page, context):
    series = page.get_parent().specific
    body = listing(
        page.lead,
        stream_text(page.body),
        page.venue,
        page.organiser.name if page.organiser_id else "",
        page.organiser_participants,
        stream_text(page.program),
        page.search_description,
    )
    yield context.page_entry(
        page,
        kind="event",
        body=body,
        date=local_date(page.start),
        context=[context.link(series)] if isinstance(series, EventSeriesPage) else [],
    )
    yield from linked_document_entries(page, context)


@registry.page_source(EventSeriesPage)
def event_series_entries(page, context):
    starts = [event.start for event in EventPage.objects.child_of(page) if context.visible(event)]
    yield context.page_entry(
        page,
        kind="event_series",
        body=join(page.lead, stream_text(page.body), page.search_description),
        date=local_date(min(starts)) if starts else None,
    )
    yield from linked_document_entries(page, context)
