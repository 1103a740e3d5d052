"""A newsletter issue in a real browser: its web version and the admin's preview pass axe and
reflow at 320 px; a sent issue is received (read from the test mail outbox), its HTML part is
looked at at 1280 and 320 px, and its unsubscribe link leads to the site's unsubscribe address."""

from urllib.parse import urlparse

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import resolve

from samhandling.newsletters.sending import start_send
from tests.newsletters.send_fixtures import issue, mailing_list, subscribers
from tests.staff_login import sign_in_to_admin

from .axe import check_accessibility, screenshot
from .test_responsive import assert_reflows


def test_the_web_version_and_the_admin_preview_pass_axe(fresh_demo, new_page):
    the_issue = issue()
    mailing_list(slug="nyhendebrev", name="Nyhendebrev")
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "passord-123")
    for width in (1280, 320):
        page = new_page(viewport={"width": width, "height": 900})
        page.goto(the_issue.full_url)
        assert page.get_by_role("heading", level=1).inner_text() == "Haustbrevet (test)"
        assert page.get_by_role("link", name="Haustens nyheiter frå Helsefellesskapa").count() == 1
        check_accessibility(page, f"newsletter-issue-{width}")
        if width == 320:
            assert_reflows(page)

    admin = new_page(viewport={"width": 1280, "height": 900})
    sign_in_to_admin(admin, fresh_demo.mr, user, "passord-123")
    admin.goto(fresh_demo.mr + f"/admin/newsletters/issue/{the_issue.pk}/")
    assert (
        admin.frame_locator("iframe.newsletter-preview").get_by_text("Haustbrevet (test)").count()
    )
    check_accessibility(admin, "newsletter-admin-issue-1280")


def test_a_sent_issue_is_received_and_its_unsubscribe_link_followed(fresh_demo, new_page):
    the_issue, the_list = issue(), mailing_list(slug="nyhendebrev", name="Nyhendebrev")
    reader = subscribers(the_list, 1, prefix="mottakar")[0]
    mail.outbox.clear()
    start_send(issue=the_issue, mailing_list=the_list)  # the task runs once this commits

    received = [m for m in mail.outbox if m.to == [reader.email]]
    assert len(received) == 1
    message = received[0]
    html = message.alternatives[0][0]
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(fresh_demo.mr + "/nyhendebrev/avmeld/")
    assert unsubscribe in html and unsubscribe in message.body

    for width in (1280, 320):
        page = new_page(viewport={"width": width, "height": 900})
        page.set_content(html)
        assert page.get_by_role("link", name="Avmeld").get_attribute("href") == unsubscribe
        screenshot(page, f"newsletter-email-{width}")
        check_accessibility(page, f"newsletter-email-{width}")

    page = new_page(viewport={"width": 1280, "height": 900})
    page.set_content(html)
    page.get_by_role("link", name="Avmeld").click()
    page.wait_for_load_state()
    assert page.url == unsubscribe
    assert resolve(urlparse(page.url).path).url_name == "unsubscribe"
