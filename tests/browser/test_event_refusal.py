"""A refused sign-up reads as a refusal with what one can do instead; the receipt shows the private
link; cancelling by it asks once. Checked with axe and looked at at 1280 and 320 px."""

from playwright.sync_api import expect

from samhandling.events.models import Registration

from .axe import check_accessibility
from .test_event_signup import TROMSO, sign_up

WIDTHS = (1280, 320)


def _fits(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide at {width}px"


def test_refusal_receipt_link_and_cancel_confirmation(fresh_demo, new_page):
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 900})
        # Tromsø municipality already has its two places in the series.
        sign_up(
            page,
            fresh_demo.hn + TROMSO,
            name="Tredje Tromsø",
            email=f"tredje{width}@tromso.example",
            organisation="Tromsø",
        )
        main = page.locator("main")
        expect(main).to_contain_text("Vi kunne ikke melde deg på")
        expect(main).to_contain_text("har allerede 2 deltakere påmeldt")
        expect(main).to_contain_text("Dette kan du gjøre")
        expect(page.get_by_role("link", name="Se de andre arrangementene")).to_be_visible()
        expect(main).not_to_contain_text("Rett opp")
        assert page.title().startswith("Ikke påmeldt: ")
        _fits(page, width)
        check_accessibility(page, f"event-refusal-{width}")

    page = new_page(viewport={"width": 1280, "height": 900})
    sign_up(
        page,
        fresh_demo.hn + TROMSO,
        name="Eva Balsfjord",
        email="eva@balsfjord.example",
        organisation="Balsfjord",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er påmeldt")
    link = page.locator(".event-private-link a")
    expect(link).to_be_visible()
    check_accessibility(page, "event-receipt-with-link-1280")
    url = link.get_attribute("href")

    # On a phone the long private link wraps instead of widening the page.
    phone = new_page(viewport={"width": 320, "height": 900})
    sign_up(
        phone,
        fresh_demo.hn + TROMSO,
        name="Per Lyngen",
        email="per@lyngen.example",
        organisation="Lyngen",
    )
    expect(phone.locator(".event-private-link a")).to_be_visible()
    _fits(phone, 320)
    check_accessibility(phone, "event-receipt-with-link-320")

    for width in WIDTHS:
        phone = new_page(viewport={"width": width, "height": 900})
        phone.goto(url)
        phone.get_by_role("button", name="Meld meg av").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Melde av påmeldingen?")
        _fits(phone, width)
        check_accessibility(phone, f"event-cancel-confirm-{width}")
        assert Registration.objects.get(email="eva@balsfjord.example").status == "confirmed"
        if width == 320:
            phone.get_by_role("button", name="Ja, meld meg av").click()
            expect(phone.locator("main")).to_contain_text("Du er meldt av")
        else:
            phone.get_by_role("link", name="Nei, behold påmeldingen").click()
            expect(phone.get_by_role("heading", level=1)).to_have_text("Påmeldingen din")
    assert Registration.objects.get(email="eva@balsfjord.example").status == "cancelled"
