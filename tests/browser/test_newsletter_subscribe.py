"""Subscribing to the newsletter the whole way, on the Møre og Romsdal site (nynorsk): from the
footer and from the page of its own, confirming through the link in the e-mail (a page with a
button), changing the lists and language, and unsubscribing through the link. Every page on the
way passes axe (WCAG 2.1 AA); the subscribe page and the footer reflow at 320 px."""

import re

from django.core import mail
from playwright.sync_api import expect

from samhandling.newsletters.models import Subscriber, Suppression
from samhandling.newsletters.subscribers import email_hash

from .axe import SCREENSHOTS, check_accessibility

CONFIRM = re.compile(r"https?://\S+/nyhendebrev/stadfest/[^/\s]+/")
PREFERENCES = re.compile(r"https?://\S+/nyhendebrev/innstillingar/[^/\s]+/")


def link(pattern, email: str) -> str:
    message = [m for m in mail.outbox if email in m.to][-1]
    return pattern.search(message.body).group(0)


def confirm_by_mail(page, email: str) -> None:
    page.goto(link(CONFIRM, email))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadfest abonnementet")
    check_accessibility(page, "newsletter-confirm")
    assert not Subscriber.objects.get(email=email).confirmed  # opening the link is not enough
    page.get_by_role("button", name="Stadfest abonnementet").click()
    expect(page.get_by_role("status")).to_contain_text("abonnementet er stadfesta")
    check_accessibility(page, "newsletter-confirmed")
    assert Subscriber.objects.get(email=email).confirmed


def test_subscribe_from_the_footer_and_the_page_confirm_change_and_unsubscribe(
    fresh_demo, new_page
):
    mail.outbox.clear()
    for width in (320, 1280):
        narrow = new_page(viewport={"width": width, "height": 900})
        narrow.goto(fresh_demo.mr + "/nyhendebrev/")
        expect(narrow.get_by_role("heading", level=1)).to_have_text("Abonner på nyhendebrevet")
        check_accessibility(narrow, f"newsletter-subscribe-{width}")
        scroll = narrow.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= width, f"the subscribe page is {scroll}px wide at {width}px"
        footer = narrow.locator("footer")
        footer.scroll_into_view_if_needed()
        SCREENSHOTS.mkdir(exist_ok=True)
        footer.screenshot(path=str(SCREENSHOTS / f"newsletter-footer-{width}.png"))

    # From the footer of the front page: the address only.
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(fresh_demo.mr + "/")
    page.get_by_label("Di e-postadresse").fill("fotnote@example.no")
    page.locator("footer").get_by_role("button", name="Abonner").click()
    expect(page.get_by_role("status")).to_contain_text("Vi har sendt ein e-post")
    check_accessibility(page, "newsletter-sent")
    assert [m.to for m in mail.outbox] == [["fotnote@example.no"]]
    assert list(
        Subscriber.objects.get(email="fotnote@example.no").lists.values_list("slug", flat=True)
    ) == ["nyhendebrev"]
    confirm_by_mail(page, "fotnote@example.no")

    # From the page: both lists, bokmål.
    page.goto(fresh_demo.mr + "/nyhendebrev/")
    page.get_by_label(re.compile("^E-postadresse")).fill("sida@example.no")
    page.get_by_label("Invitasjonar til dialogkonferansar").check()
    page.get_by_label("Bokmål").check()
    page.locator("main").get_by_role("button", name="Abonner").click()
    expect(page.get_by_role("status")).to_contain_text("Vi har sendt ein e-post")
    (message,) = [m for m in mail.outbox if "sida@example.no" in m.to]
    assert message.subject.startswith("Bekreft abonnementet")  # in the language chosen
    confirm_by_mail(page, "sida@example.no")

    # A bad address on the page: the message, in the visitor's language.
    page.goto(fresh_demo.mr + "/nyhendebrev/")
    page.get_by_label(re.compile("^E-postadresse")).fill("ikkje-ei-adresse")
    page.locator("main").get_by_role("button", name="Abonner").click()
    expect(page.locator("#form-errors")).to_contain_text("Skriv ei gyldig e-postadresse")
    check_accessibility(page, "newsletter-subscribe-error")

    # The preference page by its private link (sent with a repeated subscription's note).
    page.goto(fresh_demo.mr + "/nyhendebrev/")
    page.get_by_label(re.compile("^E-postadresse")).fill("sida@example.no")
    page.locator("main").get_by_role("button", name="Abonner").click()
    expect(page.get_by_role("status")).to_contain_text("Vi har sendt ein e-post")
    page.goto(link(PREFERENCES, "sida@example.no"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Innstillingane dine for nyhendebrev")
    check_accessibility(page, "newsletter-preferences")
    page.get_by_role("checkbox", name=re.compile("^Nyhendebrev")).uncheck()
    page.get_by_label("Nynorsk").check()
    page.get_by_role("button", name="Lagre innstillingane").click()
    expect(page.get_by_role("status")).to_contain_text("Innstillingane dine er lagra")
    person = Subscriber.objects.get(email="sida@example.no")
    assert person.language == "nn"
    assert list(person.lists.values_list("slug", flat=True)) == ["invitasjonar"]

    # Unsubscribe through the link: a page with a button.
    unsubscribe = page.get_by_role("button", name="Meld av alt")
    unsubscribe.click()
    expect(page.get_by_role("status")).to_contain_text("Du er meld av alle lister")
    check_accessibility(page, "newsletter-unsubscribed")
    assert not Subscriber.objects.filter(email="sida@example.no").exists()
    assert Suppression.objects.filter(email_hash=email_hash("sida@example.no")).exists()


def test_the_archive_lists_issues_and_has_the_form(fresh_demo, new_page):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(fresh_demo.mr + "/nyhende/nyhendebrev/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyhendebrev")
    expect(page.get_by_role("heading", name="Abonner på nyhendebrevet")).to_be_visible()
    check_accessibility(page, "newsletter-archive")
    page.goto(fresh_demo.hn + "/nyheter/nyhetsbrev/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyhetsbrev")
    check_accessibility(page, "newsletter-archive-hn")
