"""Unsubscribing: the link's page with its button, RFC 8058's one-click POST as mail clients send
it (no cookie, no CSRF token, no form guard), one list at a time, forged and replayed links.
Unsubscribing from all erases the subscriber and keeps only a hash of the address."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samhandling.newsletters.models import (
    Delivery,
    NewsletterIndexPage,
    NewsletterIssuePage,
    NewsletterSend,
    Subscriber,
    Subscription,
    Suppression,
)
from samhandling.newsletters.subscribers import email_hash
from samhandling.newsletters.subscribing import subscribe, unsubscribe_from_list
from samhandling.newsletters.tokens import subscriber_token

from .subscribe_helpers import MR_HOST, community, mr_lists, visitor

pytestmark = pytest.mark.django_db


def confirmed(email: str, *slugs: str) -> Subscriber:
    lists = mr_lists()
    person = subscribe(
        community=community(),
        email=email,
        language="nn",
        lists=[lists[slug] for slug in slugs or ("nyhendebrev",)],
    )
    person.confirmed_at = timezone.now()
    person.save()
    return person


def unsubscribe_path(person) -> str:
    return reverse("newsletters:unsubscribe", args=[subscriber_token(person)])


def test_the_link_shows_a_page_with_a_button_and_changes_nothing(demo):
    person = confirmed("page@example.no")
    response = visitor().get(unsubscribe_path(person))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Meld av alt" in html and "page@example.no" in html
    assert reverse("newsletters:preferences", args=[subscriber_token(person)]) in html
    assert response["Cache-Control"] == "private, no-store"
    assert Subscriber.objects.filter(pk=person.pk).exists()


def test_the_one_click_post_of_a_mail_client_erases_at_once(demo):
    person = confirmed("oneclick@example.no", "nyhendebrev", "invitasjonar")
    home = community().site.root_page
    archive = NewsletterIndexPage.objects.descendant_of(home).first()
    issue = archive.add_child(instance=NewsletterIssuePage(title="Haust", slug="haust-test"))
    send = NewsletterSend.objects.create(issue=issue, subject="Haust")
    delivery = Delivery.objects.create(
        send=send, subscriber=person, email=person.email, language="nn"
    )
    # As RFC 8058 says a mail client sends it: a bare POST, form-encoded, no cookies, no token.
    client = Client(HTTP_HOST=MR_HOST, enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(person),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert not Subscription.objects.filter(subscriber_id=person.pk).exists()
    delivery.refresh_from_db()
    assert delivery.email == "" and delivery.subscriber_id is None
    suppression = Suppression.objects.get(
        community=community(), email_hash=email_hash(person.email)
    )
    assert suppression.reason == "unsubscribed"
    stored = [
        str(value)
        for value in Suppression.objects.filter(pk=suppression.pk).values().get().values()
    ]
    assert not any("oneclick" in value for value in stored)  # only the hash is kept

    replay = client.post(
        unsubscribe_path(person),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert replay.status_code == 200
    assert "allereie meld av" in replay.content.decode()


def test_the_button_unsubscribes_from_all(demo):
    person = confirmed("button@example.no")
    response = visitor().post(unsubscribe_path(person))
    assert response.status_code == 200
    assert "Du er meld av alle lister" in response.content.decode()
    assert not Subscriber.objects.filter(pk=person.pk).exists()


def test_a_forged_link_is_refused_and_erases_nothing(demo):
    person = confirmed("forged-unsub@example.no")
    forged = reverse("newsletters:unsubscribe", args=[subscriber_token(person) + "x"])
    response = visitor().post(
        forged, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 404
    assert "Lenkja verkar ikkje" in response.content.decode()
    made_up = reverse("newsletters:unsubscribe", args=["abc:def"])
    assert visitor().get(made_up).status_code == 404
    assert Subscriber.objects.filter(pk=person.pk).exists()


def test_a_link_of_another_site_erases_nothing_there(demo):
    person = confirmed("elsewhere@example.no")
    response = visitor("helse-nord.localhost").post(unsubscribe_path(person))
    assert response.status_code == 404
    assert Subscriber.objects.filter(pk=person.pk).exists()


def test_leaving_one_list_keeps_the_others_and_the_last_one_erases(demo):
    lists = mr_lists()
    person = confirmed("onelist@example.no", "nyhendebrev", "invitasjonar")
    assert not unsubscribe_from_list(subscriber=person, mailing_list=lists["invitasjonar"])
    assert list(person.lists.values_list("slug", flat=True)) == ["nyhendebrev"]
    assert unsubscribe_from_list(subscriber=person, mailing_list=lists["nyhendebrev"])
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert Suppression.objects.filter(email_hash=email_hash("onelist@example.no")).exists()
