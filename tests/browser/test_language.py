"""The language switch: the interface changes language, the content keeps its own."""

from playwright.sync_api import expect

from .axe import check_accessibility

ARTICLE_PATH = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
ARTICLE_TITLE = "Haustens nyheiter frå Helsefellesskapa"


def language_button(page, name: str):
    return page.get_by_role("group", name="Språk").get_by_role("button", name=name)


def test_switch_to_bokmal_and_back_keeps_the_article_in_nynorsk(live_demo, page):
    page.goto(live_demo.mr + ARTICLE_PATH)
    html, main = page.locator("html"), page.get_by_role("main")
    skip_link = page.get_by_role("link", name="Hopp til hovudinnhaldet")
    expect(html).to_have_attribute("lang", "nn")
    expect(skip_link).to_have_count(1)
    expect(language_button(page, "Nynorsk")).to_have_attribute("aria-pressed", "true")
    expect(language_button(page, "Bokmål")).to_have_attribute("aria-pressed", "false")

    with page.expect_navigation():
        language_button(page, "Bokmål").click()
    expect(page).to_have_url(live_demo.mr + ARTICLE_PATH)
    expect(html).to_have_attribute("lang", "nb")
    expect(language_button(page, "Bokmål")).to_have_attribute("aria-pressed", "true")
    expect(language_button(page, "Nynorsk")).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("link", name="Hopp til hovedinnholdet")).to_have_count(1)
    expect(page.get_by_role("search", name="Søk på nettstedet")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("Laget med Samhandling")
    # The article is written in nynorsk and says so, whatever the interface language.
    expect(main).to_have_attribute("lang", "nn")
    expect(main.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    expect(main).to_contain_text("Helsedirektoratet gir ut nyhendebrev fire gongar årleg")
    # ...while the interface words inside it are marked as bokmål.
    expect(main.get_by_role("heading", name="Se også")).to_have_attribute("lang", "nb")
    check_accessibility(page, "news-article-bokmal")

    # The choice holds on the next page.
    page.goto(live_demo.mr + "/")
    expect(html).to_have_attribute("lang", "nb")
    expect(page.get_by_role("region", name="Snarveier")).to_be_visible()

    with page.expect_navigation():
        language_button(page, "Nynorsk").click()
    expect(html).to_have_attribute("lang", "nn")
    expect(language_button(page, "Nynorsk")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("link", name="Hopp til hovudinnhaldet")).to_have_count(1)
    expect(page.get_by_role("region", name="Snarvegar")).to_be_visible()
