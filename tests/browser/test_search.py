"""Search from the header: keyboard only, empty and hostile queries."""

from playwright.sync_api import expect

from .axe import check_accessibility

ARTICLE_TITLE = "Haustens nyheiter frå Helsefellesskapa"
HOSTILE = "<script>alert(1)</script>' OR 1=1 --"


def watch_dialogs(page) -> list[str]:
    """Collects (and dismisses) every alert, confirm or prompt the page opens."""
    dialogs = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def search_from_header(page, query: str) -> None:
    box = page.get_by_role("search", name="Søk på nettstaden").get_by_role("searchbox")
    box.focus()
    page.keyboard.type(query)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_search_with_the_keyboard_finds_the_article(live_demo, page):
    page.goto(live_demo.mr + "/")
    search_from_header(page, "SSU")
    expect(page).to_have_url(live_demo.mr + "/sok/?q=SSU")
    expect(page).to_have_title("Søkjeresultat for «SSU» – Helsefellesskap Møre og Romsdal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk")
    expect(page.get_by_role("status")).to_contain_text("treff på «SSU»")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=ARTICLE_TITLE)).to_be_visible()
    page_search = page.get_by_role("search", name="Søk etter")
    expect(page_search.get_by_role("searchbox")).to_have_value("SSU")
    results.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    page.go_back()
    check_accessibility(page, "search-results")


def test_empty_search_gives_a_normal_page(live_demo, page):
    page.goto(live_demo.mr + "/")
    search_from_header(page, "")
    expect(page).to_have_url(live_demo.mr + "/sok/?q=")
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk")
    expect(page.get_by_role("main")).to_contain_text(
        "Skriv inn eitt eller fleire ord og trykk på «Søk»."
    )
    expect(page.locator(".search-results")).to_have_count(0)
    check_accessibility(page, "search-empty")


def test_hostile_query_is_shown_as_text_and_never_run(live_demo, page):
    dialogs = watch_dialogs(page)
    page.goto(live_demo.mr + "/")
    search_from_header(page, HOSTILE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk")
    expect(page.get_by_role("status")).to_have_text(
        f"Ingen treff på «{HOSTILE}». Prøv med andre eller færre ord."
    )
    expect(page.get_by_role("searchbox", name="Søk etter")).to_have_value(HOSTILE)
    injected = page.evaluate(
        "() => [...document.scripts].filter((s) => s.textContent.includes('alert(1)')).length"
    )
    assert injected == 0
    check_accessibility(page, "search-hostile")
    assert dialogs == [], f"the page ran script from the query: {dialogs}"
