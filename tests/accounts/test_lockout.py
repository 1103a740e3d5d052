"""The admin login cannot be brute-forced: after STAFF_LOGIN_FAILURE_LIMIT wrong passwords from
one client for one account, even the right password is refused for the cool-off, with a page of
our own (429) in the visitor's language."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "rett-passord-2026"


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("sekretariat", "s@example.org", PASSWORD)


def _login(client: Client, password: str, username: str = "sekretariat"):
    return client.post("/admin/login/", {"username": username, "password": password})


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def test_a_hundred_wrong_passwords_then_the_right_one_is_refused(staff):
    client = Client()
    wrong_before_lockout = 0
    statuses = []
    for attempt in range(100):
        response = _login(client, f"feil-{attempt}")
        statuses.append(response.status_code)
        if response.status_code == 200:
            wrong_before_lockout += 1
    # The last wrong password that is checked is answered with the lockout page itself.
    print(f"\nwrong passwords before lockout: {wrong_before_lockout + 1} (of 100 tried)")
    assert wrong_before_lockout + 1 == settings.AXES_FAILURE_LIMIT == 5
    assert set(statuses[wrong_before_lockout:]) == {429}

    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    assert response["Retry-After"] == str(15 * 60)
    # A page of ours in the site's language (nynorsk), not a 500 and not django-axes' bare text.
    text = _text(response)
    assert "For mange mislukka innloggingsforsøk" in text
    assert "15 minutt" in text
    assert "Account locked" not in text


def test_the_lockout_page_speaks_the_visitors_language(staff):
    for language, heading in (
        ("nb", "For mange mislykkede innloggingsforsøk"),
        ("en", "Too many failed sign-in attempts"),
    ):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            response = _login(client, "feil")
        assert response.status_code == 429
        assert heading in _text(response)
        assert BeautifulSoup(response.content, "html.parser").html["lang"] == language
        AccessAttempt.objects.all().delete()


def test_the_lockout_is_per_account_and_client(staff):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "feil")
    assert _login(attacker, PASSWORD).status_code == 429

    colleague = Client(REMOTE_ADDR="198.51.100.20")  # the same account from another client
    assert _login(colleague, PASSWORD).status_code == 302
    assert _signed_in(colleague)


def test_after_the_cool_off_the_right_password_works(staff):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "feil")
    assert _login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_an_administrator_unlocks_an_account_with_a_command(staff, capsys):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "feil")
    assert _login(client, PASSWORD).status_code == 429
    call_command("staff_login_reset", "sekretariat")
    assert "unlocked" in capsys.readouterr().out
    assert _login(client, PASSWORD).status_code == 302


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(staff, settings):
    settings.SAMHANDLING_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    attacker = Client(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, "feil")
    # A forged left-most address does not get the attacker a fresh count.
    forged = Client(HTTP_X_FORWARDED_FOR="5.6.7.8, 203.0.113.7", **proxy)
    assert _login(forged, PASSWORD).status_code == 429
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert _login(colleague, PASSWORD).status_code == 302
