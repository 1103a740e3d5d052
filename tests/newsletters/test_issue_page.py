"""The issue's web version: sections with the linked news, events and hearings (title, date,
lead, link), the external PDF pointer, the subscribe link; content language tagged where the
interface speaks another. And the demo's autumn newsletter with its send history."""

import pytest
from django.test import Client
from django.urls import reverse

from samhandling.newsletters.demo_issue import give_autumn_newsletter
from samhandling.newsletters.models import (
    Delivery,
    DeliveryStatus,
    MailingList,
    NewsletterSend,
    SendStatus,
)
from samhandling.newsletters.sending import confirmed_subscribers

from .send_fixtures import MR_HOST, community, issue

pytestmark = pytest.mark.django_db


def test_the_web_version_shows_sections_linked_pages_and_the_pdf(demo):
    the_issue = issue()
    page = Client().get(the_issue.url, HTTP_HOST=MR_HOST)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Haustbrevet (test)" in html and "Nytt frå helsefellesskapet." in html
    assert "Haustens nyheiter frå Helsefellesskapa" in html  # the linked seed 002 article
    assert "16. oktober 2023" in html
    assert 'href="https://www.helsedirektoratet.no/nyhendebrev-test.pdf"' in html
    assert f'href="{reverse("newsletters:subscribe")}"' in html
    assert 'style="' not in html  # strict CSP: no inline styles


def test_the_issue_is_tagged_nynorsk_when_the_interface_speaks_bokmaal(demo):
    the_issue = issue()
    client = Client()
    client.cookies["django_language"] = "nb"
    html = client.get(the_issue.url, HTTP_HOST=MR_HOST).content.decode()
    assert '<html lang="nb"' in html
    assert '<article class="article" lang="nn">' in html
    assert "Få nyhetsbrevet på e-post" in html  # the interface around it in bokmål


def test_an_unpublished_linked_page_is_left_out(demo):
    the_issue = issue()
    article = the_issue.sections[0].value["pages"][0]
    article.unpublish()
    html = Client().get(the_issue.url, HTTP_HOST=MR_HOST).content.decode()
    assert "Haustens nyheiter frå Helsefellesskapa" not in html


def test_the_demo_autumn_newsletter_is_sent_with_its_history(demo):
    """The demo (loaded once per session) makes the lists and their subscribers first
    (demo_subscribers.py), then the autumn issue, sent to the confirmed subscribers of its
    "nyhendebrev" list; running it again makes neither a second issue nor a second send."""
    the_list = MailingList.objects.get(community=community(), slug="nyhendebrev")
    confirmed = {"kari.nordmann@example.no", "fastlege.aalesund@example.no"}
    confirmed.add("brukarrepresentant@example.no")
    assert set(confirmed_subscribers(the_list).values_list("email", flat=True)) == confirmed

    the_issue = give_autumn_newsletter(community=community())
    assert give_autumn_newsletter(community=community()).pk == the_issue.pk  # run twice: one

    send = NewsletterSend.objects.get(issue=the_issue, mailing_list=the_list)
    assert send.status == SendStatus.DONE and send.recipient_count == 3
    assert set(Delivery.objects.filter(send=send).values_list("status", flat=True)) == {
        DeliveryStatus.SENT
    }
    # The one waiting for confirmation (ny.abonnent@example.no) got nothing.
    assert {d.email for d in Delivery.objects.filter(send=send)} == confirmed
    html = Client().get(the_issue.url, HTTP_HOST=MR_HOST).content.decode()
    assert "Haustens nyheiter frå Helsefellesskapa" in html
    assert "helsedirektoratet.no" in html


def test_without_an_archive_the_demo_makes_nothing(demo):
    from samhandling.newsletters.models import NewsletterIndexPage, NewsletterIssuePage

    home = community().site.root_page
    NewsletterIndexPage.objects.descendant_of(home).delete()
    assert give_autumn_newsletter(community=community()) is None
    assert not NewsletterIssuePage.objects.descendant_of(home).exists()
