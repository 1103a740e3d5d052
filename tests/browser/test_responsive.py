"""Small screens (320 CSS pixels, WCAG 1.4.10 reflow), the header on a phone, the sign-up form's
errors, and print.

Every public page type is visited at 320 px: none may be wider than the screen, no element may
stick out of it (a table inside its own labelled scroll region may scroll there), no word of a
heading may be wider than the heading (it would break mid-word without a hyphen), and axe finds
nothing."""

import re

from django.core import mail
from playwright.sync_api import expect

from .axe import check_accessibility, screenshot
from .page_types import ARTICLE_PATH, TROMSO, public_page_types

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 900}

# Elements that stick out of the viewport, leaving out those inside an ancestor that clips or
# scrolls sideways (a table in its own scroll region) and visually hidden ones.
OVERFLOWING = """(limit) => {
  const clipped = (element) => {
    for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== "visible") return true;
    }
    return false;
  };
  return [...document.querySelectorAll("body *")].filter((e) => {
    const box = e.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) return false;
    return (box.right > limit + 1 || box.left < -1) && !clipped(e);
  }).slice(0, 10).map((e) => e.tagName.toLowerCase() + "." + e.className + " " +
    Math.round(e.getBoundingClientRect().right) + "px");
}"""

# Words of headings wider than the heading itself: such a word breaks mid-word, without a hyphen
# where the browser cannot hyphenate it.
TOO_WIDE_WORDS = """async () => {
  await document.fonts.ready;
  const context = document.createElement("canvas").getContext("2d");
  const found = [];
  for (const heading of document.querySelectorAll("main :is(h1, h2, h3)")) {
    const style = getComputedStyle(heading);
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const width = heading.clientWidth - padding;
    context.font = style.font;
    for (const word of heading.textContent.split(/\\s+/).filter(Boolean)) {
      const wordWidth = context.measureText(word).width;
      if (wordWidth > width + 0.5) found.push(`${word} (${Math.round(wordWidth)} > ${width}px)`);
    }
  }
  return found;
}"""


