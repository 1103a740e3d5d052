"""The bars of the agreement page and the action plan, and the long lists collapsed behind their
count: seen at 1280 and 320 px, opened without JavaScript, and checked with axe."""

import pytest
from playwright.sync_api import expect

from .axe import check_accessibility, screenshot

SUB_AGREEMENT = "/samarbeidsavtalen/delavtale-2/"
AGREEMENT = "/samarbeidsavtalen/"
PLAN = "/handlingsplan/"
WIDTHS = {"wide": {"width": 1280, "height": 900}, "narrow": {"width": 320, "height": 640}}


def fits(page, width: int) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_the_sub_agreement_shows_the_share_adopted_and_hides_the_24(live_demo, new_page, size):
    page = new_page(viewport=WIDTHS[size])
    page.goto(live_demo.mr + SUB_AGREEMENT)
    status = page.locator(
        "#latest-count"
    )  # the revision being adopted; the version in force has its own
    expect(status).to_contain_text("4 av 28 partar har vedteke versjonen")
    expect(status).to_contain_text("4 av 28 (14\u00a0%)")
    bar = status.locator("svg.share-bar__graphic")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("aria-hidden", "true")
    # The drawn share is as wide as 4 of 28 (a fill of 14 % of the bar's width).
    fill = bar.locator(".share-bar__fill").bounding_box()["width"]
    whole = bar.bounding_box()["width"]
    assert 0.12 < fill / whole < 0.16, (fill, whole)

    missing = page.locator("section[aria-labelledby='latest-missing']")
    parties = missing.locator("li")
    expect(parties.first).to_be_hidden()
    summary = missing.get_by_text("Vis dei 24 som ikkje har vedteke")
    summary.focus()
    page.keyboard.press("Enter")  # a <summary> opens by keyboard, without a script
    expect(parties).to_have_count(24)
    expect(missing.get_by_text("Helse Møre og Romsdal HF")).to_be_visible()
    fits(page, WIDTHS[size]["width"])
    check_accessibility(page, f"charts-sub-agreement-{size}")


def test_the_collapsed_list_opens_without_javascript(live_demo, nojs_page):
    nojs_page.goto(live_demo.mr + SUB_AGREEMENT)
    missing = nojs_page.locator("section[aria-labelledby='latest-missing']")
    expect(missing.get_by_text("Ørsta")).to_be_hidden()
    missing.get_by_text("Vis dei 24 som ikkje har vedteke").click()
    expect(missing.get_by_text("Ørsta")).to_be_visible()


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_the_agreement_shows_a_bar_per_version(live_demo, new_page, size):
    page = new_page(viewport=WIDTHS[size])
    page.goto(live_demo.mr + AGREEMENT)
    versions = page.locator(".version-shares li")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("Revidert utkast 2024 (Under forhandling)")
    expect(versions.nth(0)).to_contain_text("0 av 28 (0\u00a0%)")
    expect(versions.nth(1)).to_contain_text("28 av 28 (100\u00a0%)")
    in_force = page.locator("section[aria-labelledby='in-force-heading']")
    expect(in_force.locator("li").first).to_be_hidden()
    fits(page, WIDTHS[size]["width"])
    check_accessibility(page, f"charts-agreement-{size}")


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_the_action_plan_shows_the_share_done_and_per_status(live_demo, new_page, size):
    page = new_page(viewport=WIDTHS[size])
    page.goto(live_demo.mr + PLAN)
    done = page.locator(".progress-done")
    expect(done).to_contain_text("Fullførte tiltak")
    expect(done).to_contain_text("1 av 6 (17\u00a0%)")
    statuses = page.locator(".progress-shares li")
    expect(statuses).to_have_count(5)
    expect(statuses.filter(has_text="I gang")).to_contain_text("3 av 6 (50\u00a0%)")
    expect(statuses.filter(has_text="Over fristen")).to_contain_text("2 av 6 (33\u00a0%)")
    for graphic in page.locator(".progress-shares svg").all():
        expect(graphic).to_have_attribute("aria-hidden", "true")
    fits(page, WIDTHS[size]["width"])
    screenshot(page, f"charts-action-plan-{size}")
    check_accessibility(page, f"charts-action-plan-{size}")
