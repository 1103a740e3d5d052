"""The public login in a real browser, through the real test provider (tests/oidc/conftest.py):
the chooser, a login with ID-porten's profile (PAR, private_key_jwt, PKCE), the logout through
the provider's end_session_endpoint with its front-channel frame, and a refused login's page,
each checked with axe. On the default site at 127.0.0.1, where the provider's client sends the
browser back to."""

import re

import pytest
from playwright.sync_api import expect

from samhandling.accounts.models import ExternalIdentity, ExternalSession
from tests.oidc.conftest import oidc_provider, providers  # noqa: F401  (fixtures)

from .axe import check_accessibility

pytestmark = pytest.mark.browser


def _nynorsk(page, base):
    page.context.add_cookies([{"name": "django_language", "value": "nn", "url": base + "/"}])


@pytest.mark.parametrize("width", [1280, 320])
def test_login_and_logout_through_the_provider(fresh_demo, providers, live_server, new_page, width):  # noqa: F811
    base = live_server.url
    page = new_page(viewport={"width": width, "height": 900})
    _nynorsk(page, base)
    page.goto(base + "/")
    page.get_by_role("link", name="Logg inn", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")
    check_accessibility(page, f"oidc-chooser-{width}")
    page.get_by_role("link", name="Logg inn med ID-porten").click()
    # the provider logs the test person in by itself and sends the browser back
    page.wait_for_url(re.compile(r".*/$"))
    assert ExternalIdentity.objects.filter(provider="idporten").count() == 1
    assert ExternalSession.objects.count() == 1
    page.goto(base + "/innlogging/")
    expect(page.get_by_text("Du er logga inn gjennom ID-porten.")).to_be_visible()
    check_accessibility(page, f"oidc-logged-in-{width}")
    page.get_by_role("button", name="Logg ut").click()
    # our page sends the browser on to the provider, which asks before it ends its session
    page.get_by_role("button", name="Yes, log me out").click()
    # the provider's page frames our front-channel logout page, then continues to ours
    page.wait_for_url(re.compile(r".*/innlogging/utlogga/.*"), timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er logga ut")
    check_accessibility(page, f"oidc-logged-out-{width}")
    assert not ExternalSession.objects.exists()


def test_refused_login_page(fresh_demo, providers, live_server, page):  # noqa: F811
    base = live_server.url
    _nynorsk(page, base)
    providers.next_login("person-1", acr="idporten-loa-low")
    page.goto(base + "/innlogging/")
    page.get_by_role("link", name="Logg inn med ID-porten").click()
    page.wait_for_url(re.compile(r".*/innlogging/tilbake/.*"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Du vart ikkje logga inn")
    check_accessibility(page, "oidc-refused")
    assert not ExternalIdentity.objects.exists()
