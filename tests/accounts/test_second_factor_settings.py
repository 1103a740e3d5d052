"""A member of staff looks after their own second factor from the admin's account settings: how
many recovery codes are left, a new set, a new authenticator app; and the dashboard says when
few codes are left. The public site's userbar is hidden until the second factor is passed."""

import re
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import Context, Template
from django.test import Client, RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samhandling.accounts import services
from tests.staff_login import admin_login, confirmed_totp_device

pytestmark = pytest.mark.django_db

SETTINGS = "/admin/account/second-factor/"


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("sekretariat", "s@example.org", "pw")


@pytest.fixture
def client(staff):
    client = admin_login(Client(), staff)
    client.cookies["django_language"] = "en"
    return client


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def _codes(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [c.get_text() for c in soup.select(".staff-login__codes code")]


def test_the_account_page_links_to_the_second_factor_settings(client):
    soup = BeautifulSoup(client.get("/admin/account/").content, "html.parser")
    assert soup.select_one(f"#tab-actions a[href='{SETTINGS}']") is not None


def test_the_page_needs_the_second_factor(staff):
    password_only = Client()
    password_only.force_login(staff)
    response = password_only.get(SETTINGS)
    assert response.status_code == 302 and response["Location"].startswith("/admin/second-factor/")
    assert password_only.post(SETTINGS + "recovery-codes/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones_and_are_shown_once(client, staff):
    old = services.recovery_codes_replace(user=staff)
    StaticToken.objects.filter(token=old[0].replace("-", "")).delete()  # one used
    assert "You have 9 of 10 recovery codes left." in _text(client.get(SETTINGS))

    assert client.get(SETTINGS + "recovery-codes/").status_code == 405  # only by the button
    response = client.post(SETTINGS + "recovery-codes/")
    new = _codes(response)
    assert len(new) == 10 and not set(new) & set(old)
    assert all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in new)
    # The old ones stop working; a new one signs in.
    assert services.second_factor_verify(user=staff, code=new[0]).recovery_codes_left == 9
    with pytest.raises(services.SecondFactorRefused):
        services.second_factor_verify(user=staff, code=old[1])
    # Shown once: the settings page shows the count, never the codes.
    page = client.get(SETTINGS)
    assert _codes(page) == [] and "You have 9 of 10 recovery codes left." in _text(page)


def test_a_session_verified_by_a_recovery_code_stays_verified_after_a_new_set(staff):
    confirmed_totp_device(staff)
    codes = services.recovery_codes_replace(user=staff)
    client = Client()
    client.force_login(staff)
    client.post("/admin/second-factor/", {"code": codes[0]})
    assert client.get(SETTINGS).status_code == 200
    client.post(SETTINGS + "recovery-codes/")
    assert client.get(SETTINGS).status_code == 200


def test_a_new_authenticator_after_a_current_code(client, staff):
    old_device = confirmed_totp_device(staff)
    # Nothing happens without a right code.
    wrong = client.post(SETTINGS + "replace/", {"code": "000000"})
    assert wrong.status_code == 200 and "The code is wrong or too old" in _text(wrong)
    assert client.get(SETTINGS + "replace/confirm/")["Location"] == SETTINGS
    time.sleep(1.1)  # a wrong code makes the next try wait a second

    response = client.post(SETTINGS + "replace/", {"code": _code(old_device)})
    assert response.status_code == 302
    assert response["Location"] == SETTINGS + "replace/confirm/"
    page = client.get(response["Location"])
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one(".staff-login__qr svg") is not None
    new_device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert soup.select_one(".staff-login__secret code").get_text().replace(" ", "") in (
        new_device.config_url
    )
    assert TOTPDevice.objects.filter(pk=old_device.pk, confirmed=True).exists()  # still works

    done = client.post(SETTINGS + "replace/confirm/", {"code": _code(new_device)})
    assert done.status_code == 200 and len(_codes(done)) == 10
    assert "Your new authenticator app is set up." in _text(done)
    assert list(TOTPDevice.objects.filter(user=staff)) == [new_device]
    # The session stays signed in with the new app.
    assert client.get("/admin/").status_code == 200
    assert client.get(SETTINGS + "replace/confirm/")["Location"] == SETTINGS


def test_a_recovery_code_confirms_a_new_phone(client, staff):
    confirmed_totp_device(staff)
    codes = services.recovery_codes_replace(user=staff)
    response = client.post(SETTINGS + "replace/", {"code": codes[2]})
    assert response["Location"] == SETTINGS + "replace/confirm/"
    assert StaticToken.objects.filter(device__user=staff).count() == 9  # used up


def test_the_page_speaks_the_admins_language(client):
    client.cookies["django_language"] = "nn"
    assert "Reservekodar" in _text(client.get(SETTINGS))
    client.cookies["django_language"] = "nb"
    assert "Reservekoder" in _text(client.get(SETTINGS))


def test_the_dashboard_says_when_few_recovery_codes_are_left(client, staff):
    confirmed_totp_device(staff)
    codes = services.recovery_codes_replace(user=staff)
    assert "recovery codes are left" not in _text(client.get("/admin/"))
    for code in codes[:8]:
        services.second_factor_verify(user=staff, code=code)
    dashboard = client.get("/admin/")
    assert "Only 2 recovery codes are left" in _text(dashboard)
    link = BeautifulSoup(dashboard.content, "html.parser").select_one(".recovery-codes-low a")
    assert link["href"] == SETTINGS
    client.post(SETTINGS + "recovery-codes/")
    assert "recovery codes are left" not in _text(client.get("/admin/"))


def _through_middleware(request):
    from django.contrib.auth.middleware import AuthenticationMiddleware
    from django.contrib.sessions.middleware import SessionMiddleware
    from django_otp.middleware import OTPMiddleware

    from samhandling.accounts.middleware import StaffSecondFactorMiddleware

    seen = {}

    def view(request):
        seen["request"] = request
        return HttpResponse()

    chain = SessionMiddleware(
        AuthenticationMiddleware(OTPMiddleware(StaffSecondFactorMiddleware(view)))
    )
    chain(request)
    return seen["request"]


def test_the_userbar_is_hidden_until_the_second_factor(staff, demo):
    """Wagtail's userbar (the floating admin menu on public pages) shows only to staff whose
    session has passed the second factor."""
    from wagtail.models import Site

    home = Site.objects.get(hostname="more-og-romsdal.localhost").root_page.specific
    template = Template("{% load wagtailuserbar %}{% wagtailuserbar %}")

    def userbar(client) -> str:
        request = RequestFactory().get("/", HTTP_HOST="more-og-romsdal.localhost")
        request.COOKIES = {k: v.value for k, v in client.cookies.items()}
        request = _through_middleware(request)
        return template.render(Context({"request": request, "page": home, "self": home}))

    password_only = Client()
    password_only.force_login(staff)
    assert "w-userbar" not in userbar(password_only)
    assert "w-userbar" in userbar(admin_login(Client(), staff))
