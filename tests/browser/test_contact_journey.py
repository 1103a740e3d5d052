"""A contact's whole journey in a real browser, logged in through the real test provider
(tests/oidc/conftest.py, Ansattporten's profile: PAR, private_key_jwt, PKCE and
`authorization_details`): the person opens "Min organisasjon" on the Helse Nord site, logs in,
is recognised as a contact of Alta by the organisation number the provider names, sees Alta's
quota, gives a seat to a colleague, answers a hearing on Alta's behalf and logs out through the
provider. A contact of Bodø, recognised the same way, cannot see or touch any of Alta's.

Every page of ours on the way passes axe (the provider's own pages are not ours to check).
Skips, like tests/oidc, when Node.js is missing."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from samhandling.accounts.models import ExternalIdentity, ExternalSession
from samhandling.contacts.models import ContactSource, OrganisationContact
from samhandling.events.models import Registration
from samhandling.events.services import registration_create
from samhandling.hearings.choices import ResponseStatus
from samhandling.hearings.responses import HearingResponse
from tests.myorg.helpers import ALTA, BODO, event, hn_hearing, kommune, series
from tests.oidc.conftest import (  # noqa: F401  (fixtures)
    ALTA_ORGNO,
    BODO_ORGNO,
    HN_CLIENT_ID,
    oidc_provider,
    providers,
)

from .axe import check_accessibility, screenshot

pytestmark = pytest.mark.browser

HOME = re.compile(r".*/min-organisasjon/(\d+)/$")


@pytest.fixture
def ansattporten(providers, settings):  # noqa: F811
    """Ansattporten only, through its client whose addresses are on the Helse Nord site."""
    settings.OIDC_PROVIDERS = {
        "ansattporten": providers.entry("ansattporten", client_id=HN_CLIENT_ID)
    }
    return providers


def _english(context, base: str) -> None:
    context.add_cookies([{"name": "django_language", "value": "en", "url": base + "/"}])


def _log_in_through_the_provider(page, base: str) -> None:
    """From Min organisasjon, anonymous, through the chooser and the provider, back to it."""
    page.goto(base + "/min-organisasjon/")
    page.wait_for_url(re.compile(r".*/innlogging/\?next=.*min-organisasjon.*"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    check_accessibility(page, "journey-chooser")
    page.get_by_role("link", name="Log in with Ansattporten").click()
    # the provider logs the account in by itself, grants the organisations and sends it back
    page.wait_for_url(HOME, timeout=15_000)


def _reflows_at_320(page, name: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    screenshot(page, f"{name}-320")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{name} scrolls sideways at 320 px ({width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})


# A form post from the page (Chromium, which resolves *.localhost), with the session's CSRF token.
_POST = """async ([url, token]) => {
  const body = new URLSearchParams({name: "Inntrengar", email: "inntrengar@bodo.example"});
  const response = await fetch(url, {method: "POST", body, redirect: "manual",
                                     headers: {"X-CSRFToken": token}});
  return response.status;
}"""


def _csrf_token(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")


def test_a_contact_logs_in_acts_for_the_organisation_and_logs_out(
    ansattporten, fresh_demo, browser
):
    base = fresh_demo.hn
    alta, bodo = kommune(ALTA), kommune(BODO)
    assert (alta.organisation_number, bodo.organisation_number) == (ALTA_ORGNO, BODO_ORGNO)
    autumn = series(title="Dialogkonferansar 2027", max_per_organisation=2)
    conference = event(autumn, title="Dialogkonferanse i Alta")
    seats = [
        registration_create(
            event=conference, name=name, email=email, consent=True, organisation=alta
        ).registration
        for name, email in (("Ola Alta", "ola@alta.example"), ("Siri Alta", "siri@alta.example"))
    ]
    hearing = hn_hearing(title="Høyring om samarbeidsavtalen")
    mail.outbox.clear()

    # --- A contact of Alta ---
    ansattporten.next_login("kontakt-alta")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        _english(context, base)
        page = context.new_page()
        _log_in_through_the_provider(page, base)
        assert page.url.endswith(f"/min-organisasjon/{alta.pk}/")
        role = OrganisationContact.objects.get(
            organisation=alta, source=ContactSource.ANSATTPORTEN, revoked_at__isnull=True
        )
        assert ExternalIdentity.objects.get(user=role.user).provider == "ansattporten"

        expect(page.locator("h1")).to_have_text("My organisation: Alta")
        signups = page.locator("#signups")
        expect(signups).to_contain_text("2 of 2 places used, 0 left.")
        expect(signups).to_contain_text("Ola Alta")
        expect(signups).to_contain_text("Siri Alta")
        check_accessibility(page, "journey-myorg")
        _reflows_at_320(page, "journey-myorg")

        # the organisation's places are all taken: a seat changes hands instead
        page.get_by_role("link", name="Give the seat of Ola Alta to another person").click()
        check_accessibility(page, "journey-replace")
        page.get_by_label("The participant's name").fill("Per Ny")
        page.get_by_label("The participant's e-mail").fill("per@alta.example")
        page.get_by_role("button", name="Give the seat to this person").click()
        expect(page.locator("main")).to_contain_text("Per Ny now has the seat")
        expect(signups).to_contain_text("2 of 2 places used, 0 left.")
        expect(signups).to_contain_text("Per Ny")
        expect(signups).not_to_contain_text("Ola Alta")
        check_accessibility(page, "journey-myorg-replaced")
        seats[0].refresh_from_db()
        assert (seats[0].name, seats[0].email, seats[0].status) == (
            "Per Ny",
            "per@alta.example",
            "confirmed",
        )
        assert "per@alta.example" in {m.to[0] for m in mail.outbox}

        page.get_by_role(
            "link", name=f"Answer {hearing.title} on behalf of the organisation"
        ).click()
        check_accessibility(page, "journey-hearing")
        # The login gave neither a name nor an e-mail address (Ansattporten sends none, and we
        # keep none from the provider): the form asks for both; the account keeps the address.
        page.get_by_label("Your name").fill("Kari Kontakt")
        page.locator("[name=general_answer]").fill("Alta kommune støttar utkastet.")
        page.locator("form.hearing-form button[type=submit]").click()
        expect(page.locator("main")).to_contain_text("This field is required")
        check_accessibility(page, "journey-hearing-refused")
        assert not HearingResponse.objects.filter(hearing=hearing).exists()
        page.locator("main [name=email]").fill("kari.kontakt@alta.example")
        page.locator("form.hearing-form button[type=submit]").click()
        expect(page.locator("main")).to_contain_text(
            "The response of Alta to Høyring om samarbeidsavtalen is received. "
            "The receipt is sent to kari.kontakt@alta.example."
        )
        expect(page.locator("#hearings")).to_contain_text("Submitted")
        check_accessibility(page, "journey-myorg-answered")
        response = HearingResponse.objects.get(hearing=hearing, organisation=alta)
        assert response.status == ResponseStatus.CONFIRMED
        assert "kari.kontakt@alta.example" in {m.to[0] for m in mail.outbox}
        role.user.refresh_from_db()
        assert role.user.email == "kari.kontakt@alta.example"  # kept for the next time

        # logs out: our session ends, then the provider's (RP-initiated logout)
        page.goto(base + "/innlogging/")
        expect(page.get_by_text("You are logged in through Ansattporten.")).to_be_visible()
        check_accessibility(page, "journey-logged-in")
        page.get_by_role("button", name="Log out").click()
        page.get_by_role("button", name="Yes, log me out").click()
        page.wait_for_url(re.compile(r".*/innlogging/utlogga/.*"), timeout=15_000)
        expect(page.get_by_role("heading", level=1)).to_have_text("You are logged out")
        check_accessibility(page, "journey-logged-out")
        assert not ExternalSession.objects.exists()
        page.goto(base + f"/min-organisasjon/{alta.pk}/")
        page.wait_for_url(re.compile(r".*/innlogging/\?next=.*"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
        expect(page.locator("main")).not_to_contain_text("Per Ny")
    finally:
        context.close()

    # --- A contact of Bodø, recognised the same way, sees none of Alta's ---
    ansattporten.next_login("kontakt-bodo")
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        _english(other, base)
        intruder = other.new_page()
        _log_in_through_the_provider(intruder, base)
        assert intruder.url.endswith(f"/min-organisasjon/{bodo.pk}/")
        expect(intruder.locator("h1")).to_have_text("My organisation: Bodø")
        for name in ("Per Ny", "Siri Alta", "Ola Alta"):
            expect(intruder.locator("main")).not_to_contain_text(name)
        check_accessibility(intruder, "journey-other-myorg")

        replace_url = f"{base}/min-organisasjon/{alta.pk}/pamelding/{seats[1].pk}/byt/"
        for url in (
            f"{base}/min-organisasjon/{alta.pk}/",
            replace_url,
            f"{base}/min-organisasjon/{alta.pk}/hoyring/{hearing.pk}/",
        ):
            answer = intruder.goto(url)
            assert answer.status == 404, url
            for name in ("Per Ny", "Siri Alta"):
                expect(intruder.locator("main")).not_to_contain_text(name)
        check_accessibility(intruder, "journey-other-404")
        # nor act on them with a valid form of their own session
        posted = intruder.evaluate(_POST, [replace_url, _csrf_token(other)])
        assert posted == 404
    finally:
        other.close()

    seats[1].refresh_from_db()
    assert (seats[1].email, seats[1].status) == ("siri@alta.example", "confirmed")
    assert HearingResponse.objects.filter(hearing=hearing).count() == 1
    assert Registration.objects.filter(event=conference, status="confirmed").count() == 2
    bodo_role = OrganisationContact.objects.get(
        organisation=bodo, source=ContactSource.ANSATTPORTEN, revoked_at__isnull=True
    )
    assert not OrganisationContact.objects.filter(organisation=alta, user=bodo_role.user).exists()
