"""What an issue holds, read once for the web version and the e-mail alike: its sections with the
news, events and hearings they link to (title, date, lead, address, language), its external
links, and the pointer to an external newsletter (PDF) with the issue's lead as summary.

Pages that are no longer live (unpublished, deleted, or not public) are left out, so an issue
never links to a page a reader cannot open."""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.db.models import prefetch_related_objects
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from samhandling.core.locales import language_code
from samhandling.core.templatetags.samhandling_tags import long_date, timespan


@dataclass(frozen=True)
class IssueItem:
    """A news article, event or hearing linked from a section."""

    kind: str  # news, event, hearing
    kind_label: str
    title: str
    when: str  # "16. oktober 2023", "30. oktober 2023 kl. 12.00–15.30", "Frist: …"
    iso: str
    lead: str
    url: str
    language: str
    image_url: str = ""
    image_alt: str = ""


@dataclass
class IssueSection:
    kind: str  # section or link
    heading: str
    html: SafeString = mark_safe("")  # noqa: S308 - empty  # nosec B308 B703
    text: str = ""
    items: list[IssueItem] = field(default_factory=list)
    url: str = ""


@dataclass
class IssueContent:
    title: str
    lead: str
    date: str
    iso: str
    language: str
    web_url: str
    sections: list[IssueSection]
    pdf_title: str = ""
    pdf_url: str = ""


# --- Links made absolute, rich text made plain ---------------------------------------------------

_ATTRIBUTE_URL = re.compile(r'(\s(?:href|src)=")(/[^"]*)"')


def absolute_html(html: str, *, root_url: str) -> str:
    """Every site-relative href and src made absolute (an e-mail has no page to be relative to)."""
    if not root_url:
        return html
    return _ATTRIBUTE_URL.sub(lambda m: f'{m.group(1)}{urljoin(root_url, m.group(2))}"', html)


class _TextParser(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "div", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: list[str] = []
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")
            self.link_text.append("")

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            href, text = self.href.pop(), self.link_text.pop()
            if href and not href.startswith("mailto:") and href != text.strip():
                self.parts.append(f" <{href}>")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data)
        if self.link_text:
            self.link_text[-1] += text
        self.parts.append(text)


def html_to_text(html: str) -> str:
    """Rich text as plain text: paragraphs apart, list items with a dash, links with their
    address in angle brackets."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = unescape("".join(parser.parts))
    lines = [
        line.strip() if not line.startswith("- ") else line.rstrip() for line in text.split("\n")
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- The issue ----------------------------------------------------------------------------------


def _image(page, root_url: str) -> tuple[str, str]:
    image = getattr(page, "image", None)
    if image is None:
        return "", ""
    try:
        rendition = image.get_rendition("fill-560x315|format-jpeg")
    except Exception:  # noqa: BLE001 - a missing file leaves the item without its picture
        return "", ""
    alt = getattr(page, "image_alt_text", "") or getattr(image, "description", "") or ""
    return urljoin(root_url, rendition.url), alt


def _item(page: Page, *, root_url: str, with_images: bool) -> IssueItem | None:
    from samhandling.events.pages import EventPage
    from samhandling.hearings.pages import HearingPage
    from samhandling.news.models import NewsArticlePage

    url = page.get_full_url() or ""
    if not url:
        return None
    language = language_code(page.locale_id)  # from the cached codes, not a query per page
    common = {"title": page.title, "lead": page.lead, "url": url, "language": language}
    if isinstance(page, NewsArticlePage):
        image_url, image_alt = _image(page, root_url) if with_images else ("", "")
        return IssueItem(
            kind="news",
            kind_label=_("News"),
            when=long_date(page.date),
            iso=page.date.isoformat(),
            image_url=image_url,
            image_alt=image_alt,
            **common,
        )
    if isinstance(page, EventPage):
        return IssueItem(
            kind="event",
            kind_label=_("Event"),
            when=timespan(page.start, page.end),
            iso=page.start.isoformat(),
            **common,
        )
    if isinstance(page, HearingPage):
        return IssueItem(
            kind="hearing",
            kind_label=_("Hearing"),
            when=_("Deadline %(date)s") % {"date": long_date(page.deadline)},
            iso=page.deadline.isoformat() if page.deadline else "",
            **common,
        )
    return None


def _live_pages(chosen) -> dict[int, Page]:
    ids = [page.pk for page in chosen if page is not None]
    pages = list(Page.objects.filter(pk__in=ids).live().public().specific())
    # The articles' pictures and their renditions in two queries, not two per article.
    with_images = [page for page in pages if hasattr(page, "image_id")]
    prefetch_related_objects(with_images, "image__renditions")
    return {page.pk: page for page in pages}


def issue_content(issue, *, with_images: bool = True) -> IssueContent:
    """The issue's content with absolute addresses (for the e-mail, and the same for the web).
    Dates of the linked pages are written in the language active when this is called."""
    parts = issue.get_url_parts()
    root_url = (parts[1] or "") if parts else ""
    chosen = [
        page
        for block in issue.sections
        if block.block_type == "section"
        for page in block.value["pages"]
    ]
    live = _live_pages(chosen)
    sections: list[IssueSection] = []
    for block in issue.sections:
        value = block.value
        if block.block_type == "section":
            html = (
                absolute_html(expand_db_html(value["text"].source), root_url=root_url)
                if (value["text"])
                else ""
            )
            items = []
            for page in value["pages"]:
                if page is not None and page.pk in live:
                    item = _item(live[page.pk], root_url=root_url, with_images=with_images)
                    if item is not None:
                        items.append(item)
            sections.append(
                IssueSection(
                    kind="section",
                    heading=value["heading"],
                    html=mark_safe(html),  # noqa: S308 - the editor's rich text  # nosec B308 B703
                    text=html_to_text(html),
                    items=items,
                )
            )
        elif block.block_type == "link":
            sections.append(
                IssueSection(
                    kind="link",
                    heading=value["title"],
                    text=value["summary"] or "",
                    url=value["url"],
                )
            )
    return IssueContent(
        title=issue.title,
        lead=issue.lead,
        date=long_date(issue.date),
        iso=issue.date.isoformat(),
        language=issue.content_language,
        web_url=issue.get_full_url() or "",
        sections=sections,
        pdf_title=issue.external_pdf_title,
        pdf_url=issue.external_pdf_url,
    )


def lang_of(content_language: str, interface_language: str) -> SafeString:
    """` lang="nn"` where the content's language differs from the language around it."""
    if content_language and content_language != interface_language:
        return format_html(' lang="{}"', content_language)
    return mark_safe("")  # noqa: S308 - empty  # nosec B308 B703
