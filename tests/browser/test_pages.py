"""What a visitor sees on the main pages of the two demo sites (seed 002 among them)."""

import re

from playwright.sync_api import expect

from .axe import check_accessibility

ARTICLE_PATH = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
ARTICLE_TITLE = "Haustens nyheiter frå Helsefellesskapa"
IMAGE_ALT = "En gruppe mennesker som sitter rundt et bord med bærbare datamaskiner"
IMAGE_CAPTION = "Frå møte i SSU tidlegare i 2023"

FETCH = """async (link) => {
  const response = await fetch(link.href);
  const start = new TextDecoder().decode((await response.arrayBuffer()).slice(0, 4));
  return {status: response.status, type: response.headers.get("content-type"), start};
}"""


def expect_image_loaded(image) -> None:
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "image did not load"


def test_home_page_more_og_romsdal(live_demo, page):
    response = page.goto(live_demo.mr + "/")
    assert response.status == 200
    expect(page).to_have_title("Helsefellesskap Møre og Romsdal")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.get_by_role("heading", level=1)).to_have_text("Helsefellesskap Møre og Romsdal")

    news = page.get_by_role("region", name="Siste nytt")
    article = news.get_by_role("link", name=ARTICLE_TITLE)
    expect(article).to_have_attribute("href", re.compile(re.escape(ARTICLE_PATH) + "$"))
    expect(news).to_contain_text("16. oktober 2023")

    shortcuts = page.get_by_role("region", name="Snarvegar").get_by_role("link")
    expect(shortcuts).to_have_text(
        [
            "Dialogmøte om utkastet til ny samarbeidsavtale",  # open for sign-up
            "Nyhende",
            "Utval",
            "Samarbeidsavtalen",
            "Høyringar",
            "Om helsefellesskapet",
        ]
    )
    expect(page.get_by_role("navigation", name="Hovudmeny").get_by_role("link")).to_have_count(6)
    expect_image_loaded(page.locator(".site-brand__logo"))
    check_accessibility(page, "home-page")


def test_home_page_helse_nord(live_demo, page):
    response = page.goto(live_demo.hn + "/")
    assert response.status == 200
    expect(page).to_have_title("Helse Nord")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Helse Nord")
    news = page.get_by_role("region", name="Siste nytt")
    expect(
        news.get_by_role("link", name="Invitasjon til dialogkonferanser i Tromsø og Bodø")
    ).to_be_visible()
    shortcuts = page.get_by_role("region", name="Snarveier")
    # The round open for sign-up comes first, not the past conferences of seed 000.
    expect(shortcuts.get_by_role("link").first).to_have_text("Dialogkonferanser – ny runde")
    for name in ("Arrangementer", "Nyheter"):
        expect(shortcuts.get_by_role("link", name=name, exact=True)).to_be_visible()
    # The other site's content does not leak in.
    expect(page.get_by_text(ARTICLE_TITLE)).to_have_count(0)
    check_accessibility(page, "home-page-helse-nord")


def test_news_article_from_seed_002(live_demo, page):
    response = page.goto(live_demo.mr + ARTICLE_PATH)
    assert response.status == 200
    expect(page).to_have_title(f"{ARTICLE_TITLE} – Helsefellesskap Møre og Romsdal")
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    published = page.locator(".article__meta")
    expect(published).to_have_text("Publisert 16. oktober 2023")
    expect(published.locator("time")).to_have_attribute("datetime", "2023-10-16")

    image = page.get_by_role("img", name=IMAGE_ALT)
    expect_image_loaded(image)
    expect(page.locator("figure", has=image).locator("figcaption")).to_contain_text(IMAGE_CAPTION)

    crumbs = page.get_by_role("navigation", name="Du er her").get_by_role("link")
    expect(crumbs).to_have_text(["Helsefellesskap Møre og Romsdal", "Nyhende", ARTICLE_TITLE])
    expect(crumbs.last).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("navigation", name="Hovudmeny").get_by_role("link", name="Nyhende"))

    for heading in ("Status Helsefellesskap Møre og Romsdal", "Nyhendebrev frå Helsedirektoratet"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()

    pdf = page.get_by_role("link", name=re.compile(r"Les siste nyhendebrevet .*\(pdf\)"))
    expect(pdf).to_be_visible()
    # Fetched by the page itself: Playwright's own HTTP client does not resolve *.localhost.
    download = pdf.evaluate(FETCH)
    assert download["status"] == 200, download
    assert download["type"].startswith("application/pdf"), download
    assert download["start"] == "%PDF", download

    organisation = page.get_by_role("link", name="nettsidene til Helsefellesskap Møre og Romsdal")
    expect(organisation).to_have_attribute("href", re.compile(r"/utval/$"))
    check_accessibility(page, "news-article")


def test_news_index(live_demo, page):
    page.goto(live_demo.mr + "/nyhende/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyhende")
    teaser = page.get_by_role("heading", level=2, name=ARTICLE_TITLE)
    expect(teaser).to_be_visible()
    teaser.get_by_role("link").click()
    expect(page).to_have_url(live_demo.mr + ARTICLE_PATH)
    page.go_back()
    nav = page.get_by_role("navigation", name="Hovudmeny")
    expect(nav.get_by_role("link", name="Nyhende")).to_have_attribute("aria-current", "page")
    check_accessibility(page, "news-index")


def test_standard_page(live_demo, page):
    page.goto(live_demo.mr + "/om-helsefellesskapet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Om helsefellesskapet")
    nav = page.get_by_role("navigation", name="Hovudmeny")
    link = nav.get_by_role("link", name="Om helsefellesskapet")
    expect(link).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Felles samarbeidssekretariat").first).to_be_visible()
    nav.get_by_role("link", name="Utval").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utval")
    page.get_by_role("link", name=re.compile(r"Strategisk samarbeidsutval")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Strategisk samarbeidsutval")
    page.goto(live_demo.mr + "/om-helsefellesskapet/")
    check_accessibility(page, "standard-page")


def test_accessibility_statement_from_the_footer(live_demo, page):
    page.goto(live_demo.mr + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tilgjengelegheitserklæring").click()
    expect(page).to_have_url(live_demo.mr + "/tilgjengelegheitserklaering/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgjengelegheitserklæring")
    expect(page.get_by_role("main")).to_contain_text("WCAG 2.1")
    check_accessibility(page, "accessibility-statement")


def test_not_found_page_is_styled(live_demo, page):
    response = page.goto(live_demo.mr + "/finst-ikkje/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Fann ikkje sida")
    expect(page).to_have_title("Fann ikkje sida – Helsefellesskap Møre og Romsdal")
    stylesheets = page.evaluate(
        """() => [...document.styleSheets]
            .filter((sheet) => sheet.href && sheet.cssRules.length > 0)
            .map((sheet) => new URL(sheet.href).pathname)"""
    )
    assert any(path.endswith("/designsystemet.css") for path in stylesheets), stylesheets
    font = page.get_by_role("heading", level=1).evaluate("h => getComputedStyle(h).fontFamily")
    assert "Inter" in font
    page.get_by_role("main").get_by_role("link", name="Gå til framsida").click()
    expect(page).to_have_url(live_demo.mr + "/")
    page.go_back()
    check_accessibility(page, "not-found")
