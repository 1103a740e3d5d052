"""The bot checks and rate limits of public forms in a real browser, at the production values:
a form sent faster than a person can is refused with a page in the site's language, the
honeypot is neither seen nor reached by the keyboard, a person who takes their time is signed
up, and a client over the rate limit gets the 429 page. The pages pass axe (WCAG 2.1 AA)."""

import re

from playwright.sync_api import expect

from samhandling.events.models import Registration
from samhandling.settings import base

from .axe import check_accessibility, screenshot
from .test_event_signup import TROMSO, open_signup_form


def fill(page, *, email):
    page.get_by_label("Fullt navn").fill("Rask Robot")
    page.get_by_label(re.compile("^E-post")).fill(email)
    page.get_by_label(re.compile("^Organisasjon")).select_option(label="Balsfjord")
    page.get_by_label("Stillingstittel").fill("Rådgiver")
    page.get_by_label(re.compile("^Jeg godtar")).check()


def send(page):
    page.get_by_role("button", name=re.compile("Meld deg på|venteliste", re.IGNORECASE)).click()


def test_a_form_sent_faster_than_a_person_is_refused_and_one_sent_at_human_pace_is_not(
    fresh_demo, page, settings
):
    settings.FORM_GUARD_MIN_SECONDS = base.FORM_GUARD_MIN_SECONDS  # production: 3 s
    assert settings.FORM_GUARD_MIN_SECONDS == 3
    open_signup_form(page, fresh_demo.hn + TROMSO)
    honeypot = page.locator('main input[name="website"]')
    expect(honeypot).to_be_hidden()
    for _step in range(40):  # the keyboard never reaches it
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.name") != "website"

    fill(page, email="rask@balsfjord.example")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        send(page)
    assert answer.value.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Skjemaet ditt ble ikke sendt")
    expect(page.locator("main")).to_contain_text("raskere enn et menneske fyller det ut")
    check_accessibility(page, "form-guard-too-fast")
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, "form-guard-too-fast-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not Registration.objects.filter(email="rask@balsfjord.example").exists()

    page.get_by_role("link", name="Tilbake til skjemaet").click()
    fill(page, email="rolig@balsfjord.example")
    page.wait_for_timeout(3500)  # a person takes longer than the minimum
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Du er påmeldt|Du står på venteliste")
    )
    assert Registration.objects.filter(email="rolig@balsfjord.example").exists()


def test_over_the_rate_limit_the_visitor_gets_the_429_page(fresh_demo, page, settings):
    settings.SAMHANDLING_RATE_LIMITS = {
        **settings.SAMHANDLING_RATE_LIMITS,
        "signup": {"client": "1/m", "email": "10/h"},
    }
    open_signup_form(page, fresh_demo.hn + TROMSO)
    fill(page, email="forste@balsfjord.example")
    send(page)
    open_signup_form(page, fresh_demo.hn + TROMSO)
    fill(page, email="andre@balsfjord.example")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        send(page)
    assert answer.value.status == 429 and answer.value.headers["retry-after"]
    expect(page.get_by_role("heading", level=1)).to_have_text("For mange forsøk")
    expect(page.locator("main")).to_contain_text(re.compile(r"Prøv igjen om \d+ sekund"))
    check_accessibility(page, "rate-limited")
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, "rate-limited-320")
    assert not Registration.objects.filter(email="andre@balsfjord.example").exists()
