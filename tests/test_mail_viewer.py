"""The demo's mail viewer: every e-mail the demo sends, readable in the admin by superusers."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives, get_connection
from django.test import Client

from samhandling.core.mailbox import mail_viewer_off_in_production, stored_mails
from tests.staff_login import admin_login

pytestmark = pytest.mark.django_db

LINK = "http://more-og-romsdal.localhost/p/hemmeleg-lenkje/"


@pytest.fixture
def mailbox(settings, tmp_path):
    settings.SAMHANDLING_MAIL_VIEWER_DIR = tmp_path
    return tmp_path


def _send(subject="Stadfesting: Dialogmøte", to="kari@kommune.example"):
    message = EmailMultiAlternatives(
        subject, f"Hei!\nEndre eller meld deg av: {LINK}\n", "Samhandling <ikkje-svar@x.no>", [to]
    )
    message.attach_alternative(
        f'<p>Hei! <a href="{LINK}">Endre</a><script>x()</script></p>', "text/html"
    )
    message.attach("dialogmote.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    connection = get_connection("samhandling.core.mailbox.MailboxBackend")
    return connection.send_messages([message])


def test_the_backend_prints_to_the_console_and_keeps_the_message(mailbox, capsys):
    assert _send() == 1
    assert "To: kari@kommune.example" in capsys.readouterr().out
    [kept] = stored_mails()
    assert kept.subject == "Stadfesting: Dialogmøte"
    assert kept.recipients == "kari@kommune.example"
    assert not list(mailbox.glob(".*.tmp"))


def test_a_superuser_reads_the_message_its_link_and_calendar_file(mailbox, admin_client):
    _send()
    _send(subject="Påminning", to="ola@kommune.example")
    index = admin_client.get("/admin/demo-mail/")
    assert index.status_code == 200
    html = index.content.decode()
    assert html.index("Påminning") < html.index("Stadfesting")  # newest first
    key = stored_mails()[1].key

    detail = admin_client.get(f"/admin/demo-mail/{key}/").content.decode()
    assert f'href="{LINK}"' in detail  # the private link can be followed
    assert 'sandbox="allow-popups' in detail and "<script>" not in detail  # HTML in a sandbox
    assert "dialogmote.ics" in detail

    attachment = admin_client.get(f"/admin/demo-mail/{key}/attachment/0/")
    assert attachment["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in attachment.content
    assert admin_client.get(f"/admin/demo-mail/{key}/attachment/5/").status_code == 404
    assert admin_client.get("/admin/demo-mail/..%2Fetc/").status_code == 404


def test_others_cannot_read_the_mail(mailbox):
    _send()
    key = stored_mails()[0].key
    anonymous = Client().get(f"/admin/demo-mail/{key}/")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    editor = get_user_model().objects.create_user("redaktor", "r@x.no", "pw", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = admin_login(Client(), editor)
    refused = client.get(f"/admin/demo-mail/{key}/")  # Wagtail sends it back to the dashboard
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert "Stadfesting" not in client.get("/admin/").content.decode()


def test_delete_all_empties_the_mailbox(mailbox, admin_client):
    _send()
    response = admin_client.post("/admin/demo-mail/clear/", follow=True)
    assert response.status_code == 200
    assert stored_mails() == []
    assert admin_client.get("/admin/demo-mail/clear/").status_code == 405


def test_an_empty_mailbox_says_how_to_fill_it(mailbox, admin_client):
    response = admin_client.get("/admin/demo-mail/")
    assert (
        "Sign up for an event" in response.content.decode()
        or "Meld deg på" in response.content.decode()
        or "påmelding" in response.content.decode().lower()
    )


def test_production_settings_refuse_the_viewer(settings):
    settings.SAMHANDLING_MAIL_VIEWER = True
    assert [e.id for e in mail_viewer_off_in_production(None)] == ["samhandling.E001"]
    settings.SAMHANDLING_MAIL_VIEWER = False
    assert mail_viewer_off_in_production(None) == []


def test_tests_themselves_still_use_the_in_memory_backend():
    assert mail.outbox == []


def test_without_the_viewer_the_admin_has_neither_its_menu_item_nor_its_addresses():
    """Production: the hooks are not registered at all (a hook returning None would break the
    admin menu)."""
    import subprocess
    import sys

    code = (
        "import django; django.setup();"
        "from wagtail import hooks;"
        "from samhandling.core import wagtail_hooks as h;"
        "assert h.mail_viewer_urls not in hooks.get_hooks('register_admin_urls');"
        "assert h.mail_viewer_menu_item not in hooks.get_hooks('register_admin_menu_item');"
        "from django.urls import reverse, NoReverseMatch\n"
        "try:\n    reverse('core_mail_index')\nexcept NoReverseMatch:\n    print('absent')"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "samhandling.settings.production",
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "example.org",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "absent"
