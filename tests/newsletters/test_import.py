"""The secretariat's import of addresses, and the admin of lists and subscribers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samhandling.audit.models import AuditLogEntry
from samhandling.newsletters.models import MailingList, Subscriber, Suppression
from samhandling.newsletters.subscriber_import import import_addresses
from samhandling.newsletters.subscribers import email_hash
from samhandling.newsletters.subscribing import subscribe, unsubscribe_all

from .subscribe_helpers import community, mr_lists

pytestmark = pytest.mark.django_db


def test_an_import_skips_the_suppressed_invalid_and_duplicates(demo):
    lists = mr_lists()
    gone = subscribe(
        community=community(), email="gone@example.no", language="nn", lists=[lists["nyhendebrev"]]
    )
    unsubscribe_all(subscriber=gone)
    text = "\n".join(
        [
            "ny1@example.no",
            "Ny2@Example.no; ny3@example.no",
            "ny1@example.no",  # twice in the text
            "GONE@example.no",  # unsubscribed earlier
            "kari.nordmann@example.no",  # a demo subscriber already on the list
            "not-an-address",
            "x@y@example.no",
            "Ola Nordmann <ny4@example.no>",
        ]
    )
    result = import_addresses(mailing_list=lists["nyhendebrev"], text=text)
    assert (result.added, result.duplicates, result.suppressed, result.invalid) == (4, 2, 1, 2)
    added = Subscriber.objects.filter(
        community=community(),
        email__in=["ny1@example.no", "ny2@example.no", "ny3@example.no", "ny4@example.no"],
    )
    assert added.count() == 4 and all(person.confirmed for person in added)
    assert not Subscriber.objects.filter(email="gone@example.no").exists()
    assert Suppression.objects.filter(email_hash=email_hash("gone@example.no")).exists()
    again = import_addresses(mailing_list=lists["nyhendebrev"], text=text)
    assert again.added == 0


def test_the_admin_import_page_reports_the_counts(demo, admin_client):
    mailing_list = mr_lists()["invitasjonar"]
    url = reverse("newsletters_admin_import", args=[mailing_list.pk])
    assert admin_client.get(url).status_code == 200
    upload = SimpleUploadedFile(
        "liste.csv", "namn;e-post\nOla;fil1@example.no\nKari;fil2@example.no\n".encode("cp1252")
    )
    response = admin_client.post(
        url, {"text": "lim@example.no", "file": upload, "consent": "on"}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 adresser lagde til" in html
    assert mailing_list.subscribers.filter(email="fil2@example.no").exists()
    assert AuditLogEntry.objects.filter(action="samhandling.newsletter_list.import").exists()


def test_the_admin_import_needs_consent_and_addresses(demo, admin_client):
    url = reverse("newsletters_admin_import", args=[mr_lists()["invitasjonar"].pk])
    response = admin_client.post(url, {"text": "x@example.no"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="x@example.no").exists()
    response = admin_client.post(url, {"text": "", "consent": "on"})
    assert "Lim inn adresser" in response.content.decode()


def test_the_admin_lists_counts_search_and_removal(demo, admin_client):
    mailing_list = mr_lists()["nyhendebrev"]
    overview = admin_client.get(reverse("newsletters_admin_overview"))
    assert overview.status_code == 200
    assert "Nyhendebrev" in overview.content.decode()
    subscribers = reverse("newsletters_admin_subscribers", args=[mailing_list.pk])
    page = admin_client.get(subscribers + "?q=kari.nordmann")
    html = page.content.decode()
    assert "kari.nordmann@example.no" in html and "fastlege" not in html
    person = Subscriber.objects.get(community=community(), email="kari.nordmann@example.no")
    remove = reverse("newsletters_admin_subscriber_remove", args=[mailing_list.pk, person.pk])
    assert admin_client.get(remove).status_code == 200
    assert Subscriber.objects.filter(pk=person.pk).exists()
    assert admin_client.post(remove).status_code == 302
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    suppression = Suppression.objects.get(email_hash=email_hash("kari.nordmann@example.no"))
    assert suppression.reason == "secretariat"
    assert (
        import_addresses(mailing_list=mailing_list, text="kari.nordmann@example.no").suppressed == 1
    )


def test_the_admin_creates_and_edits_a_list(demo, admin_client):
    url = reverse("newsletters_admin_list_add") + f"?community={community().pk}"
    data = {"name": "Styremøte", "slug": "styremote", "description": "", "sort_order": 5}
    assert admin_client.post(url, data).status_code == 302
    created = MailingList.objects.get(community=community(), slug="styremote")
    duplicate = admin_client.post(url, {**data, "name": "Anna"})
    assert duplicate.status_code == 200
    assert MailingList.objects.filter(community=community(), slug="styremote").count() == 1
    edit = reverse("newsletters_admin_list_edit", args=[created.pk])
    assert admin_client.post(edit, {**data, "sort_order": 1, "public": "on"}).status_code == 302
    created.refresh_from_db()
    assert created.sort_order == 1 and created.public
    assert AuditLogEntry.objects.filter(action="samhandling.newsletter_list.change").exists()


def test_the_admin_needs_the_permission(demo, client):
    from django.contrib.auth import get_user_model

    from tests.staff_login import admin_login

    user = get_user_model().objects.create_user("utan", "u@example.org", "pw", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = admin_login(client, user)
    response = client.get(reverse("newsletters_admin_overview"))
    assert response.status_code in (302, 403)
    assert not Subscriber.objects.filter(email="utan@example.org").exists()
