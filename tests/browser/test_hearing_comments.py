"""A comment on a section of a hearing, the whole way: a visitor writes it on the MR site
(nynorsk), opens the link in the e-mail and confirms it, and the secretariat publishes it in the
admin. Every public page on the way passes axe (WCAG 2.1 AA), at 1280 and 320 px."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from samhandling.hearings.choices import CommentModeration, CommentStatus
from samhandling.hearings.comments import SectionComment
from tests.hearings.factories import make_hearing
from tests.staff_login import sign_in_to_admin

from .axe import check_accessibility, screenshot

LINK = re.compile(r"https?://\S+/hoyring/kommentar/[\w-]+/")


def test_comment_confirm_and_publish(fresh_demo, new_page):
    hearing = make_hearing(comment_moderation=CommentModeration.BEFORE)
    section = hearing.draft_sections[1]
    form_url = fresh_demo.mr + reverse("hearings:comment", args=[hearing.pk, section.key])
    mail.outbox.clear()

    narrow = new_page(viewport={"width": 320, "height": 800})
    narrow.goto(form_url)
    expect(narrow.get_by_role("heading", level=1)).to_have_text("Kommenter ein del")
    check_accessibility(narrow, "hearing-comment-form-320")
    width = narrow.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"the form is {width}px wide at 320px"

    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(form_url)
    expect(page.get_by_role("heading", name="2. Del 2")).to_be_visible()
    page.get_by_label(re.compile("^Namnet ditt")).fill("Ola Nordmann")
    page.get_by_label(re.compile("^E-post")).fill("ola@example.org")
    page.get_by_role("textbox", name=re.compile(r"^Kommentar \(")).fill(
        "Eg saknar <b>fristar</b> i denne delen."
    )
    check_accessibility(page, "hearing-comment-form-1280")
    page.get_by_role("button", name="Send kommentaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadfest kommentaren i e-posten")
    check_accessibility(page, "hearing-comment-sent")
    comment = SectionComment.objects.get(hearing=hearing)
    assert comment.status == CommentStatus.UNCONFIRMED and comment.section_key == section.key

    # The link in the e-mail: GET shows the comment, the button confirms it.
    message = [m for m in mail.outbox if "ola@example.org" in m.to][-1]
    page.goto(LINK.search(message.body).group(0))
    expect(page.locator("main")).to_contain_text("Eg saknar <b>fristar</b> i denne delen.")
    check_accessibility(page, "hearing-comment-link")
    page.get_by_role("button", name="Stadfest kommentaren").click()
    expect(page.get_by_role("status")).to_contain_text("kommentaren din er stadfesta")
    check_accessibility(page, "hearing-comment-confirmed")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING

    # The secretariat publishes it in the admin.
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "passord-123")
    admin = new_page(viewport={"width": 1280, "height": 900})
    admin.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": fresh_demo.mr + "/"}]
    )
    sign_in_to_admin(admin, fresh_demo.mr, user, "passord-123")
    admin.goto(fresh_demo.mr + reverse("hearing_comments_index"))
    admin.get_by_role("link", name=hearing.title).click()
    admin.wait_for_load_state("networkidle")
    screenshot(admin, "hearing-comments-admin")
    admin.get_by_role("link", name="Publish the comment").click()
    admin.get_by_role("button", name="Publish the comment").click()
    expect(admin.locator("body")).to_contain_text("The comment is published.")
    screenshot(admin, "hearing-comments-admin-published")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.moderated_by == user
    decision = [m for m in mail.outbox if "ola@example.org" in m.to][-1]
    assert "publisert" in decision.subject

    # The commenter's link now shows it published.
    page.reload()
    expect(page.locator("main")).to_contain_text("Publisert")
    # The hearing page shows the published comment under its section.
    page.goto(hearing.full_url)
    comments = page.locator(f"#kommentarar-{section.key}")
    expect(comments).to_contain_text("1 kommentar")
    check_accessibility(page, "hearing-page-with-comment")
