"""A participant's way through a dialogue conference with the seed's rules (two places per
municipality across the series, one event per municipality): sign up, hit the municipality's cap,
join the waiting list, cancel by the private link and see the first on the list promoted."""

import re

from django.core import mail
from playwright.sync_api import expect

from samhandling.events.models import EventPage, Registration
from tests.staff_login import sign_in_to_admin

from .axe import check_accessibility

SERIES = "/arrangementer/dialogkonferanser-ny-runde/"
TROMSO = SERIES + "dialogkonferanse-tromso/"


def open_signup_form(page, url):
    """Go to `url`; from an event page, follow its "Sign up" button to the sign-up page (the
    event page has no form, so that it sets no cookie and can be cached)."""
    page.goto(url)
    if "/pamelding/" not in url:
        page.get_by_role("link", name=re.compile("^(Meld deg på|Sett deg på venteliste)")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Meld deg på")


def sign_up(page, url, *, name, email, organisation, title="Rådgiver"):
    open_signup_form(page, url)
    page.get_by_label("Fullt navn").fill(name)
    page.get_by_label(re.compile("^E-post")).fill(email)
    page.get_by_label(re.compile("^Organisasjon")).select_option(label=organisation)
    page.get_by_label("Stillingstittel").fill(title)
    page.get_by_label(re.compile("^Jeg godtar")).check()
    page.get_by_role("button", name=re.compile("Meld deg på|venteliste", re.IGNORECASE)).click()


def manage_link(email: str) -> str:
    message = [m for m in mail.outbox if email in m.to][-1]
    return re.search(r"https?://\S+/p/[^/\s]+/", message.body).group(0)


def test_sign_up_cap_waiting_list_cancel_and_promotion(fresh_demo, page):
    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    taken = Registration.objects.filter(event=event, status="confirmed").count()
    EventPage.objects.filter(pk=event.pk).update(capacity=taken + 1)
    mail.outbox.clear()

    # One seat left: a participant from Balsfjord gets it.
    sign_up(
        page,
        fresh_demo.hn + TROMSO,
        name="Eva Balsfjord",
        email="eva@balsfjord.example",
        organisation="Balsfjord",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er påmeldt")
    check_accessibility(page, "event-receipt")

    # Tromsø municipality already has its two places in the series: refused with a reason.
    sign_up(
        page,
        fresh_demo.hn + TROMSO,
        name="Tredje Tromsø",
        email="tredje@tromso.example",
        organisation="Tromsø",
    )
    expect(page.locator("main")).to_contain_text("har allerede 2 deltakere påmeldt")
    check_accessibility(page, "event-form-refused")
    assert not Registration.objects.filter(email="tredje@tromso.example").exists()

    # The event is now full (its page says so): the next one goes on the waiting list.
    page.goto(fresh_demo.hn + TROMSO)
    expect(page.locator("main")).to_contain_text("venteliste")
    sign_up(
        page,
        fresh_demo.hn + TROMSO,
        name="Per Lyngen",
        email="per@lyngen.example",
        organisation="Lyngen",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Du står på venteliste")
    expect(page.locator("main")).to_contain_text("nummer 1")

    # Eva cancels by the private link in her e-mail; Per is promoted and told so.
    page.goto(manage_link("eva@balsfjord.example"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Påmeldingen din")
    check_accessibility(page, "event-manage")
    page.get_by_role("button", name="Meld meg av").click()
    page.get_by_role("button", name="Ja, meld meg av").click()  # asked once to confirm
    expect(page.locator("main")).to_contain_text(re.compile("avmeldt|kansellert|Kansellert"))
    per = Registration.objects.get(email="per@lyngen.example")
    assert per.status == "confirmed"
    assert any("per@lyngen.example" in m.to for m in mail.outbox[-3:])

    # A wrong private link gets a clear page, not an error.
    response = page.goto(fresh_demo.hn + "/p/feil-lenke/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_press_request_is_approved_and_a_participant_checked_in_on_a_phone(fresh_demo, new_page):
    from django.contrib.auth import get_user_model

    page = new_page()
    open_signup_form(page, fresh_demo.hn + TROMSO)
    page.get_by_label("Fullt navn").fill("Jon Journalist")
    page.get_by_label(re.compile("^E-post")).fill("jon@avisa.example")
    page.get_by_label(re.compile("^Organisasjon")).select_option(label="Tromsø")
    page.get_by_label("Stillingstittel").fill("Journalist")
    page.get_by_label("Presse (journalist eller fotograf)").check()
    page.get_by_label(re.compile("^Jeg godtar")).check()
    page.get_by_role("button", name=re.compile("Meld deg på", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vi har mottatt forespørselen din om pressetilgang"
    )
    press = Registration.objects.get(email="jon@avisa.example")
    assert press.status == "pending"

    # The secretariat approves it in the admin (in English for this test).
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "passord-123")
    admin = new_page(viewport={"width": 390, "height": 844})
    admin.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": fresh_demo.hn + "/"}]
    )
    sign_in_to_admin(admin, fresh_demo.hn, user, "passord-123")
    admin.goto(fresh_demo.hn + f"/admin/events/registration/{press.pk}/approve/")
    admin.get_by_role("button", name="Approve press request").click()
    press.refresh_from_db()
    assert press.status == "confirmed"
    assert any("jon@avisa.example" in m.to for m in mail.outbox)

    # At the door, on a phone: search for the participant and check them in.
    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    admin.goto(fresh_demo.hn + f"/admin/events/event/{event.pk}/check-in/")
    admin.get_by_role("searchbox").fill("Kari")
    admin.get_by_role("button", name="Search").click()
    admin.get_by_role("button", name="Check in – Kari Nordmann").click()
    expect(admin.locator("main")).to_contain_text("Checked in at")
    assert Registration.objects.get(email="kari.nordmann@tromso.example").attended
    width = admin.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the check-in page scrolls sideways on a phone ({width}px)"
    admin.screenshot(path="tests/browser/screenshots/check-in-phone.png", full_page=True)
