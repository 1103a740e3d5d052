"""A contact of Alta opens "Min organisasjon" (logged in through a session cookie; the login
itself is tested with the OIDC provider elsewhere), sees the organisation's quota, gives a seat
to a colleague and answers a hearing on the organisation's behalf; a contact of Bodø cannot see
any of it. Every page passes axe and is shot at 1280 and 320 px."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from samhandling.events.models import Registration
from samhandling.events.services import registration_create
from samhandling.hearings.choices import ResponseStatus
from samhandling.hearings.responses import HearingResponse
from tests.myorg.helpers import ALTA, BODO, HN_HOST, contact, event, hn_hearing, series

from .axe import check_accessibility, screenshot

pytestmark = pytest.mark.browser


def log_in(context, user) -> None:
    """Put a logged-in session of `user` into the browser context."""
    client = Client(HTTP_HOST=HN_HOST)
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": HN_HOST,
                "path": "/",
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "domain": HN_HOST, "path": "/"},
        ]
    )


def both_widths(page, name: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, f"{name}-320")
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 320, f"{name} scrolls sideways at 320 px ({overflow} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"{name}-1280")


def test_a_contact_manages_sign_ups_and_answers_a_hearing(fresh_demo, context, browser):
    user, alta = contact(ALTA)
    autumn = series(title="Dialogkonferansar 2027", max_per_organisation=2)
    conference = event(autumn, title="Dialogkonferanse i Alta")
    seat = registration_create(
        event=conference,
        name="Ola Alta",
        email="ola@alta.example",
        consent=True,
        organisation=alta,
    ).registration
    hearing = hn_hearing(title="Høyring om samarbeidsavtalen")
    mail.outbox.clear()
    log_in(context, user)
    page = context.new_page()

    page.goto(f"{fresh_demo.hn}/min-organisasjon/")
    expect(page.locator("h1")).to_contain_text("My organisation")
    expect(page.locator("#signups")).to_contain_text("1 of 2 places used, 1 left.")
    expect(page.locator("#signups")).to_contain_text("Ola Alta")
    check_accessibility(page, "myorg-page")
    both_widths(page, "myorg-page")

    page.get_by_role("link", name="Give the seat of Ola Alta to another person").click()
    check_accessibility(page, "myorg-replace")
    page.get_by_label("The participant's name").fill("Per Ny")
    page.get_by_label("The participant's e-mail").fill("per@alta.example")
    page.get_by_role("button", name="Give the seat to this person").click()
    expect(page.locator("main")).to_contain_text("Per Ny now has the seat")
    expect(page.locator("#signups")).to_contain_text("1 of 2 places used, 1 left.")
    seat.refresh_from_db()
    assert (seat.email, seat.status) == ("per@alta.example", "confirmed")
    assert {m.to[0] for m in mail.outbox} == {"per@alta.example", "ola@alta.example"}

    page.get_by_role("link", name=f"Answer {hearing.title} on behalf of the organisation").click()
    check_accessibility(page, "myorg-hearing")
    both_widths(page, "myorg-hearing")
    page.locator("[name=general_answer]").fill("Alta kommune støttar utkastet.")
    page.locator("form.hearing-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("is received")
    expect(page.locator("#hearings")).to_contain_text("Submitted")
    check_accessibility(page, "myorg-page-after")
    response = HearingResponse.objects.get(hearing=hearing, organisation=alta)
    assert response.status == ResponseStatus.CONFIRMED

    # A contact of Bodø sees none of it, and cannot act on it.
    other_user, _bodo = contact(BODO)
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        log_in(other, other_user)
        intruder = other.new_page()
        answer = intruder.goto(f"{fresh_demo.hn}/min-organisasjon/{alta.pk}/")
        assert answer.status == 404
        expect(intruder.locator("main")).not_to_contain_text("Per Ny")
        answer = intruder.goto(f"{fresh_demo.hn}/min-organisasjon/{alta.pk}/hoyring/{hearing.pk}/")
        assert answer.status == 404
        check_accessibility(intruder, "myorg-other-organisation-404")
        intruder.goto(f"{fresh_demo.hn}/min-organisasjon/")
        expect(intruder.locator("main")).not_to_contain_text("Per Ny")
    finally:
        other.close()
    assert Registration.objects.filter(event=conference, status="confirmed").count() == 1
