"""The Atom feed of a site's news: valid Atom (well-formed, ids, updated), the articles with title,
link, dates, lead and author, in the site's language; linked from the news index and the home page
(in the head and visibly). The events' and hearings' iCalendar feeds still work."""

import pytest
from defusedxml import ElementTree as ET
from django.urls import reverse

from samhandling.news.models import NewsArticlePage, NewsIndexPage

from .helpers import HN_HOST, MR_HOST, visitor

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_of(host: str):
    index = (
        NewsIndexPage.objects.live()
        .descendant_of(
            __import__("wagtail.models", fromlist=["Site"])
            .Site.objects.get(hostname=host)
            .root_page
        )
        .first()
    )
    url = index.url + "atom/"
    response = visitor(host).get(url)
    return index, response


def test_the_news_feed_is_valid_atom_with_the_articles(demo):
    index, response = feed_of(MR_HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == "nn"
    assert root.findtext(f"{ATOM}title") == "Nyhende – Helsefellesskap Møre og Romsdal"
    assert root.findtext(f"{ATOM}id").startswith("http://more-og-romsdal.localhost")
    assert root.findtext(f"{ATOM}updated")
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link.endswith("/nyhende/atom/")
    entries = root.findall(f"{ATOM}entry")
    articles = NewsArticlePage.objects.live().descendant_of(index)
    assert len(entries) == min(articles.count(), 20)
    seed = next(
        e for e in entries if e.findtext(f"{ATOM}title") == "Haustens nyheiter frå Helsefellesskapa"
    )
    assert seed.find(f"{ATOM}link").get("href") == (
        "http://more-og-romsdal.localhost/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
    )
    assert seed.findtext(f"{ATOM}id") == seed.find(f"{ATOM}link").get("href")
    assert seed.findtext(f"{ATOM}published").startswith("2023-10-16")
    assert seed.findtext(f"{ATOM}updated")
    assert seed.findtext(f"{ATOM}summary").startswith("Lurer du på kva som skjer")
    assert seed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Helsefellesskap Møre og Romsdal"
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))


def test_drafts_are_not_in_the_feed_and_each_site_has_its_own(demo):
    index, _response = feed_of(MR_HOST)
    draft = NewsArticlePage(title="Utkast som ikkje skal synast", slug="utkast-feed", live=False)
    index.add_child(instance=draft)
    _index, response = feed_of(MR_HOST)
    assert b"Utkast som ikkje skal synast" not in response.content
    north_index, north = feed_of(HN_HOST)
    root = ET.fromstring(north.content)
    assert root.get(XML_LANG) == "nb"
    assert b"Haustens nyheiter" not in north.content


@pytest.mark.parametrize("path", ["/", "/nyhende/"])
def test_the_home_page_and_the_news_index_link_the_feed(demo, path):
    html = visitor(MR_HOST).get(path).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Nyhende – Helsefellesskap Møre og Romsdal" href="/nyhende/atom/">'
    ) in html
    assert (
        'href="/nyhende/atom/" type="application/atom+xml">Følg nyhenda i ein nyhendelesar' in html
    )
    assert 'href="/send-inn/">Send oss nyhende eller ein dato</a>' in html


def test_the_calendar_feeds_of_events_and_hearings_still_work(demo):
    from samhandling.hearings.pages import HearingPage

    events = visitor(MR_HOST).get(reverse("events:site_ics"))
    assert events.status_code == 200 and events.content.startswith(b"BEGIN:VCALENDAR")
    hearing = HearingPage.objects.live().first()
    ics = visitor(MR_HOST).get(reverse("hearings:hearing_ics", args=[hearing.pk]))
    assert ics.status_code in (200, 404)
    if ics.status_code == 200:
        assert ics.content.startswith(b"BEGIN:VCALENDAR")
