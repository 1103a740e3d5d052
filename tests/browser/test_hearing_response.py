"""A municipality answers a hearing with an attachment, confirms by the link in the e-mail, sees
the receipt, changes the response before the deadline; a private person answers too. Every page
on the way passes axe (WCAG 2.1 A/AA); the form and the receipt are shot at 1280 and 320 px."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from samhandling.hearings.choices import ResponseStatus
from samhandling.hearings.responses import HearingResponse
from samhandling.organisations.models import Organisation
from tests.hearings.factories import make_hearing

from .axe import check_accessibility, screenshot

pytestmark = pytest.mark.browser
LINK = re.compile(r"https?://\S+/hoyring/svar/[A-Za-z0-9_-]+/")


def link_for(email: str) -> str:
    bodies = [m.body for m in mail.outbox if email in m.to]
    return next(LINK.search(body).group(0) for body in bodies if LINK.search(body))


def both_widths(page, name: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, f"{name}-320")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"{name}-1280")


def test_a_municipality_answers_confirms_changes_and_a_private_person_answers(fresh_demo, page):
    hearing = make_hearing(
        title="Høyring av samarbeidsavtalen", questions=("Støttar de modellen?",)
    )
    molde = Organisation.objects.get(municipality_number="1506")
    mail.outbox.clear()
    form_url = f"{fresh_demo.mr}/hoyring/{hearing.pk}/svar/"

    page.goto(form_url)
    check_accessibility(page, "hearing-respond-form")
    both_widths(page, "hearing-respond-form")
    page.locator("input[name=kind][value=organisation]").check()
    page.locator("select[name=organisation]").select_option(value=str(molde.pk))
    page.locator("[name=decision_reference]").fill("Formannskapet, sak 23/45")
    page.locator("[name=general_answer]").fill("Molde kommune støttar utkastet <b>i hovudsak</b>.")
    page.locator(f"[name=section_{hearing.draft_sections[0].key}]").fill("Om del 1.")
    question = hearing.questions.get()
    page.locator(f"input[name=question_{question.pk}][value=partly]").check()
    page.locator("[name=name]").fill("Kari Nordmann")
    page.locator("[name=role]").fill("Kommunedirektør")
    page.locator("main [name=email]").fill("kari@molde.example")
    page.locator("[name=attachments]").set_input_files(
        [{"name": "vedtak.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.locator("form.hearing-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("kari@molde.example")
    expect(page.locator("main")).to_contain_text("<b>i hovudsak</b>")
    check_accessibility(page, "hearing-response-sent")
    response = HearingResponse.objects.get(hearing=hearing)
    assert response.status == ResponseStatus.UNCONFIRMED

    # The link in the e-mail: GET shows, the button confirms.
    page.goto(link_for("kari@molde.example"))
    check_accessibility(page, "hearing-response-confirm")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/kvittering/"))
    check_accessibility(page, "hearing-response-receipt")
    both_widths(page, "hearing-response-receipt")
    response.refresh_from_db()
    assert response.status == ResponseStatus.CONFIRMED
    assert any(m.attachments for m in mail.outbox if "kari@molde.example" in m.to)

    # Changed before the deadline: a new version and a new receipt.
    page.goto(link_for("kari@molde.example") + "endre/")
    check_accessibility(page, "hearing-response-change")
    page.locator("[name=general_answer]").fill("Molde kommune støttar utkastet.")
    page.locator("form.hearing-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/kvittering/\?endra=1"))
    expect(page.locator("main")).to_contain_text("Molde kommune støttar utkastet.")
    check_accessibility(page, "hearing-response-changed")
    assert response.versions.count() == 2

    # A private person answers.
    page.goto(form_url)
    page.locator("input[name=kind][value=private]").check()
    page.locator("[name=general_answer]").fill("Eg meiner dette er bra.")
    page.locator("[name=name]").fill("Ola Nordmann")
    page.locator("main [name=email]").fill("ola@example.org")
    page.locator("form.hearing-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("ola@example.org")
    page.goto(link_for("ola@example.org"))
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/kvittering/"))
    assert HearingResponse.objects.filter(hearing=hearing, status="confirmed").count() == 2
