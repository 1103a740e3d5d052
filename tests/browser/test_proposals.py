"""A proposal of a date, the whole way, in a real browser on the Møre og Romsdal site (nynorsk):
the form (at 1280 and 320 px), the link in the e-mail (read from the test outbox) and its button,
then the demo admin signs in with the second factor, finds the draft under "Awaiting your review"
on the dashboard, approves it, and the event is published and the proposer told with its link.
Every public page on the way passes axe (WCAG 2.1 AA)."""

import re

from django.core import mail
from playwright.sync_api import expect

from samhandling.core.demo.sites import DEMO_ADMIN, ensure_admin_user
from samhandling.proposals.models import Proposal, ProposalStatus
from tests.staff_login import sign_in_to_admin

from .axe import check_accessibility, screenshot

LINK = re.compile(r"https?://\S+/send-inn/stadfest/[\w-]+/")
EMAIL = "siri.forslag@example.org"
TITLE = "Nettverkssamling for einingsleiarar"


def _fits(page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll}px wide at {width}px"


def test_propose_a_date_confirm_it_and_the_secretariat_approves_it(fresh_demo, new_page):
    form_url = fresh_demo.mr + "/send-inn/"
    mail.outbox.clear()

    narrow = new_page(viewport={"width": 320, "height": 900})
    narrow.goto(form_url)
    expect(narrow.get_by_role("heading", level=1)).to_have_text("Send oss nyhende eller ein dato")
    _fits(narrow, 320)
    check_accessibility(narrow, "proposal-form-320")

    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(fresh_demo.mr + "/")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="Send oss nyhende eller ein dato"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send oss nyhende eller ein dato")
    page.get_by_label("Ein dato (møte, konferanse, frist)").check()
    page.get_by_label(re.compile("^Tittel")).fill(TITLE)
    page.get_by_role("textbox", name=re.compile("^Tekst")).fill(
        "Samling for einingsleiarar i kommunane.\n\nTema: <b>rekruttering</b> og turnus."
    )
    page.get_by_label(re.compile("^Dato")).fill("2031-04-02")
    page.get_by_label("Klokkeslett (valfritt)").fill("10:00")
    page.get_by_label("Stad (valfritt)").fill("Scandic Alexandra, Molde")
    page.get_by_label(re.compile("^Namnet ditt")).fill("Siri Forslag")
    page.get_by_label(re.compile("^Organisasjon")).select_option(label="Molde")
    page.get_by_label(re.compile("^E-post")).fill(EMAIL)
    check_accessibility(page, "proposal-form-1280")
    page.wait_for_timeout(3100)  # a person takes longer than the form guard's minimum
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadfest forslaget i e-posten")
    check_accessibility(page, "proposal-sent")
    proposal = Proposal.objects.get(email=EMAIL)
    assert proposal.status == ProposalStatus.UNCONFIRMED and proposal.organisation.name == "Molde"

    message = [m for m in mail.outbox if EMAIL in m.to][-1]
    page.goto(LINK.search(message.body).group(0))
    expect(page.locator("main")).to_contain_text("Tema: <b>rekruttering</b> og turnus.")
    check_accessibility(page, "proposal-link")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Stadfest forslaget").click()
    expect(page.get_by_role("status")).to_contain_text("forslaget ditt er stadfesta")
    check_accessibility(page, "proposal-confirmed")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING and not proposal.page.live

    # The demo admin signs in (password, then a code from the authenticator app) and finds the
    # draft under "Awaiting your review" on the dashboard.
    username, password, _created = ensure_admin_user()
    assert username == DEMO_ADMIN["username"]
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.get(username=username)
    admin = new_page(viewport={"width": 1280, "height": 900})
    admin.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": fresh_demo.mr + "/"}]
    )
    sign_in_to_admin(admin, fresh_demo.mr, admin_user, password)
    admin.goto(fresh_demo.mr + "/admin/")
    queue = admin.locator("section, .w-panel").filter(has_text="Awaiting your review").first
    expect(queue).to_contain_text(TITLE)
    expect(queue).to_contain_text("Fagdag om velferdsteknologi i Molde")  # the demo's own
    screenshot(admin, "proposal-admin-queue")
    row = queue.locator("tr").filter(has_text=TITLE)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    admin.wait_for_load_state("networkidle")
    # Approved: gone from the queue (the demo's own proposal still waits).
    queue = admin.locator("section, .w-panel").filter(has_text="Awaiting your review").first
    expect(queue).not_to_contain_text(TITLE)
    expect(queue).to_contain_text("Fagdag om velferdsteknologi i Molde")
    screenshot(admin, "proposal-admin-approved")

    proposal.refresh_from_db()
    page_obj = proposal.page.specific
    assert page_obj.live and proposal.status == ProposalStatus.PUBLISHED
    note = [m for m in mail.outbox if EMAIL in m.to][-1]
    assert note.subject == "Forslaget ditt er publisert – Helsefellesskap Møre og Romsdal"
    url = page_obj.get_full_url()
    assert url in note.body

    # Published: the proposer's link goes to it, and the event page shows the text as typed.
    page.goto(LINK.search(message.body).group(0))
    expect(page.locator("main")).to_contain_text("Publisert")
    page.get_by_role("link", name="Les det på nettstaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Tema: <b>rekruttering</b> og turnus.")
    check_accessibility(page, "proposal-published-event")
