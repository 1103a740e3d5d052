"""A newsletter issue in a real browser: its web version and the admin's preview pass axe and
reflow at 320 px; a sent issue is received (read from the test mail outbox), its HTML part is
looked at at 1280 and 320 px; its unsubscribe link leads to the real unsubscribe page, where the
button unsubscribes; and the one-click POST of a received message's List-Unsubscribe header
(RFC 8058: no cookies, body List-Unsubscribe=One-Click) unsubscribes against the live server."""

import http.client
from urllib.parse import urlparse

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import resolve

from samhandling.newsletters.models import MailingList, Subscriber, Suppression
from samhandling.newsletters.sending import start_send
from samhandling.newsletters.subscribers import email_hash
from tests.newsletters.send_fixtures import community, issue, subscribers
from tests.staff_login import sign_in_to_admin

from .axe import check_accessibility, screenshot
from .test_responsive import assert_reflows


def test_the_web_version_and_the_admin_preview_pass_axe(fresh_demo, new_page):
    the_issue = issue()
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


def demo_list() -> MailingList:
    """The demo's own "nyhendebrev" list (demo_subscribers.py makes it)."""
    return MailingList.objects.get(community=community(), slug="nyhendebrev")


def one_click_post(url: str) -> tuple[int, str]:
    """What a mail client does with List-Unsubscribe and List-Unsubscribe-Post (RFC 8058): a POST
    of `List-Unsubscribe=One-Click` to the https link, with no cookies and no CSRF token; sent to
    the live server on loopback with the site's host name."""
    parts = urlparse(url)
    connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=30)
    try:
        connection.request(
            "POST",
            parts.path,
            body="List-Unsubscribe=One-Click",
            headers={
                "Host": parts.netloc,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_sent_issue_is_received_and_both_ways_to_unsubscribe_work(fresh_demo, new_page):
    the_issue, the_list = issue(), demo_list()
    reader, one_clicker = subscribers(the_list, 2, prefix="mottakar")
    mail.outbox.clear()
    start_send(issue=the_issue, mailing_list=the_list)  # the task runs once this commits

    received = {m.to[0]: m for m in mail.outbox if m.to in ([reader.email], [one_clicker.email])}
    assert len(received) == 2 and len(mail.outbox) >= 2
    assert [m.to for m in mail.outbox].count([reader.email]) == 1
    message = received[reader.email]
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

    # The link in the body leads to the real page: the address, a button, no login.
    page = new_page(viewport={"width": 1280, "height": 900})
    page.set_content(html)
    page.get_by_role("link", name="Avmeld").click()
    page.wait_for_load_state()
    assert page.url == unsubscribe
    assert resolve(urlparse(page.url).path).url_name == "unsubscribe"
    assert page.get_by_role("heading", level=1).inner_text() == "Meld av nyhendebrevet"
    assert page.get_by_text(reader.email).count() == 1
    check_accessibility(page, "newsletter-unsubscribe-1280")
    page.get_by_role("button", name="Meld av alt").click()
    page.wait_for_load_state()
    assert "Du er meld av alle lister" in page.get_by_role("status").inner_text()
    check_accessibility(page, "newsletter-unsubscribed-1280")
    assert not Subscriber.objects.filter(pk=reader.pk).exists()
    assert Suppression.objects.filter(email_hash=email_hash(reader.email)).exists()

    # The other reader's mail client sends the one-click POST of the message's header.
    other = received[one_clicker.email]
    assert other.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = other.extra_headers["List-Unsubscribe"].strip("<>")
    assert one_click.startswith(fresh_demo.mr + "/nyhendebrev/avmeld/") and one_click != unsubscribe
    status, body = one_click_post(one_click)
    assert status == 200 and "Du er meld av alle lister" in body
    assert not Subscriber.objects.filter(pk=one_clicker.pk).exists()
    suppression = Suppression.objects.get(email_hash=email_hash(one_clicker.email))
    assert suppression.reason == "unsubscribed"
    # Only those two left: the demo's own readers of the list are still there.
    assert Subscriber.objects.filter(
        subscriptions__mailing_list=the_list, email="kari.nordmann@example.no"
    ).exists()
    # A repeat of the POST (mail clients retry) and the link afterwards: already unsubscribed.
    assert one_click_post(one_click)[0] == 200
    for width in (1280, 320):
        page = new_page(viewport={"width": width, "height": 900})
        page.goto(one_click)
        assert "allereie meld av" in page.get_by_role("status").inner_text()
        check_accessibility(page, f"newsletter-already-unsubscribed-{width}")
        if width == 320:
            assert_reflows(page)
