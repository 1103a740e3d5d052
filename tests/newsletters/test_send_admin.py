"""The newsletter in the admin: preview (HTML and text), a test send to oneself, send to a list
after a confirm step, progress and history; the issue's own editors only."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from samhandling.newsletters.models import NewsletterSend

from .send_fixtures import issue, mailing_list, subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue_and_list(demo):
    the_issue, the_list = issue(), mailing_list()
    subscribers(the_list, 3)
    return the_issue, the_list


def test_preview_in_html_and_text(admin_client, issue_and_list):
    the_issue, _the_list = issue_and_list
    page = admin_client.get(reverse("newsletters_issue", args=[the_issue.pk]))
    assert page.status_code == 200
    assert "Haustbrevet (test)" in page.content.decode()
    html = admin_client.get(reverse("newsletters_preview", args=[the_issue.pk, "html"]))
    text = admin_client.get(
        reverse("newsletters_preview", args=[the_issue.pk, "txt"]) + "?language=nb"
    )
    assert html.status_code == 200 and "<table" in html.content.decode()
    assert "frame-ancestors 'self'" in html["Content-Security-Policy"]
    assert text["Content-Type"].startswith("text/plain")
    assert "Meld av" in text.content.decode()


def test_a_test_send_goes_to_the_staff_members_own_address(
    admin_client, issue_and_list, django_capture_on_commit_callbacks
):
    the_issue, _the_list = issue_and_list
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("newsletters_test", args=[the_issue.pk]), {"language": "nn"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[admin_client.user.email]]
    history = admin_client.get(reverse("newsletters_issue", args=[the_issue.pk])).content.decode()
    assert admin_client.user.email in history  # the test send in the history


def test_send_to_a_list_after_confirming_then_progress_and_history(
    admin_client, issue_and_list, django_capture_on_commit_callbacks
):
    the_issue, the_list = issue_and_list
    confirm = admin_client.get(
        reverse("newsletters_send_confirm", args=[the_issue.pk]), {"mailing_list": the_list.pk}
    )
    assert confirm.status_code == 200
    assert "3" in confirm.content.decode() and mail.outbox == []  # nothing sent before confirming

    with django_capture_on_commit_callbacks(execute=True):
        sent = admin_client.post(
            reverse("newsletters_send_confirm", args=[the_issue.pk]),
            {"mailing_list": the_list.pk, "confirmed": "on"},
        )
    send = NewsletterSend.objects.get(issue=the_issue, mailing_list=the_list)
    assert sent.status_code == 302 and sent["Location"] == reverse(
        "newsletters_send", args=[send.pk]
    )
    assert len(mail.outbox) == 3

    progress = admin_client.get(reverse("newsletters_send", args=[send.pk])).content.decode()
    assert "Recipients" in progress or "Mottakarar" in progress
    assert 'http-equiv="refresh"' not in progress  # done: no more refreshing

    # Pressing again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("newsletters_send_confirm", args=[the_issue.pk]),
            {"mailing_list": the_list.pk, "confirmed": "on"},
        )
    assert len(mail.outbox) == 3
    assert NewsletterSend.objects.filter(issue=the_issue).count() == 1


def test_a_running_send_refreshes_itself(admin_client, issue_and_list):
    from samhandling.newsletters.sending import start_send

    the_issue, the_list = issue_and_list
    send, _ = start_send(issue=the_issue, mailing_list=the_list)  # the worker has not run yet
    page = admin_client.get(reverse("newsletters_send", args=[send.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert reverse("newsletters_send", args=[send.pk]) in page  # a link to reload without JS


def test_staff_without_rights_on_the_issue_cannot_see_or_send(issue_and_list):
    from tests.staff_login import admin_login

    the_issue, the_list = issue_and_list
    user = get_user_model().objects.create_user("gjest", "g@example.org", "pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = admin_login(Client(), user)
    page = client.get(reverse("newsletters_issue", args=[the_issue.pk]))
    # Wagtail answers a refusal in the admin with a redirect to the dashboard and a message.
    assert page.status_code == 302 and page["Location"] == reverse("wagtailadmin_home")
    response = client.post(
        reverse("newsletters_send_confirm", args=[the_issue.pk]),
        {"mailing_list": the_list.pk, "confirmed": "on"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert mail.outbox == []
    assert not NewsletterSend.objects.filter(issue=the_issue).exists()
