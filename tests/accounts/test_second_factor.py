"""Every admin user passes a second factor after the password: an authenticator app (TOTP) set up
at the first login, or a one-time recovery code. Until then no admin page opens."""

import re
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff_login import confirmed_totp_device

pytestmark = pytest.mark.django_db

PASSWORD = "rett-passord-2026"


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("sekretariat", "s@example.org", PASSWORD)


def _password_login(client: Client | None = None) -> Client:
    client = client or Client()
    client.cookies["django_language"] = "en"
    response = client.post("/admin/login/", {"username": "sekretariat", "password": PASSWORD})
    assert response.status_code == 302
    return client


def _code(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:06d}"


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/users/",
        "/admin/account/",
        "/admin/demo-mail/",
        "/admin/events/event/1/export/?file_format=csv",
        "/admin/committees/follow-up/",
        "/admin/no-such-page/",
    ],
)
def test_an_unverified_session_opens_no_admin_page(staff, url):
    confirmed_totp_device(staff)
    client = _password_login()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/?next=")
    # Nor with a POST.
    assert client.post(url, {}).status_code == 302


def test_the_first_login_sets_up_an_authenticator_and_shows_recovery_codes_once(staff):
    client = _password_login()
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/second-factor/enrol/")
    page = _soup(response)
    assert page.select_one(".staff-login__qr svg") is not None  # the QR code, in the page
    secret = page.select_one(".staff-login__secret code").get_text()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    assert "Set up an authenticator app" in page.get_text()

    wrong = client.post("/admin/second-factor/enrol/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "The code is wrong or too old" in _soup(wrong).get_text()
    time.sleep(1.1)  # django-otp takes the next code after a second (twice as long each time)

    done = client.post(
        "/admin/second-factor/enrol/", {"code": _code(device), "next": "/admin/pages/"}
    )
    assert done.status_code == 200
    codes = [c.get_text() for c in _soup(done).select(".staff-login__codes code")]
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    assert _soup(done).select_one("main a.button")["href"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200
    # Shown once: the enrolment page now sends the user on.
    assert client.get("/admin/second-factor/enrol/").status_code == 302


def test_a_code_from_the_app_opens_the_admin(staff):
    device = confirmed_totp_device(staff)
    client = _password_login()
    response = client.get("/admin/demo-mail/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/second-factor/?next=%2Fadmin%2Fdemo-mail%2F"
    assert "Second step of signing in" in _soup(response).get_text()
    session_key = client.session.session_key
    response = client.post(
        "/admin/second-factor/", {"code": _code(device), "next": "/admin/demo-mail/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/demo-mail/"
    assert client.session.session_key != session_key  # a new session once fully signed in
    assert client.get("/admin/demo-mail/").status_code == 200
    # The same code cannot be used twice.
    other = _password_login()
    again = other.post("/admin/second-factor/", {"code": _code(device)})
    assert again.status_code == 200 and "wrong or too old" in _soup(again).get_text()


def test_a_recovery_code_works_once(staff):
    confirmed_totp_device(staff)
    from samhandling.accounts.services import recovery_codes_replace

    codes = recovery_codes_replace(user=staff)
    client = _password_login()
    response = client.post("/admin/second-factor/", {"code": codes[3].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "9 codes are left" in _soup(response).get_text()
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    again = _password_login().post("/admin/second-factor/", {"code": codes[3]})
    assert again.status_code == 200
    assert "not one of your unused recovery codes" in _soup(again).get_text()


def test_wrong_codes_are_slowed_down(staff):
    device = confirmed_totp_device(staff)
    client = _password_login()
    statuses = [client.post("/admin/second-factor/", {"code": "123456"}).status_code]
    statuses.append(client.post("/admin/second-factor/", {"code": "123457"}).status_code)
    assert statuses == [200, 429]
    # While throttled even the right code is refused, with a clear message.
    response = client.post("/admin/second-factor/", {"code": _code(device)})
    assert response.status_code == 429
    assert "Too many wrong codes" in _soup(response).get_text()
    assert client.get("/admin/").status_code == 302


def test_the_next_address_stays_on_this_site(staff):
    device = confirmed_totp_device(staff)
    client = _password_login()
    response = client.post(
        "/admin/second-factor/", {"code": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_the_pages_speak_the_admins_language(staff):
    confirmed_totp_device(staff)
    client = _password_login()
    client.cookies["django_language"] = "nn"
    assert "Andre steg i innlogginga" in _soup(client.get("/admin/second-factor/")).get_text()
    client.cookies["django_language"] = "nb"
    assert "Andre steg i innloggingen" in _soup(client.get("/admin/second-factor/")).get_text()


def test_an_administrator_resets_a_lost_authenticator(staff, capsys):
    confirmed_totp_device(staff)
    call_command("staff_login_reset", "sekretariat", "--second-factor")
    assert "removed" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=staff).exists()
    response = _password_login().get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/second-factor/enrol/")


def test_the_demo_admin_passes_with_the_printed_secret(demo, capsys):
    from samhandling.core.demo.sites import ensure_admin_user

    ensure_admin_user()
    call_command("load_demo", "--port", "80")
    printed = capsys.readouterr().out
    secret = re.search(r"with the key ((?:[A-Z2-7]{4} ?)+)", printed).group(1).replace(" ", "")
    call_command("demo_admin_code")
    code = capsys.readouterr().out.strip()
    import base64

    expected = totp(base64.b32decode(secret), digits=6)
    assert code == f"{expected:06d}"

    client = Client()
    client.post("/admin/login/", {"username": "admin", "password": "samhandling-demo"})
    response = client.post("/admin/second-factor/", {"code": code, "next": "/admin/demo-mail/"})
    assert response["Location"] == "/admin/demo-mail/"
    assert client.get("/admin/demo-mail/").status_code == 200


def test_on_the_public_site_a_password_alone_shows_nothing_meant_for_editors(staff, demo):
    """An editor may read the case papers of an unpublished meeting; a session that has only
    passed the password is a visitor until the second factor."""
    from urllib.parse import urlparse

    from samhandling.committees.pages import MeetingPage

    september = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    item = next(i for i in september.agenda_items.all() if i.papers)
    paper = urlparse(item.papers[0].value["document"].url).path
    september.unpublish()
    device = confirmed_totp_device(staff)
    client = _password_login()
    assert client.get(paper, HTTP_HOST="more-og-romsdal.localhost").status_code == 404
    client.post("/admin/second-factor/", {"code": _code(device)})
    assert client.get(paper, HTTP_HOST="more-og-romsdal.localhost").status_code == 200


def test_a_user_without_the_admin_is_not_asked_for_a_second_factor(db):
    user = get_user_model().objects.create_user("deltakar", "d@example.org", PASSWORD)
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert user.pk  # nothing enrolled for someone who cannot open the admin
    assert not TOTPDevice.objects.filter(user=user).exists()
