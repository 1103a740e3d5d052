"""What the sources need to know about one site while they build entries: which pages the public
may see, their addresses and languages, and whether a document may be shown."""

from functools import cached_property

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from samhandling.core.visibility import published

from .registry import Entry


def page_key(page) -> str:
    return f"page:{page.pk}"


def local_date(value):
    """The date (in Oslo) of a datetime, or the date itself."""
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


class SiteContext:
    def __init__(self, site: Site):
        self.site = site
        self.root = site.root_page
        self._urls: dict[int, str] = {}
        self._documents: dict[tuple, bool] = {}
        # (title, address) of every page handed out by `link`, with its id.
        self.linked: dict[tuple[str, str], int] = {}

    @cached_property
    def visible_ids(self) -> set[int]:
        """The pages of the site the public may see: live, public, not below an unpublished page."""
        pages = published(Page.objects.descendant_of(self.root, inclusive=True))
        return set(pages.values_list("pk", flat=True))

    @cached_property
    def _languages(self) -> dict[int, str]:
        return dict(Locale.objects.values_list("pk", "language_code"))

    def visible(self, page) -> bool:
        return page is not None and page.pk in self.visible_ids

    def url(self, page) -> str:
        if page.pk not in self._urls:
            self._urls[page.pk] = page.get_url(current_site=self.site) or ""
        return self._urls[page.pk]

    def language(self, page) -> str:
        return self._languages.get(page.locale_id, "")

    def link(self, page) -> tuple[str, str]:
        """A page as a piece of context: (title, address)."""
        self.linked[(page.title, self.url(page))] = page.pk
        return (page.title, self.url(page))

    def page_entry(self, page, *, kind: str, body: str = "", **values) -> Entry:
        """The entry of a page itself."""
        values.setdefault("title", page.title)
        values.setdefault("url", self.url(page))
        values.setdefault("language", self.language(page))
        values.setdefault("date", local_date(page.last_published_at))
        return Entry(key=page_key(page), kind=kind, page=page, body=body, **values)

    def document_public(self, document, *, as_case_paper: bool = False) -> bool:
        """Whether the public may open the document: not in a private collection, and, unless it
        is shown as a paper of a meeting the caller knows to be public, not a case paper of a
        hidden meeting only (which answers 404, see committees.wagtail_hooks)."""
        key = (document.pk, as_case_paper)
        if key not in self._documents:
            public = not document.collection.get_view_restrictions().exists()
            if public and not as_case_paper:
                from samhandling.committees.selectors import case_paper_is_public

                public = case_paper_is_public(document=document)
            self._documents[key] = public
        return self._documents[key]
