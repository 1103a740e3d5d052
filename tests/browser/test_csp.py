"""Every public page type, the sign-up journey, the API docs and the main admin screens in
Chromium under the Content-Security-Policy the production settings send: no violation of an
enforced policy (the shared fixture in conftest.py fails any browser test on one; these tests
also say on which page)."""

import re

from django.core import mail
from playwright.sync_api import expect

from .conftest import CSP_WATCH
from .page_types import ARTICLE_PATH, TROMSO, public_page_types

STRICT_PARTS = ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
MEETINGS = "#operations-meetings-samhandling_api_meetings_list_meetings"


def assert_clean(page, name: str) -> None:
    page.wait_for_load_state("load")
    assert not CSP_WATCH.found, f"{name} ({page.url}): {CSP_WATCH.found}"


def assert_strict(response, name: str) -> None:
    policy = response.header_value("content-security-policy") or ""
    assert all(part in policy for part in STRICT_PARTS), f"{name}: {policy!r}"
    assert "unsafe" not in policy, f"{name}: {policy!r}"


def test_the_watch_sees_a_violation(live_demo, page):
    """The check itself: an inline script added to a public page is refused and noticed."""
    page.goto(live_demo.mr + "/")
    ran = page.evaluate(
        """() => new Promise((resolve) => {
             document.addEventListener("securitypolicyviolation", () => resolve(window.ran === 1));
             const script = document.createElement("script");
             script.textContent = "window.ran = 1";
             document.body.append(script);
           })"""
    )
    assert ran is False
    page.wait_for_timeout(100)
    assert [v.get("directive") for v in CSP_WATCH.found if "directive" in v] == ["script-src-elem"]
    CSP_WATCH.found.clear()


def test_every_public_page_type_under_the_strict_policy(live_demo, page):
    from samhandling.events.models import EventPage

    for name, url in public_page_types(live_demo).items():
        response = page.goto(url)
        assert response.status == (404 if name == "not-found" else 200), url
        assert_strict(response, name)
        assert_clean(page, name)

    # The sign-up form with its errors, the receipt and the private page.
    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    page.goto(live_demo.hn + TROMSO)
    response = page.goto(live_demo.hn + f"/arrangement/{event.pk}/pamelding/")
    assert_strict(response, "sign-up")
    page.get_by_role("button", name="Meld deg på").click()
    expect(page.get_by_role("alert")).to_contain_text("Rett opp dette")
    assert_clean(page, "sign-up with errors")
    mail.outbox.clear()
    page.get_by_label("Fullt navn").fill("Eva Balsfjord")
    page.get_by_label(re.compile("^E-post")).fill("eva.csp@balsfjord.example")
    page.get_by_label(re.compile("^Organisasjon")).select_option(label="Balsfjord")
    page.get_by_label("Stillingstittel").fill("Rådgiver")
    page.get_by_label(re.compile("^Jeg godtar")).check()
    page.get_by_role("button", name="Meld deg på").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er påmeldt")
    assert_clean(page, "receipt")
    message = [m for m in mail.outbox if "eva.csp@balsfjord.example" in m.to][-1]
    response = page.goto(re.search(r"https?://\S+/p/[^/\s]+/", message.body).group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Påmeldingen din")
    assert_strict(response, "manage")
    assert_clean(page, "manage")

    # The language switch posts a form to us (form-action 'self').
    page.goto(live_demo.mr + ARTICLE_PATH)
    page.get_by_role("button", name="Bokmål").click()
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    assert_clean(page, "language switch")


def test_the_api_docs_work_under_the_strict_policy(live_demo, page):
    response = page.goto(live_demo.mr + "/api/docs")
    assert_strict(response, "api docs")
    page.wait_for_selector(f"{MEETINGS} .opblock-summary-control")
    page.click(f"{MEETINGS} .opblock-summary-control")
    page.click(f"{MEETINGS} button.try-out__btn")
    page.click(f"{MEETINGS} button.execute")
    page.wait_for_selector(f"{MEETINGS} .live-responses-table .response-col_status")
    assert_clean(page, "api docs")


def _log_in(page, live_demo) -> None:
    from django.contrib.auth import get_user_model

    from tests.staff_login import sign_in_to_admin

    user = get_user_model().objects.create_superuser(
        "csp-sekretariat", "c@example.org", "passord-123"
    )
    sign_in_to_admin(page, live_demo.mr, user, "passord-123")
    expect(page).to_have_url(re.compile("/admin/$"))


def _send_demo_mail() -> None:
    """An e-mail for the mail viewer, with the inline styles e-mails carry."""
    from django.core.mail import EmailMultiAlternatives, get_connection

    message = EmailMultiAlternatives(
        "Stadfesting", "Hei!", "Samhandling <ikkje-svar@x.no>", ["kari@kommune.example"]
    )
    message.attach_alternative(
        '<body style="font-family: Arial"><p style="color: #1e2b3c">Hei!</p></body>', "text/html"
    )
    get_connection("samhandling.core.mailbox.MailboxBackend").send_messages([message])


def test_the_admin_works_under_its_policy(live_demo, page):
    """The admin's enforced policy: no violation on its main screens, the page editor with its
    preview panel and an image chooser, uploads, reports, the project's own screens and the mail
    viewer. (What they break of the strict report-only policy is expected, and not counted.)"""
    from samhandling.committees.models import MeetingPage
    from samhandling.events.models import EventPage, EventSeriesPage
    from samhandling.news.models import NewsArticlePage

    article = NewsArticlePage.objects.get(url_path__endswith=ARTICLE_PATH)
    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    series = EventSeriesPage.objects.get(pk=event.get_parent().pk)
    meeting = MeetingPage.objects.live().first()
    _log_in(page, live_demo)
    _send_demo_mail()
    screens = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{event.pk}/edit/",  # date and time pickers
        f"/admin/pages/{meeting.pk}/edit/",  # inline panels
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/committees/follow-up/",
        f"/admin/events/{series.pk}/message/",
        f"/admin/events/series/{series.pk}/quota/",
        "/admin/snippets/events/registration/",
        "/admin/users/",
        "/admin/demo-mail/",
    ]
    for path in screens:
        response = page.goto(live_demo.mr + path)
        assert response.status == 200, path
        assert "'unsafe-eval'" not in response.header_value("content-security-policy")
        assert_clean(page, path)

    page.get_by_role("link", name="Stadfesting").first.click()
    frame = page.frame_locator("iframe[srcdoc]")
    expect(frame.get_by_text("Hei!")).to_be_visible()
    assert_clean(page, "mail viewer")

    # The page editor: its preview panel shows the page, a new image block's chooser opens.
    page.goto(live_demo.mr + f"/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(article.title)
    page.locator("button.c-sf-add-button:visible").first.click()
    page.get_by_role("option", name=re.compile("Image|Bilete|Bilde")).first.click()
    page.locator("[data-chooser-action-choose]:visible").first.click()
    expect(page.locator(".modal").get_by_role("heading").first).to_be_visible()
    assert_clean(page, "page editor")
