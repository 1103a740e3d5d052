"""The sign-up journey in nynorsk, on the Møre og Romsdal site's own dialogue meetings: from the
home page's shortcut to the meeting, the form, the receipt and the private link, all in nynorsk
and checked with axe, on a desktop and on a 320 px phone."""

import re

from django.core import mail
from playwright.sync_api import expect

from samhandling.events.models import Registration

from .axe import check_accessibility


def test_from_the_home_page_to_a_dialogue_meeting_and_back_by_the_private_link(
    fresh_demo, new_page
):
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(fresh_demo.mr + "/")
    shortcuts = page.get_by_role("region", name="Snarvegar")
    shortcuts.get_by_role("link", name="Dialogmøte om utkastet til ny samarbeidsavtale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dialogmøte om utkastet til ny samarbeidsavtale"
    )
    page.get_by_role("link", name="Dialogmøte i Molde").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dialogmøte i Molde")
    main = page.locator("main")
    expect(main).to_contain_text("Open for påmelding")
    expect(main).to_contain_text("Del 1 Utkastet til ny samarbeidsavtale")
    expect(main).to_contain_text("Med atterhald om endringar i programmet.")
    check_accessibility(page, "nn-dialogue-meeting")

    # The event page has no form (it sets no cookie): its button leads to the sign-up page.
    page.get_by_role("link", name="Meld deg på").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dialogmøte i Molde")
    page.get_by_label("Fullt namn").fill("Liv Bjørdal")
    page.get_by_label(re.compile("^E-post")).fill("liv.bjordal@orsta.example")
    page.get_by_label(re.compile("^Organisasjon")).select_option(label="Ørsta")
    page.get_by_label("Stillingstittel").fill("Kommuneoverlege")
    page.get_by_label(re.compile("^Eg godtek")).check()
    page.get_by_role("button", name="Meld deg på").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er påmeld")
    check_accessibility(page, "nn-dialogue-meeting-receipt")
    assert Registration.objects.get(email="liv.bjordal@orsta.example").language == "nn"

    message = [m for m in mail.outbox if "liv.bjordal@orsta.example" in m.to][-1]
    link = re.search(r"https?://\S+/p/[^/\s]+/", message.body).group(0)
    phone = new_page(viewport={"width": 320, "height": 720})
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Påmeldinga di")
    expect(phone.locator("main")).to_contain_text("Dialogmøte i Molde")
    check_accessibility(phone, "nn-dialogue-meeting-manage-320")