def assert_reflows(page) -> None:
    """No horizontal scrolling at 320 px, nothing outside the screen, no heading word too wide."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    outside = page.evaluate(OVERFLOWING, NARROW["width"])
    assert width <= NARROW["width"] and not outside, (
        f"{page.url} is {width}px wide at 320px; outside the screen: {outside}"
    )
    words = page.evaluate(TOO_WIDE_WORDS)
    assert not words, f"{page.url}: heading words wider than their heading: {words}"


def sign_up(page, url: str, *, email: str) -> None:
    page.goto(url)
    page.get_by_label("Fullt navn").fill("Eva Balsfjord")
    page.get_by_label(re.compile("^E-post")).fill(email)
    page.get_by_label(re.compile("^Organisasjon")).select_option(label="Balsfjord")
    page.get_by_label("Stillingstittel").fill("Rådgiver")
    page.get_by_label(re.compile("^Jeg godtar")).check()
    page.get_by_role("button", name="Meld deg på").click()


def manage_link(email: str) -> str:
    message = [m for m in mail.outbox if email in m.to][-1]
    return re.search(r"https?://\S+/p/[^/\s]+/", message.body).group(0)


def test_every_page_type_reflows_at_320_px(live_demo, new_page):
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    signup = f"/arrangement/{event.pk}/pamelding/"
    pages = public_page_types(live_demo)
    page = new_page(viewport=NARROW)
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not-found" else 200), url
        assert_reflows(page)
        check_accessibility(page, f"{name}-320")

    # The sign-up form with its errors, the receipt and the private page.
    page.goto(live_demo.hn + signup)
    page.get_by_role("button", name="Meld deg på").click()
    expect(page.get_by_role("alert")).to_contain_text("Rett opp dette")
    assert_reflows(page)
    check_accessibility(page, "signup-errors-320")

    mail.outbox.clear()
    sign_up(page, live_demo.hn + signup, email="eva.320@balsfjord.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er påmeldt")
    assert_reflows(page)
    check_accessibility(page, "receipt-320")

    page.goto(manage_link("eva.320@balsfjord.example"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Påmeldingen din")
    assert_reflows(page)
    check_accessibility(page, "manage-320")


def test_the_versions_table_stacks_and_keeps_its_column_names(live_demo, new_page):
    page = new_page(viewport=NARROW)
    page.goto(live_demo.mr + "/samarbeidsavtalen/")
    table = page.get_by_role("table", name="Alle versjonar")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    # Each value says which column it belongs to, as the hidden header row would.
    status = table.locator("td[data-label]").first
    label = status.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Status: "', label


def test_header_folds_behind_a_menu_button_on_a_phone(live_demo, new_page):
    page = new_page(viewport=NARROW)
    page.goto(live_demo.mr + "/")
    menu_button = page.get_by_role("button", name="Meny")
    search = page.get_by_role("search", name="Søk på nettstaden")
    nav = page.get_by_role("navigation", name="Hovudmeny")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(search).to_be_hidden()
    expect(nav).to_be_hidden()
    # The header takes little of the first screen: the heading is on it.
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 100, header
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()

    # By keyboard: open the menu, search and the language switch are there, Escape closes it.
    menu_button.focus()
    page.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(search.get_by_role("searchbox")).to_be_visible()
    expect(nav.get_by_role("link", name="Utval")).to_be_visible()
    expect(page.get_by_role("group", name="Språk")).to_be_visible()
    assert_reflows(page)
    check_accessibility(page, "home-320-menu-open")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()
    expect(nav).to_be_hidden()

    # On a wide screen there is no button: everything is shown.
    wide = new_page(viewport=WIDE)
    wide.goto(live_demo.mr + "/")
    expect(wide.get_by_role("button", name="Meny")).to_be_hidden()
    expect(wide.get_by_role("search", name="Søk på nettstaden")).to_be_visible()
    expect(wide.get_by_role("navigation", name="Hovudmeny")).to_be_visible()


def test_without_javascript_the_phone_header_shows_everything(live_demo, browser):
    context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_demo.mr + "/")
        expect(page.get_by_role("button", name="Meny")).to_be_hidden()
        expect(page.get_by_role("search", name="Søk på nettstaden")).to_be_visible()
        expect(page.get_by_role("navigation", name="Hovudmeny")).to_be_visible()
        assert_reflows(page)
    finally:
        context.close()


def _submit_empty_signup(page, live_demo):
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    page.goto(live_demo.hn + f"/arrangement/{event.pk}/pamelding/")
    page.get_by_role("button", name="Meld deg på").click()
    page.wait_for_load_state()


def test_invalid_signup_moves_focus_to_the_summary_and_says_so_in_the_title(live_demo, new_page):
    page = new_page(viewport=NARROW)
    _submit_empty_signup(page, live_demo)
    expect(page).to_have_title(re.compile(r"^Feil: .*Dialogkonferanse i Tromsø"))
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()

    # The icons sit beside their text, on its first line: the summary's beside its heading, each
    # field's beside its message.
    def icon_beside_text(element, pseudo_owner_selector: str) -> None:
        owner = element.locator(pseudo_owner_selector).first if pseudo_owner_selector else element
        icon = owner.evaluate(
            """(e) => { const s = getComputedStyle(e, '::before');
                 return {w: parseFloat(s.width), h: parseFloat(s.height)}; }"""
        )
        text_box = owner.evaluate(
            """(e) => { const r = document.createRange(); r.selectNodeContents(e);
                 const first = r.getClientRects()[0]; const box = e.getBoundingClientRect();
                 return {top: first.top - box.top, left: first.left - box.left,
                         lineHeight: parseFloat(getComputedStyle(e).lineHeight)}; }"""
        )
        assert icon["w"] > 0 and icon["h"] > 0
        # The text starts on the first line of its box (not pushed below the icon)...
        assert text_box["top"] < text_box["lineHeight"] / 2, text_box

    icon_beside_text(summary, "h2")
    message = page.locator(".ds-validation-message").first
    icon_beside_text(message, "")
    first_error = message.locator("p").first
    assert first_error.evaluate("p => getComputedStyle(p).marginTop") == "0px"
    screenshot(page, "signup-errors-focused-320")

    # By keyboard from the summary: its first link goes to the field.
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#id_name$"))


def test_without_javascript_the_summary_still_gets_the_focus(live_demo, nojs_page):
    _submit_empty_signup(nojs_page, live_demo)
    expect(nojs_page).to_have_title(re.compile("^Feil: "))
    expect(nojs_page.get_by_role("alert")).to_be_focused()


def test_a_refused_signup_takes_the_focus_with_and_without_javascript(live_demo, new_page, browser):
    # Tromsø has used its two places in the series (the demo): the sign-up is refused.
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    url = live_demo.hn + f"/arrangement/{event.pk}/pamelding/"
    page = new_page(viewport=NARROW)
    context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    try:
        for current in (page, context.new_page()):
            current.goto(url)
            current.get_by_label("Fullt navn").fill("Tredje Tromsø")
            current.get_by_label(re.compile("^E-post")).fill("tredje.320@tromso.example")
            current.get_by_label(re.compile("^Organisasjon")).select_option(label="Tromsø")
            current.get_by_label(re.compile("^Jeg godtar")).check()
            current.get_by_role("button", name="Meld deg på").click()
            refusal = current.locator("#refusal")
            expect(refusal).to_contain_text("Vi kunne ikke melde deg på")
            expect(refusal).to_be_focused()
            assert_reflows(current)
        check_accessibility(page, "signup-refused-320")
    finally:
        context.close()


def test_radio_buttons_and_checkbox_are_designsystemet_controls_with_a_focus_ring(
    live_demo, new_page
):
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    page = new_page(viewport=NARROW)
    page.goto(live_demo.hn + f"/arrangement/{event.pk}/pamelding/")
    participant = page.get_by_role("radio", name="Deltaker")
    consent = page.get_by_role("checkbox", name=re.compile("^Jeg godtar"))
    for control in (participant, consent):
        expect(control).to_have_class(re.compile(r"\bds-input\b"))
        # Drawn by Designsystemet, not the browser's default control.
        assert control.evaluate("e => getComputedStyle(e).appearance") == "none"
    expect(participant).to_be_checked()

    # Keyboard focus draws a clear ring around the option (Designsystemet's focus style).
    participant.focus()
    page.keyboard.press("ArrowDown")
    speaker = page.get_by_role("radio", name=re.compile("^Innleder"))
    expect(speaker).to_be_focused()
    expect(speaker).to_be_checked()
    ring = speaker.evaluate(
        "e => { const s = getComputedStyle(e.closest('.ds-field'));"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    assert ring[0] != "none" or ring[2] != "none", ring
    screenshot(page, "signup-radio-focus-320")
    check_accessibility(page, "signup-320")


def test_screenshots_at_1280_and_320_px(live_demo, new_page):
    """The pages the issue names, at both widths, for a person to look at; axe on each."""
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    for label, viewport in (("1280", WIDE), ("320", NARROW)):
        page = new_page(viewport=viewport)
        for name, url in (
            ("home", live_demo.mr + "/"),
            ("event", live_demo.hn + TROMSO),
            ("agreement", live_demo.mr + "/samarbeidsavtalen/"),
        ):
            page.goto(url)
            check_accessibility(page, f"look-{name}-{label}")
        page.goto(live_demo.hn + f"/arrangement/{event.pk}/pamelding/")
        page.get_by_role("button", name="Meld deg på").click()
        expect(page.get_by_role("alert")).to_be_focused()
        check_accessibility(page, f"look-signup-errors-{label}")


def test_print_hides_the_search_box(live_demo, page):
    page.goto(live_demo.mr + ARTICLE_PATH)
    page.emulate_media(media="print")
    expect(page.get_by_role("search", name="Søk på nettstaden")).to_be_hidden()
    expect(page.get_by_role("group", name="Språk")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hovudmeny")).to_be_hidden()
    expect(page.get_by_role("button", name="Meny")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("img")).not_to_have_count(0)
    screenshot(page, "news-article-print")
