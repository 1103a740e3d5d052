"""The events listing in a real browser: a visitor narrows it to one town with the keyboard,
without JavaScript doing anything but the browser's own form."""

from playwright.sync_api import expect

from .axe import check_accessibility


def test_the_listing_is_filtered_by_town_with_the_keyboard(live_demo, page):
    page.goto(live_demo.hn + "/arrangementer/")
    place = page.get_by_label("Sted", exact=True)  # the Helse Nord site speaks bokmål
    place.focus()
    place.select_option(label="Bodø")
    page.keyboard.press("Tab")  # to the button
    expect(page.get_by_role("button", name="Vis arrangementer")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/arrangementer/?serie=&stad=Bod%C3%B8")
    expect(page.get_by_role("status")).to_contain_text("arrangementer passer")
    upcoming = page.locator("section[aria-labelledby=upcoming-heading]")
    expect(upcoming.get_by_role("link", name="Dialogkonferanse i Bodø")).to_be_visible()
    expect(upcoming.get_by_role("link", name="Dialogkonferanse i Tromsø")).to_have_count(0)
    past = page.locator("section[aria-labelledby=past-heading]")
    expect(past.get_by_role("link", name="Dialogkonferanse i Bodø med kommuner")).to_be_visible()
    check_accessibility(page, "event-listing-filtered")
    page.get_by_role("link", name="Vis alle arrangementer").click()
    expect(page.get_by_role("status")).to_have_count(0)
