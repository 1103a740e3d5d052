"""What a visitor sees on the demo sites: pages, news, search and error pages."""

import pytest
from django.test import Client
from wagtail.models import Page, Revision

from samhandling.core.images import SiteImage
from samhandling.news.models import NewsArticlePage
from samhandling.organisations.models import HealthCommunity
from tests.conftest import HN_HOST, MR_HOST

ARTICLE_URL = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"


def get(path, host=MR_HOST, **extra):
    return Client(HTTP_HOST=host).get(path, **extra)


@pytest.mark.django_db
def test_each_site_has_its_health_community(demo):
    mr = HealthCommunity.objects.get(site__hostname=MR_HOST)
    hn = HealthCommunity.objects.get(site__hostname=HN_HOST)
    assert (mr.name, mr.default_language, mr.owner.name) == (
        "Helsefellesskap Møre og Romsdal",
        "nn",
        "Helse Møre og Romsdal HF",
    )
    assert mr.members.filter(kind="kommune").count() == 27
    assert (hn.default_language, hn.owner.name) == ("nb", "Helse Nord RHF")
    assert hn.members.filter(kind="kommune").count() == 80


@pytest.mark.django_db
def test_home_page_shows_latest_news_shortcuts_and_the_community(demo):
    html = get("/").content.decode()
    assert "<h1" in html and "Helsefellesskap Møre og Romsdal" in html
    assert "Haustens nyheiter frå Helsefellesskapa" in html
    assert 'href="/samarbeidsavtalen/"' in html  # a short cut
    assert "sekretariat@more-og-romsdal.helsefellesskap.example" in html  # footer contact


@pytest.mark.django_db
def test_default_host_answers_with_the_default_site(demo):
    html = get("/", host="127.0.0.1:8000").content.decode()
    assert "Haustens nyheiter frå Helsefellesskapa" in html


@pytest.mark.django_db
def test_seed_002_article_is_reproduced_faithfully(demo):
    response = get(ARTICLE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Haustens nyheiter frå Helsefellesskapa",
        "Lurer du på kva som skjer i helsefellesskapa?",
        "16. oktober 2023",
        "Frå møte i SSU tidlegare i 2023",
        'alt="En gruppe mennesker som sitter rundt et bord med bærbare datamaskiner"',
        "Status Helsefellesskap Møre og Romsdal",
        "Tema for komande møte er samhandling knytt til e-Helse og teknologi.",
        "første halvdel av 2024",
        "Les siste nyhendebrevet om Helsefellesskap september 2023 (pdf)",
        "over 200 representantar frå alle dei 26 kommunane",
        "kathrine.syse@helsedir.no",
        "Felles samarbeidssekretariat",
    ):
        assert text in html, text
    assert 'lang="nn"' in html


@pytest.mark.django_db
def test_article_links_to_the_committees_and_a_downloadable_newsletter(demo):
    article = NewsArticlePage.objects.get(slug="haustens-nyheiter-fra-helsefellesskapa")
    html = get(ARTICLE_URL).content.decode()
    assert 'href="/utval/"' in html
    document_link = html.split("Les siste nyhendebrevet")[0].rsplit('href="', 1)[1].split('"')[0]
    pdf = get(document_link)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:4] == b"%PDF"
    assert article.image.credit


@pytest.mark.django_db
def test_news_index_lists_articles_newest_first_and_pages_through_them(demo):
    html = get("/nyhende/").content.decode()
    assert "Haustens nyheiter frå Helsefellesskapa" in html
    assert get("/nyhende/", data={"side": "999"}).status_code == 200
    assert get("/nyhende/", data={"side": "tull"}).status_code == 200


@pytest.mark.django_db
def test_helse_nord_site_shows_its_own_content_in_bokmal(demo):
    html = get("/", host=HN_HOST).content.decode()
    assert "Helse Nord" in html and 'lang="nb"' in html
    assert "Haustens nyheiter" not in html
    conference = get(
        "/arrangementer/dialogkonferanser-hosten-2023/dialogkonferanse-i-tromso-med-kommuner/",
        host=HN_HOST,
    )
    text = conference.content.decode()
    assert "Radisson Blu" in text and "Med forbehold om endringer i programmet." in text


@pytest.mark.django_db
def test_breadcrumbs_and_menu_mark_where_the_visitor_is(demo):
    html = get(ARTICLE_URL).content.decode()
    assert 'aria-current="page"' in html
    assert 'href="/nyhende/" aria-current="true"' in html


@pytest.mark.django_db
def test_demo_loads_again_without_changing_anything(demo):
    counts = (Page.objects.count(), Revision.objects.count(), SiteImage.objects.count())
    from django.core.management import call_command

    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    assert (Page.objects.count(), Revision.objects.count(), SiteImage.objects.count()) == counts


@pytest.mark.django_db
def test_demo_prints_every_site_address_and_the_admin_login(capsys):
    from django.core.management import call_command

    call_command("load_demo")
    out = capsys.readouterr().out
    assert "http://more-og-romsdal.localhost:8000/" in out
    assert "http://helse-nord.localhost:8000/" in out
    assert "http://127.0.0.1:8000/" in out
    assert "admin / samhandling-demo" in out
    # and its second factor: the authenticator's key, and how to get a code without an app
    assert "ONQW 22DB NZSG Y2LO M4WW IZLN N4WT EZTB" in out
    assert "manage.py demo_admin_code" in out


@pytest.mark.django_db
def test_unknown_address_gives_a_styled_404_in_the_sites_language(demo):
    response = get("/finst-ikkje/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "designsystemet.css" in html and 'lang="nn"' in html
    assert "Helsefellesskap Møre og Romsdal" in html  # the site's header
    hn = get("/finnes-ikke/", host=HN_HOST)
    assert hn.status_code == 404 and 'lang="nb"' in hn.content.decode()


@pytest.mark.django_db
def test_server_error_gives_a_styled_500_page(demo, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("samhandling.core.views.site_search", broken)
    client = Client(HTTP_HOST=MR_HOST, raise_request_exception=False)
    response = client.get("/sok/", {"q": "x"})
    assert response.status_code == 500
    html = response.content.decode()
    assert "Noko gjekk gale" in html and "designsystemet.css" in html


@pytest.mark.django_db
def test_the_main_menu_follows_publishing_at_once(demo, django_capture_on_commit_callbacks):
    from samhandling.core.pages import StandardPage

    home = demo[MR_HOST].root_page.specific
    assert "Nytt menypunkt" not in get("/").content.decode()  # the menu is now cached
    new = StandardPage(title="Nytt menypunkt", slug="nytt-menypunkt", show_in_menus=True)
    with django_capture_on_commit_callbacks(execute=True):
        home.add_child(instance=new)
        new.save_revision().publish()
    html = get("/").content.decode()
    assert '<a class="site-nav__link" href="/nytt-menypunkt/">Nytt menypunkt</a>' in html
    with django_capture_on_commit_callbacks(execute=True):
        new.unpublish()
    assert "Nytt menypunkt" not in get("/").content.decode()
