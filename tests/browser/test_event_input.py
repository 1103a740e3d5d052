"""A participant sends input from the private link of their sign-up; the secretariat publishes a
summary per theme for the series; the summary (and no name) appears on the event page. Screenshots
of the input form and the event page's input section at 1280 and 320 px."""

import re

from django.core import mail
from playwright.sync_api import expect

from samhandling.events.models import EventSeriesPage
from samhandling.inputs.models import Input, Theme
from samhandling.inputs.services import input_publish, input_set_themes, summary_save

from .axe import check_accessibility, screenshot
from .test_event_signup import TROMSO, manage_link, sign_up

SERIES_SLUG = "dialogkonferanser-ny-runde"


def test_participant_sends_input_and_the_summary_appears_on_the_event_page(fresh_demo, page):
    mail.outbox.clear()
    sign_up(
        page,
        fresh_demo.hn + TROMSO,
        name="Eva Innspill",
        email="eva.innspill@balsfjord.example",
        organisation="Balsfjord",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er påmeldt")

    # From the private link: the manage page offers "Send innspill".
    page.goto(manage_link("eva.innspill@balsfjord.example"))
    check_accessibility(page, "input-manage")
    page.get_by_role("link", name="Send innspill").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send innspill")
    check_accessibility(page, "input-form")
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, "input-form-320")
    page.set_viewport_size({"width": 1280, "height": 900})

    text = "Kommunene må få vite om utskrivningsklare pasienter dagen før. <script>x</script>"
    page.get_by_role("textbox", name=re.compile("^Innspillet ditt")).fill(text)
    page.get_by_role("button", name="Send innspill").click()
    expect(page.get_by_role("status")).to_contain_text("Takk! Innspillet ditt er sendt.")
    expect(page.locator("#own-input-section")).to_contain_text("<script>x</script>")
    check_accessibility(page, "input-form-sent")

    # The secretariat tags and publishes it and writes the series' summary for the theme.
    item = Input.objects.get(registration__email="eva.innspill@balsfjord.example")
    theme = Theme.objects.get(name="Samhandling ved utskrivning")
    input_set_themes(item=item, themes=[theme])
    input_publish(item=item, published=True)
    series = EventSeriesPage.objects.get(slug=SERIES_SLUG)
    summary_save(
        theme=theme,
        series=series,
        text="Oppsummert for styret: tidligere varsel om utskrivning.",
        published=True,
    )

    page.goto(fresh_demo.hn + TROMSO)
    section = page.locator("section.event-input")
    expect(section).to_contain_text("Oppsummert for styret: tidligere varsel om utskrivning.")
    expect(section).to_contain_text("En deltaker")
    expect(section).to_contain_text("dagen før")
    expect(page.locator("main")).not_to_contain_text("Eva Innspill")
    check_accessibility(page, "input-event-page")
    section.screenshot(
        path=str(screenshot(page, "input-event-page-1280").parent / "input-event-section-1280.png")
    )
    page.set_viewport_size({"width": 320, "height": 800})
    section.screenshot(
        path=str(screenshot(page, "input-event-page-320").parent / "input-event-section-320.png")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
