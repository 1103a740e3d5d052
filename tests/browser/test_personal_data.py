"""A participant asks for their personal data by e-mail link, reads it, downloads it as JSON and
has it erased, in bokmål on the Helse Nord site: axe on every page, screenshots at 1280 and
320 px."""

import json
import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from samhandling.events.models import EventPage, Registration
from samhandling.events.services import registration_create

from .axe import check_accessibility

EMAIL = "kari.personvern@alta.example"


def _sign_up() -> Registration:
    event = (
        EventPage.objects.filter(start__gt=timezone.now() + timedelta(days=1), cancelled=False)
        .filter(url_path__startswith="/helse-nord/")
        .order_by("start")
        .first()
    )
    return registration_create(
        event=event,
        name="Kari Personvern",
        email=EMAIL,
        consent=True,
        organisation_other="Alta kommune",
        dietary_needs="Glutenfri",
    ).registration


def test_request_link_page_json_and_erase(fresh_demo, new_page, tmp_path):
    registration = _sign_up()
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(fresh_demo.hn + "/")
    page.get_by_role("link", name="Personvern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personvern")
    expect(page.locator("main")).to_contain_text("1 dag etter arrangementet")
    check_accessibility(page, "privacy-policy")
    phone = new_page(viewport={"width": 320, "height": 720})
    phone.goto(fresh_demo.hn + "/personvern/")
    check_accessibility(phone, "privacy-policy-320")

    page.get_by_role("link", name="Se eller slett personopplysningene dine").click()
    check_accessibility(page, "privacy-request")
    page.get_by_role("button", name="Send meg lenken").click()
    expect(page.locator(".ds-validation-message")).to_contain_text("Skriv inn e-postadressen din")
    check_accessibility(page, "privacy-request-error")
    page.get_by_label(re.compile("^E-postadresse")).fill(EMAIL)
    page.get_by_role("button", name="Send meg lenken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")
    check_accessibility(page, "privacy-request-sent")

    message = [m for m in mail.outbox if EMAIL in m.to][-1]
    link = re.search(r"https?://\S+/personvern/innsyn/\S+/", message.body).group(0)
    assert "Personopplysningene dine" in message.subject
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Personopplysningene dine")
    main = page.locator("main")
    expect(main).to_contain_text(registration.event.title)
    expect(main).to_contain_text("Glutenfri")
    check_accessibility(page, "privacy-data")
    phone.goto(link)
    check_accessibility(phone, "privacy-data-320")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned alt som en fil (JSON)").click()
    path = tmp_path / "data.json"
    download_info.value.save_as(path)
    data = json.loads(path.read_text())
    assert data["sources"]["registrations"]["records"][0]["dietary_needs"] == "Glutenfri"

    page.get_by_role("link", name="Slett opplysningene mine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Slette personopplysningene dine?")
    check_accessibility(page, "privacy-erase-confirm")
    page.get_by_label(re.compile("^Ja, slett")).check()
    page.get_by_role("button", name="Slett opplysningene mine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personopplysningene dine er slettet")
    check_accessibility(page, "privacy-erased")
    phone.goto(fresh_demo.hn + "/personvern/innsyn/sletta/")
    check_accessibility(phone, "privacy-erased-320")

    kept = Registration.objects.get(pk=registration.pk)
    assert kept.is_erased and kept.status == registration.status and kept.dietary_needs == ""
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lenken virker ikke")


def test_the_secretariat_looks_up_and_erases_in_the_admin(fresh_demo, new_page):
    from django.contrib.auth import get_user_model

    from tests.staff_login import sign_in_to_admin

    from .axe import screenshot

    registration = _sign_up()
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "passord-123")
    for width in (1280, 320):
        admin = new_page(viewport={"width": width, "height": 900})
        admin.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": fresh_demo.hn + "/"}]
        )
        sign_in_to_admin(admin, fresh_demo.hn, user, "passord-123")
        admin.goto(fresh_demo.hn + "/admin/personal-data/")
        admin.locator("#id_email").fill(EMAIL)
        admin.get_by_role("button", name="Look up").click()
        expect(admin.locator("main")).to_contain_text(registration.event.title)
        assert EMAIL not in admin.url  # posted, not in the address
        screenshot(admin, f"privacy-admin-lookup-{width}")
    admin.locator("#id_reason").fill("Request by e-mail of 3 December")
    admin.get_by_role("button", name="Erase this person's data").click()
    expect(admin.locator(".messages")).to_contain_text("Erased")
    screenshot(admin, "privacy-admin-erased-320")
    assert Registration.objects.get(pk=registration.pk).is_erased
