"""The demo's autumn newsletter of Helsefellesskap Møre og Romsdal: an issue linking the seed 002
article ("Haustens nyheiter frå Helsefellesskapa"), the dialogue meetings and the hearing of the
site, and pointing to the national newsletter from Helsedirektoratet (an external PDF); already
sent to the "nyhendebrev" list, with the send and its deliveries in the history."""

import datetime

from django.db import transaction

from samhandling.core.demo.builder import block_id, ensure_page

from .deliveries import Delivery, DeliveryStatus, NewsletterSend, SendStatus
from .issues import NewsletterIndexPage, NewsletterIssuePage
from .lists import MailingList
from .sending import confirmed_subscribers

SLUG = "haustbrevet-2023"
TITLE = "Nyhendebrev hausten 2023"
LEAD = (
    "Status frå Helsefellesskap Møre og Romsdal, dialogmøta i haust, høyringa av "
    "samarbeidsavtalen og det nasjonale nyhendebrevet frå Helsedirektoratet."
)
# Helsedirektoratet publishes the national newsletter about the health communities as a PDF on
# its own site; the demo points to its topic page for the health communities' newsletters.
NATIONAL_PDF_URL = "https://www.helsedirektoratet.no/tema/helsefellesskap/nyhendebrev-helsefellesskap-september-2023.pdf"
NATIONAL_PDF_TITLE = "Nyhendebrev om helsefellesskap, september 2023 (Helsedirektoratet)"
SENT_AT = datetime.datetime(2023, 10, 20, 9, 0, tzinfo=datetime.UTC)


def _first_live(home, model_path: str):
    from django.apps import apps

    model = apps.get_model(model_path)
    return model.objects.descendant_of(home).live().order_by("pk").first()


def _pages(key: str, pages) -> list[dict]:
    return [
        {"type": "item", "value": page.pk, "id": block_id(key, str(n))}
        for n, page in enumerate(pages)
        if page is not None
    ]


def give_autumn_newsletter(*, community) -> NewsletterIssuePage | None:
    """The issue and its send; nothing when the site has no newsletter archive or no
    "nyhendebrev" list (made by the subscribe demo)."""
    home = community.site.root_page
    index = NewsletterIndexPage.objects.descendant_of(home).first()
    the_list = MailingList.objects.filter(community=community, slug="nyhendebrev").first()
    if index is None or the_list is None:
        return None
    from samhandling.core.demo.more_og_romsdal import ARTICLE_TITLE
    from samhandling.news.models import NewsArticlePage

    article = NewsArticlePage.objects.descendant_of(home).filter(title=ARTICLE_TITLE).first()
    event = _first_live(home, "events.EventPage")
    hearing = _first_live(home, "hearings.HearingPage")
    sections = [
        {
            "type": "section",
            "id": block_id("mr/haustbrevet", "status"),
            "value": {
                "heading": "Status i Helsefellesskap Møre og Romsdal",
                "text": (
                    "<p>Strategisk samarbeidsutval (SSU) møttest 20. september 2023 med e-helse "
                    "og teknologi som tema. Forhandlingsutvalet reviderer samarbeidsavtalen og "
                    "delavtalane etter plan, med mål om høyring i første halvdel av 2024.</p>"
                ),
                "pages": _pages("mr/haustbrevet/status", [article]),
            },
        },
        {
            "type": "section",
            "id": block_id("mr/haustbrevet", "datoar"),
            "value": {
                "heading": "Datoar og høyringar",
                "text": "<p>Meld deg på dialogmøta og sei di meining i høyringa.</p>",
                "pages": _pages("mr/haustbrevet/datoar", [event, hearing]),
            },
        },
        {
            "type": "link",
            "id": block_id("mr/haustbrevet", "helsedir"),
            "value": {
                "title": "Helsedirektoratet: temasider om helsefellesskap",
                "url": "https://www.helsedirektoratet.no/tema/helsefellesskap",
                "summary": "Helsedirektoratet oppdaterer temasidene om helsefellesskapa jamleg.",
            },
        },
    ]
    issue = ensure_page(
        index,
        NewsletterIssuePage,
        slug=SLUG,
        title=TITLE,
        lead=LEAD,
        date=datetime.date(2023, 10, 20),
        sections=sections,
        external_pdf_url=NATIONAL_PDF_URL,
        external_pdf_title=NATIONAL_PDF_TITLE,
    )
    _sent_history(issue=issue, the_list=the_list)
    return issue


def _sent_history(*, issue, the_list) -> None:
    """The send as it stood when it was done: one delivery per confirmed subscriber, sent."""
    if NewsletterSend.objects.filter(issue=issue, mailing_list=the_list).exists():
        return
    with transaction.atomic():
        send = NewsletterSend.objects.create(
            issue=issue,
            mailing_list=the_list,
            subject=issue.title,
            status=SendStatus.DONE,
            created=SENT_AT,
            started_at=SENT_AT,
            finished_at=SENT_AT + datetime.timedelta(seconds=4),
        )
        deliveries = [
            Delivery(
                send=send,
                subscriber_id=pk,
                email=email,
                language=language,
                status=DeliveryStatus.SENT,
                attempts=1,
                smtp_code=250,
                created=SENT_AT,
                claimed_at=SENT_AT,
                sent_at=SENT_AT + datetime.timedelta(seconds=1),
            )
            for pk, email, language in confirmed_subscribers(the_list).values_list(
                "pk", "email", "language"
            )
        ]
        Delivery.objects.bulk_create(deliveries)
        send.recipient_count = len(deliveries)
        send.save(update_fields=["recipient_count"])
