"""The draft page a confirmed proposal becomes: a news article under the site's news index, or
an event without sign-up under the site's event index (a dated thing on the site is an event:
it is then listed under "Upcoming" on the home page, in the events' list and their calendar
feed once published). The page is never published here; the secretariat approves it.

The proposer's text is stored as plain text: each paragraph is escaped into a rich-text
paragraph, so HTML or script typed into the form shows as the characters typed."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page

LEAD_LIMIT = 600


def _paragraphs(text: str) -> list[str]:
    blocks = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return [part for part in blocks if part]


def rich_text_of(paragraphs: list[str]) -> str:
    """Plain text as Wagtail rich text: escaped, one <p> per paragraph, <br/> per line break."""
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )


def lead_and_body(text: str) -> tuple[str, str]:
    """The first paragraph as the lead when it is short enough, the rest as the body."""
    paragraphs = _paragraphs(text)
    if paragraphs and len(paragraphs[0]) <= LEAD_LIMIT and "\n" not in paragraphs[0]:
        return paragraphs[0], rich_text_of(paragraphs[1:])
    return "", rich_text_of(paragraphs)


def parent_for(*, kind: str, root: Page) -> Page | None:
    """Where a proposal of this kind goes in the site below `root`: its first live index."""
    from samhandling.events.pages import EventIndexPage
    from samhandling.news.models import NewsIndexPage

    from .models import ProposalKind

    index = NewsIndexPage if kind == ProposalKind.NEWS else EventIndexPage
    return index.objects.descendant_of(root).live().order_by("path").first()


def _free_slug(parent: Page, title: str) -> str:
    base = (slugify(title, allow_unicode=False) or "forslag")[:60].strip("-") or "forslag"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _start(proposal) -> dt.datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(proposal.date, proposal.time or dt.time(0, 0), tzinfo=zone)


def when_and_where(proposal) -> str:
    """The date, time and place a news proposal mentions, in the Norwegian way."""
    parts = []
    if proposal.date:
        when = proposal.date.strftime("%d.%m.%Y")
        if proposal.time:
            when += proposal.time.strftime(" kl. %H.%M")
        parts.append(when)
    if proposal.place:
        parts.append(proposal.place)
    return ", ".join(parts)


def build_draft(*, proposal, parent: Page) -> Page:
    """Add the proposal's draft page (not live) under `parent`, with its first revision."""
    from samhandling.events.pages import EventPage
    from samhandling.news.models import NewsArticlePage

    from .models import ProposalKind

    text = proposal.text
    if proposal.kind == ProposalKind.NEWS and (proposal.date or proposal.place):
        text += "\n\n" + when_and_where(proposal)
    lead, body = lead_and_body(text)
    fields = {
        "title": proposal.title,
        "slug": _free_slug(parent, proposal.title),
        "lead": lead,
        "live": False,
        "locale": parent.locale,
        "body": [("rich_text", body)] if body else [],
    }
    if proposal.link:
        fields["related_links"] = [
            ("link", {"title": "", "page": None, "url": proposal.link, "description": ""})
        ]
    if proposal.kind == ProposalKind.NEWS:
        page = NewsArticlePage(**fields)
    else:
        page = EventPage(
            **fields,
            start=_start(proposal),
            venue_name=proposal.place,
            organiser=proposal.organisation,
            registration_enabled=False,
        )
    parent.add_child(instance=page)
    page.save_revision(log_action=True)
    return page
