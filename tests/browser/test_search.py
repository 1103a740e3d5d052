"""Search from the header: keyboard only, empty and hostile queries; results of every type with
their type, date and context, narrowed by type and year without JavaScript, at 1280 and 320 px."""

import pytest
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
    search_from_header(page, "nyheiter")
    expect(page).to_have_url(live_demo.mr + "/sok/?q=nyheiter")
    expect(page).to_have_title("Søkjeresultat for «nyheiter» – Helsefellesskap Møre og Romsdal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk")
    expect(page.get_by_role("status")).to_contain_text("treff på «nyheiter»")
    titles = page.locator(".search-results .search-result__title")
    expect(titles.get_by_role("link", name=ARTICLE_TITLE)).to_be_visible()
    page_search = page.get_by_role("search", name="Søk etter")
    expect(page_search.get_by_role("searchbox")).to_have_value("nyheiter")
    titles.get_by_role("link", name=ARTICLE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    page.go_back()
    check_accessibility(page, "search-results")


def test_avtale_finds_the_cooperation_agreement_first(live_demo, page):
    page.goto(live_demo.mr + "/")
    search_from_header(page, "avtale")
    first = page.locator(".search-result").first
    expect(first.locator(".search-result__type")).to_have_text("Avtale")
    expect(first.get_by_role("link", name="Samarbeidsavtalen")).to_be_visible()
    first.get_by_role("link", name="Samarbeidsavtalen").click()
    expect(page).to_have_url(live_demo.mr + "/samarbeidsavtalen/")


WIDTHS = {1280: {"width": 1280, "height": 900}, 320: {"width": 320, "height": 640}}


def narrow_to_meetings_of_2023(page):
    filters = page.get_by_role("form", name="Avgrens søket")
    filters.get_by_label("Type").select_option("meeting")
    filters.get_by_label("År").select_option("2023")
    filters.get_by_role("button", name="Vis treff").click()


@pytest.mark.parametrize("width", [1280, 320])
def test_results_show_type_date_and_context_and_can_be_narrowed(live_demo, new_page, width):
    page = new_page(viewport=WIDTHS[width])
    page.goto(live_demo.mr + "/sok/?q=m%C3%B8te")
    results = page.locator(".search-result")
    expect(results.first).to_be_visible()
    types = {text.strip() for text in page.locator(".search-result__type").all_inner_texts()}
    assert {"Møte", "Vedtak"} <= types, types
    # Each result: its type, and where it has one, its date and context.
    decision = results.filter(has_text="Temabaserte møte i SSU").filter(
        has=page.locator(".search-result__type", has_text="Vedtak")
    )
    expect(decision.locator("time")).to_have_text("7. juni 2023")
    expect(decision.locator(".search-result__context")).to_contain_text(
        "Strategisk samarbeidsutval (SSU) › Møte i SSU 7. juni 2023"
    )
    expect(decision.locator("mark").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    check_accessibility(page, f"search-results-{width}")

    narrow_to_meetings_of_2023(page)
    expect(page).to_have_url(live_demo.mr + "/sok/?q=m%C3%B8te&type=meeting&aar=2023")
    expect(results).to_have_count(2)
    assert set(page.locator(".search-result__type").all_inner_texts()) == {"Møte"}
    for date in page.locator(".search-result__meta time").all_inner_texts():
        assert date.endswith("2023")
    expect(page.get_by_label("Type")).to_have_value("meeting")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    check_accessibility(page, f"search-results-filtered-{width}")
    page.get_by_role("link", name="Fjern filtra").click()
    expect(page).to_have_url(live_demo.mr + "/sok/?q=m%C3%B8te")


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


def test_the_filters_work_without_javascript(live_demo, nojs_page):
    nojs_page.goto(live_demo.mr + "/sok/?q=m%C3%B8te")
    narrow_to_meetings_of_2023(nojs_page)
    expect(nojs_page).to_have_url(live_demo.mr + "/sok/?q=m%C3%B8te&type=meeting&aar=2023")
    expect(nojs_page.locator(".search-result")).to_have_count(2)
