"""Keyboard use, and the site without JavaScript."""

from playwright.sync_api import expect

from .axe import check_accessibility

ARTICLE_TITLE = "Haustens nyheiter frå Helsefellesskapa"


def test_first_tab_focuses_the_skip_link_and_enter_moves_to_main(live_demo, page):
    page.goto(live_demo.mr + "/")
    skip_link = page.get_by_role("link", name="Hopp til hovudinnhaldet")
    expect(skip_link).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    check_accessibility(page, "skip-link-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_demo.mr + "/#main")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab goes on from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_the_header_is_usable_with_the_keyboard(live_demo, page):
    page.goto(live_demo.mr + "/")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => (document.activeElement.getAttribute('aria-label') || "
                "document.activeElement.labels?.[0]?.textContent || "
                "document.activeElement.textContent).trim()"
            )
        )
    for name in ("Søk på nettstaden", "Søk", "Nynorsk", "Bokmål", "Nyhende", "Utval"):
        assert name in reached, f"{name!r} is not reachable with Tab: {reached}"


def test_search_works_without_javascript(live_demo, nojs_page):
    page = nojs_page
    page.goto(live_demo.mr + "/")
    search = page.get_by_role("search", name="Søk på nettstaden")
    search.get_by_role("searchbox").fill("nyheiter")
    with page.expect_navigation():
        search.get_by_role("button", name="Søk").click()
    expect(page).to_have_url(live_demo.mr + "/sok/?q=nyheiter")
    # the article, and its picture and PDF with the article as their context
    expect(
        page.locator(".search-results").get_by_role("link", name=ARTICLE_TITLE).first
    ).to_be_visible()


def test_language_switch_works_without_javascript(live_demo, nojs_page):
    page = nojs_page
    page.goto(live_demo.mr + "/nyhende/")
    with page.expect_navigation():
        page.get_by_role("button", name="Bokmål").click()
    expect(page).to_have_url(live_demo.mr + "/nyhende/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("button", name="Bokmål")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("link", name="Hopp til hovedinnholdet")).to_have_count(1)
    with page.expect_navigation():
        page.get_by_role("button", name="Nynorsk").click()
    expect(page.locator("html")).to_have_attribute("lang", "nn")
