"""Subscribing: the page and the footer's form, double opt-in (nothing but the confirmation is
sent until the link's button is pressed), re-subscribing, and the confirmation link forged,
replayed or expired."""

import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from samhandling.newsletters.models import MailingList, Subscriber, SubscriberMail, Suppression
from samhandling.newsletters.subscribers import SuppressionReason, email_hash
from samhandling.newsletters.subscribing import unsubscribe_all

from .subscribe_helpers import (
    CONFIRM_LINK,
    PREFERENCES_LINK,
    community,
    link_in,
    mails_to,
    mr_lists,
    path_of,
    post_footer,
    post_subscribe,
    subscribe_url,
    subscriber,
    visitor,
)

pytestmark = pytest.mark.django_db


def subscribe_and_get_link(client, email, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_subscribe(client, email=email, **kwargs)
    assert response.status_code == 302
    (message,) = mails_to(email)
    return path_of(link_in(CONFIRM_LINK, message.body))


def test_the_page_shows_the_lists_with_the_default_ones_ticked_and_sets_no_cookie(demo):
    response = visitor().get(subscribe_url())
    assert response.status_code == 200
    html = response.content.decode()
    lists = mr_lists()
    assert "Nyhendebrev" in html and "Invitasjonar til dialogkonferansar" in html
    assert f'value="{lists["nyhendebrev"].pk}"' in html
    ticked = html.split(f'value="{lists["nyhendebrev"].pk}"')[1].split(">")[0]
    assert "checked" in ticked
    not_ticked = html.split(f'value="{lists["invitasjonar"].pk}"')[1].split(">")[0]
    assert "checked" not in not_ticked
    assert 'value="nn"' in html.split('value="nn"')[0] + 'value="nn"'
    main = html.split("<main")[1].split("</main>")[0]
    assert 'name="csrfmiddlewaretoken"' not in main
    assert reverse("privacy:policy") in main


def test_every_page_has_the_footer_form_without_a_csrf_token(demo):
    response = visitor().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    footer = html.split('class="site-footer"')[1]
    assert f'action="{subscribe_url()}"' in footer
    assert 'name="csrfmiddlewaretoken"' not in footer
    assert 'name="website"' in footer and 'name="form_shown"' in footer  # the form guard
    assert reverse("privacy:policy") in footer


@pytest.mark.parametrize(
    "template",
    ["newsletters/includes/footer_form.html", "newsletters/includes/subscribe_form.html"],
)
def test_the_subscribe_forms_never_ask_for_the_csrf_cookie(demo, rf, template):
    """Django sends the CSRF cookie only when a template asked for the token; the subscribe
    forms never do, so a cached page with them sets no cookie of theirs."""
    from django.middleware.csrf import CsrfViewMiddleware
    from django.template.loader import render_to_string

    from samhandling.newsletters.forms import SubscribeForm

    request = rf.get("/", HTTP_HOST="more-og-romsdal.localhost")
    CsrfViewMiddleware(lambda r: None).process_request(request)
    lists = MailingList.objects.filter(community=community())
    context = {
        "community": community(),
        "form": SubscribeForm(lists=lists),
        "lists": list(lists),
        "form_url": subscribe_url(),
    }
    html = render_to_string(template, context, request=request)
    assert 'name="email"' in html and 'name="form_shown"' in html
    assert not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    assert "csrfmiddlewaretoken" not in html


def test_double_opt_in(demo, django_capture_on_commit_callbacks):
    client = visitor()
    lists = mr_lists()
    link = subscribe_and_get_link(
        client,
        "Kari.Test@Example.no",
        django_capture_on_commit_callbacks,
        lists=[lists["nyhendebrev"], lists["invitasjonar"]],
    )
    person = subscriber("kari.test@example.no")
    assert person is not None and not person.confirmed
    assert set(person.lists.values_list("slug", flat=True)) == {"nyhendebrev", "invitasjonar"}
    assert len(mails_to("kari.test@example.no")) == 1  # the confirmation, nothing else

    page = client.get(link)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200
    assert "Stadfest abonnementet" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    person.refresh_from_db()
    assert not person.confirmed

    from tests.form_guard import guard_fields

    confirmed = client.post(link, guard_fields(), HTTP_SEC_FETCH_SITE="same-origin")
    assert confirmed.status_code == 200
    assert "stadfesta" in confirmed.content.decode()
    person.refresh_from_db()
    assert person.confirmed

    again = client.post(link, guard_fields(), HTTP_SEC_FETCH_SITE="same-origin")
    assert again.status_code == 200
    assert "allereie stadfesta" in again.content.decode()
    assert "allereie stadfesta" in client.get(link).content.decode()


def test_the_confirmation_is_in_the_subscribers_language_with_our_own_subject(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_subscribe(visitor(), email="english.reader@example.no", language="en")
    (message,) = mails_to("english.reader@example.no")
    assert message.subject == (
        "Confirm your subscription to the newsletter of Helsefellesskap Møre og Romsdal"
    )
    assert "Confirm the subscription" in message.body
    assert message.from_email.endswith("no-reply@" + message.from_email.rsplit("@", 1)[1])
    row = SubscriberMail.objects.get(to_email="english.reader@example.no")
    assert row.status == "sent"

    with django_capture_on_commit_callbacks(execute=True):
        post_subscribe(visitor(), email="bokmal.leser@example.no", language="nb")
    (message,) = mails_to("bokmal.leser@example.no")
    assert message.subject.startswith("Bekreft abonnementet")


def test_subscribing_again_sends_a_new_confirmation_and_reveals_nothing(
    demo, django_capture_on_commit_callbacks
):
    client = visitor()
    lists = mr_lists()
    first = subscribe_and_get_link(client, "twice@example.no", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        second = post_subscribe(client, email="twice@example.no", lists=[lists["invitasjonar"]])
    assert second.status_code == 302 and second["Location"].endswith("?sendt=1#main")
    assert len(mails_to("twice@example.no")) == 2
    assert Subscriber.objects.filter(email="twice@example.no").count() == 1
    assert list(subscriber("twice@example.no").lists.values_list("slug", flat=True)) == [
        "invitasjonar"
    ]
    assert client.get(first).status_code == 200  # the first link still opens the same page

    subscriber_row = subscriber("twice@example.no")
    subscriber_row.confirmed_at = subscriber_row.consented_at
    subscriber_row.save()
    with django_capture_on_commit_callbacks(execute=True):
        third = post_subscribe(client, email="twice@example.no")
    assert third.status_code == 302 and third["Location"] == second["Location"]
    note = mails_to("twice@example.no")[-1]
    assert "already" in note.subject or "allereie" in note.subject
    assert link_in(PREFERENCES_LINK, note.body)
    assert not CONFIRM_LINK.search(note.body)


def test_the_sent_page_says_to_check_the_inbox(demo):
    response = visitor().get(subscribe_url() + "?sendt=1")
    assert response.status_code == 200
    assert "Sjekk e-posten din" in response.content.decode()


def test_the_footer_subscribes_to_the_lists_chosen_by_default(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_footer(visitor(), email="footer@example.no")
    assert response.status_code == 302
    person = subscriber("footer@example.no")
    assert list(person.lists.values_list("slug", flat=True)) == ["nyhendebrev"]
    assert person.language == "nn"
    assert len(mails_to("footer@example.no")) == 1


def test_a_bad_address_from_the_footer_gets_the_page_with_the_error(demo):
    response = post_footer(visitor(), email="ikkje ei adresse")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv ei gyldig e-postadresse" in html
    assert 'value="ikkje ei adresse"' in html
    assert not Subscriber.objects.filter(email__icontains="adresse").exists()


def test_a_forged_confirmation_link_is_refused(demo, django_capture_on_commit_callbacks):
    link = subscribe_and_get_link(
        visitor(), "forged@example.no", django_capture_on_commit_callbacks
    )
    forged = link.replace("stadfest/", "stadfest/x")
    response = visitor().get(forged)
    assert response.status_code == 404
    assert "Lenkja verkar ikkje" in response.content.decode()
    from tests.form_guard import guard_fields

    assert visitor().post(forged, guard_fields()).status_code == 404
    assert not subscriber("forged@example.no").confirmed


def test_an_expired_confirmation_link_is_refused(
    demo, django_capture_on_commit_callbacks, settings
):
    link = subscribe_and_get_link(visitor(), "late@example.no", django_capture_on_commit_callbacks)
    later = time.time() + settings.NEWSLETTER_UNCONFIRMED_DAYS * 86400 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = visitor().get(link)
    assert response.status_code == 404
    assert "gått ut" in response.content.decode()


def test_a_link_of_another_site_does_not_work_there(demo, django_capture_on_commit_callbacks):
    link = subscribe_and_get_link(visitor(), "other@example.no", django_capture_on_commit_callbacks)
    response = visitor("helse-nord.localhost").get(link)
    assert response.status_code == 404


def test_a_suppressed_address_subscribes_again_only_by_confirming(
    demo, django_capture_on_commit_callbacks
):
    client = visitor()
    subscribe_and_get_link(client, "back@example.no", django_capture_on_commit_callbacks)
    unsubscribe_all(subscriber=subscriber("back@example.no"))
    hashed = email_hash("back@example.no")
    suppression = Suppression.objects.get(community=community(), email_hash=hashed)
    assert suppression.reason == SuppressionReason.UNSUBSCRIBED
    mail.outbox.clear()

    link = subscribe_and_get_link(client, "back@example.no", django_capture_on_commit_callbacks)
    assert Suppression.objects.filter(community=community(), email_hash=hashed).exists()
    from tests.form_guard import guard_fields

    client.post(link, guard_fields())
    assert subscriber("back@example.no").confirmed
    assert not Suppression.objects.filter(community=community(), email_hash=hashed).exists()
