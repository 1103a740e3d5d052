"""The staff login in a real browser: setting up the authenticator (QR code and key), the
recovery codes, the code page and the lockout page, each checked with axe at 1280 and 320 px,
in nynorsk."""

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.staff_login import confirmed_totp_device, current_code

from .axe import check_accessibility

pytestmark = pytest.mark.browser

PASSWORD = "passord-123-abc"


def _sign_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "nn", "url": base + "/"}])
    page.goto(base + "/admin/login/")
    page.get_by_label("Brukarnamn").or_(page.get_by_label("Username")).fill(username)
    page.get_by_label("Passord").or_(page.get_by_label("Password")).fill(password)
    page.get_by_role("button", name=re.compile("Logg inn|Sign in")).click()


_WIDER = """(width) => [...document.querySelectorAll('main *')]
    .filter((e) => e.getBoundingClientRect().right > width)
    .map((e) => e.tagName + '.' + e.className)"""


_CUT_OFF = """() => [...document.querySelectorAll('h1, h2, button, .button')]
    .filter((e) => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1)
    .map((e) => e.tagName + ': ' + e.textContent.trim())"""


def _fits(page, width: int) -> None:
    wider = page.evaluate(_WIDER, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wider
    assert page.evaluate(_CUT_OFF) == []  # no heading or button text cut off


@pytest.mark.parametrize("width", [1280, 320])
def test_a_first_login_sets_up_the_app_and_shows_recovery_codes(live_demo, new_page, width):
    username = f"ny-{width}"
    get_user_model().objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    page = new_page(viewport={"width": width, "height": 900})
    _sign_in(page, live_demo.mr, username)

    expect(page.get_by_role("heading", level=1)).to_have_text("Set opp ein autentiseringsapp")
    expect(page.get_by_role("img", name="QR-kode for autentiseringsappen")).to_be_visible()
    _fits(page, width)
    check_accessibility(page, f"staff-login-enrol-{width}")

    key = page.locator(".staff-login__secret code").inner_text().replace(" ", "")
    code = f"{totp(base64.b32decode(key), digits=6):06d}"
    page.get_by_label("Kode frå appen").fill(code)
    page.get_by_role("button", name="Stadfest").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Reservekodane dine")
    expect(page.locator(".staff-login__codes li")).to_have_count(10)
    _fits(page, width)
    check_accessibility(page, f"staff-login-recovery-codes-{width}")
    page.get_by_role("link", name=re.compile("gå vidare til administrasjonen")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("width", [1280, 320])
def test_the_code_page_and_a_wrong_code(live_demo, new_page, width):
    username = f"kjend-{width}"
    user = get_user_model().objects.create_superuser(username, f"{username}@x.org", PASSWORD)
    device = confirmed_totp_device(user)
    page = new_page(viewport={"width": width, "height": 900})
    _sign_in(page, live_demo.mr, username)

    expect(page.get_by_role("heading", level=1)).to_have_text("Andre steg i innlogginga")
    check_accessibility(page, f"staff-login-verify-{width}")
    page.locator("input[name=code]").fill("000000")
    page.get_by_role("button", name="Hald fram").click()
    expect(page.locator("main")).to_contain_text("Koden er feil eller for gammal")
    check_accessibility(page, f"staff-login-verify-error-{width}")

    page.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    page.locator("input[name=code]").fill(current_code(device))
    page.get_by_role("button", name="Hald fram").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("width", [1280, 320])
def test_the_lockout_page(live_demo, new_page, width):
    username = f"laast-{width}"
    get_user_model().objects.create_superuser(username, f"{username}@x.org", PASSWORD)
    page = new_page(viewport={"width": width, "height": 900})
    for attempt in range(5):
        _sign_in(page, live_demo.mr, username, password=f"feil-{attempt}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "For mange mislukka innloggingsforsøk"
    )
    _fits(page, width)
    check_accessibility(page, f"staff-login-locked-out-{width}")


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_make_new_recovery_codes_and_change_phone(live_demo, new_page, width):
    """From the admin's account page: the second-factor settings, a new set of recovery codes,
    a new authenticator app confirmed with one of them, and the dashboard's reminder."""
    from django_otp.plugins.otp_static.models import StaticToken

    from tests.staff_login import pass_second_factor_in_browser

    username = f"telefon-{width}"
    user = get_user_model().objects.create_superuser(username, f"{username}@x.org", PASSWORD)
    page = new_page(viewport={"width": width, "height": 900})
    _sign_in(page, live_demo.mr, username)
    pass_second_factor_in_browser(page, live_demo.mr, user)

    page.goto(live_demo.mr + "/admin/account/")
    page.locator("#tab-label-actions").click()
    page.get_by_role("link", name="Andre faktor og reservekodar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Andre faktor")
    expect(page.locator("#recovery-codes-left")).to_contain_text("Du har 0 av 10 reservekodar att.")
    _fits(page, width)
    check_accessibility(page, f"staff-login-settings-{width}")

    page.get_by_role("button", name="Lag nye reservekodar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nye reservekodar")
    codes = page.locator(".staff-login__codes li").all_inner_texts()
    assert len(codes) == 10
    _fits(page, width)
    check_accessibility(page, f"staff-login-settings-new-codes-{width}")
    page.get_by_role("link", name="Eg har teke vare på kodane").click()
    expect(page.locator("#recovery-codes-left")).to_contain_text("Du har 10 av 10")

    page.get_by_label("Ein gjeldande kode").fill(codes[0])
    page.get_by_role("button", name="Set opp ein ny autentiseringsapp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set opp appen på den nye telefonen")
    expect(page.get_by_role("img", name="QR-kode for autentiseringsappen")).to_be_visible()
    _fits(page, width)
    check_accessibility(page, f"staff-login-settings-replace-{width}")
    key = page.locator(".staff-login__secret code").inner_text().replace(" ", "")
    page.get_by_label("Kode frå appen").fill(f"{totp(base64.b32decode(key), digits=6):06d}")
    page.get_by_role("button", name="Stadfest").click()
    expect(page.locator(".messages")).to_contain_text(
        "Den nye autentiseringsappen din er sett opp."
    )
    expect(page.locator(".staff-login__codes li")).to_have_count(10)

    # Down to two codes: the dashboard says so, with a link to the settings.
    StaticToken.objects.filter(device__user=user).exclude(
        pk__in=StaticToken.objects.filter(device__user=user).values("pk")[:2]
    ).delete()
    page.goto(live_demo.mr + "/admin/")
    reminder = page.locator(".recovery-codes-low")
    expect(reminder).to_contain_text("Berre 2 reservekodar er att")
    _fits(page, width)
    check_accessibility(page, f"staff-login-dashboard-reminder-{width}")
    reminder.get_by_role("link", name="Lag nye reservekodar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Andre faktor")
