"""An organisation's public page in the browser: reached from a committee's member list, its
parts (seats, adoptions, responses, events as counts), no axe violations at 1280 and 320 px, and
nothing that needs JavaScript."""

import re

from playwright.sync_api import expect

from .axe import check_accessibility
from .test_responsive import NARROW, assert_reflows


def _path(name: str) -> str:
    from samhandling.organisations.models import Organisation
    from samhandling.organisations.public_selectors import name_slug

    organisation = Organisation.objects.get(name=name)
    return f"/organisasjonar/{organisation.pk}-{name_slug(name)}/"


def test_from_a_committee_member_to_molde_and_its_parts(live_demo, page):
    page.goto(live_demo.mr + "/utval/partnarskapsmotet/")
    page.locator(".member__meta").get_by_role("link", name="Molde", exact=True).first.click()
    expect(page).to_have_url(re.compile(re.escape(_path("Molde")) + "$"))
    expect(page).to_have_title(re.compile(r"^Molde – Kommune – "))
    expect(page.get_by_role("heading", level=1)).to_have_text("Molde")
    main = page.locator("main")
    expect(main).to_contain_text("1506")
    for heading in ("Representantar i utval", "Høyringssvar", "Vedtak av avtalane", "Arrangement"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(main).to_contain_text("2 deltakarar")
    expect(main).not_to_contain_text("Silje Rekdal")  # a participant: never named
    check_accessibility(page, "organisation-molde")

    page.get_by_role("link", name="Organisasjonar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisasjonar")
    expect(page.get_by_role("link", name="Molde", exact=True)).to_be_visible()
    check_accessibility(page, "organisation-index")


def test_alta_at_320_px_with_its_published_response(live_demo, new_page):
    page = new_page(viewport=NARROW)
    page.goto(live_demo.hn + _path("Alta"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alta")
    response = page.get_by_role("link", name=re.compile("Plan for funksjons- og oppgavedeling"))
    expect(response).to_have_attribute("href", re.compile(r"#svar-\d+$"))
    expect(page.locator("main")).to_contain_text("1 deltaker")
    assert_reflows(page)
    check_accessibility(page, "organisation-alta-320")
    page.goto(live_demo.mr + _path("Molde"))
    assert_reflows(page)
    check_accessibility(page, "organisation-molde-320")


def test_a_sami_name_is_marked_in_its_language(live_demo, page):
    page.goto(live_demo.hn + _path("Kautokeino"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kautokeino – Guovdageaidnu")
    expect(page.locator("h1 span")).to_have_attribute("lang", "se")
    check_accessibility(page, "organisation-kautokeino")


def test_the_page_needs_no_javascript(live_demo, nojs_page):
    nojs_page.goto(live_demo.hn + _path("Hamarøy"))
    expect(nojs_page.get_by_role("heading", level=1)).to_have_text("Hamarøy – Hábmer")
    nojs_page.get_by_role("link", name="Organisasjoner").click()
    expect(nojs_page.get_by_role("heading", level=1)).to_have_text("Organisasjoner")
