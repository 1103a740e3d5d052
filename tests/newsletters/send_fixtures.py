"""An issue, a list and subscribers of the Møre og Romsdal demo site, for the sending tests."""

import datetime

from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from samhandling.news.models import NewsArticlePage
from samhandling.newsletters.models import (
    MailingList,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Subscriber,
    Subscription,
)
from samhandling.organisations.models import HealthCommunity
from tests.conftest import MR_HOST


def mr_site() -> Site:
    return Site.objects.get(hostname=MR_HOST)


def community() -> HealthCommunity:
    return HealthCommunity.objects.get(site=mr_site())


def newsletter_index() -> NewsletterIndexPage:
    home = mr_site().root_page
    index = NewsletterIndexPage.objects.descendant_of(home).first()
    if index is None:
        index = NewsletterIndexPage(title="Nyhendebrev (test)", slug="nyhendebrev-test")
        home.add_child(instance=index)
    return index


def issue(*, title="Haustbrevet (test)", slug="haustbrevet-test", **fields) -> NewsletterIssuePage:
    article = NewsArticlePage.objects.descendant_of(mr_site().root_page).live().first()
    page = NewsletterIssuePage(
        title=title,
        slug=slug,
        lead="Nytt frå helsefellesskapet.",
        date=datetime.date(2023, 10, 20),
        external_pdf_url="https://www.helsedirektoratet.no/nyhendebrev-test.pdf",
        external_pdf_title="Nasjonalt nyhendebrev (test)",
        sections=[
            (
                "section",
                {"heading": "Status", "text": RichText("<p>Møte i SSU.</p>"), "pages": [article]},
            ),
            (
                "link",
                {
                    "title": "Helsedirektoratet",
                    "url": "https://www.helsedirektoratet.no/",
                    "summary": "Temasider.",
                },
            ),
        ],
        **fields,
    )
    newsletter_index().add_child(instance=page)
    page.save_revision().publish()
    return NewsletterIssuePage.objects.get(pk=page.pk)


def mailing_list(*, slug="nyhendebrev-test", name="Nyhendebrev (test)") -> MailingList:
    return MailingList.objects.create(community=community(), name=name, slug=slug)


def subscribers(
    the_list: MailingList, count: int, *, prefix="lesar", language="nn", confirmed=True
):
    made = []
    for n in range(count):
        subscriber = Subscriber.objects.create(
            community=the_list.community,
            email=f"{prefix}{n}@kommune.example",
            language=language,
            confirmed_at=timezone.now() if confirmed else None,
        )
        Subscription.objects.create(subscriber=subscriber, mailing_list=the_list)
        made.append(subscriber)
    return made
