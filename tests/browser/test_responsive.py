"""Small screens (320 CSS pixels, WCAG 1.4.10 reflow) and print."""

from playwright.sync_api import expect

from .axe import check_accessibility, screenshot

ARTICLE_PATH = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
NARROW = {"width": 320, "height": 640}


def assert_no_horizontal_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        wide = page.evaluate(
            """(limit) => [...document.querySelectorAll("body *")]
                .filter((e) => e.getBoundingClientRect().right > limit + 1)
                .slice(0, 10).map((e) => e.tagName.toLowerCase() + "." + e.className)""",
            NARROW["width"],
        )
        raise AssertionError(f"page is {width}px wide at 320px; too wide: {wide}")


def test_home_page_at_320_px(live_demo, new_page):
    page = new_page(viewport=NARROW)
    page.goto(live_demo.mr + "/")
    assert_no_horizontal_scroll(page)
    search = page.get_by_role("search", name="Søk på nettstaden")
    expect(search.get_by_role("searchbox")).to_be_in_viewport()
    check_accessibility(page, "home-320")


def test_article_at_320_px(live_demo, new_page):
    page = new_page(viewport=NARROW)
    page.goto(live_demo.mr + ARTICLE_PATH)
    assert_no_horizontal_scroll(page)
    image = page.locator("figure img")
    assert image.bounding_box()["width"] <= NARROW["width"]
    check_accessibility(page, "news-article-320")


def test_print_hides_the_search_box(live_demo, page):
    page.goto(live_demo.mr + ARTICLE_PATH)
    page.emulate_media(media="print")
    expect(page.get_by_role("search", name="Søk på nettstaden")).to_be_hidden()
    expect(page.get_by_role("group", name="Språk")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hovudmeny")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("img")).not_to_have_count(0)
    screenshot(page, "news-article-print")
