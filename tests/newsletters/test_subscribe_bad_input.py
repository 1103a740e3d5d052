"""Bad input on the subscribe form: hostile addresses, cross-site posts, bots and repeats get a
clear message in the visitor's language, nothing is half-saved, and nothing is a 5xx."""

import pytest
from django.core import mail

from samhandling.newsletters.models import Subscriber, SubscriberMail, Subscription
from samhandling.newsletters.subscribing import SubscribeRefused, subscribe

from .subscribe_helpers import (
    community,
    mails_to,
    mr_lists,
    post_subscribe,
    subscribe_url,
    subscriber,
    visitor,
)

pytestmark = pytest.mark.django_db


def nothing_saved(fragment: str) -> bool:
    return not Subscriber.objects.filter(email__icontains=fragment).exists()


@pytest.mark.parametrize(
    "email",
    [
        "ola@example.no\r\nBcc: everyone@example.org",
        "ola@example.no\nSubject: hei",
        "ola@example.no%0d%0aBcc:x@example.org",
        "a" * 10_000 + "@example.no",
        "ola@" + "b" * 10_000 + ".no",
        "ærleg.ola@example.no",
        "ola@@example.no",
        "<script>alert(1)</script>@example.no",
        '=HYPERLINK("http://x")@example.no',
        "   ",
    ],
)
def test_a_hostile_address_gets_a_clear_message_and_nothing_is_saved(demo, email):
    before = Subscriber.objects.count(), SubscriberMail.objects.count()
    response = post_subscribe(visitor(), email=email)
    assert response.status_code == 400
    html = response.content.decode()
    messages = ["Skriv ei gyldig e-postadresse", "Skriv e-postadressa di", "høgst 254 teikn"]
    assert any(message in html for message in messages)
    assert "<script>alert(1)</script>" not in html
    assert (Subscriber.objects.count(), SubscriberMail.objects.count()) == before
    assert not mail.outbox


def test_ten_thousand_characters_are_answered_with_the_length_rule(demo):
    response = post_subscribe(visitor(), email="a" * 10_000)
    assert response.status_code == 400
    assert "høgst 254 teikn" in response.content.decode()


def test_a_unicode_domain_is_an_address(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_subscribe(visitor(), email="ola@bølgje.no")
    assert response.status_code == 302
    assert subscriber("ola@bølgje.no") is not None
    (message,) = mail.outbox
    assert message.message()["To"] == "ola@" + "bølgje.no".encode("idna").decode()  # punycode


def test_the_service_refuses_the_same_things_without_the_form(demo):
    lists = [mr_lists()["nyhendebrev"]]
    for email in ["x@example.no\r\nBcc: y@example.no", "a" * 300, ""]:
        with pytest.raises(SubscribeRefused):
            subscribe(community=community(), email=email, language="nn", lists=lists)
    with pytest.raises(SubscribeRefused):
        subscribe(community=community(), email="ok@example.no", language="de", lists=lists)
    with pytest.raises(SubscribeRefused):
        subscribe(community=community(), email="ok@example.no", language="nn", lists=[])
    assert nothing_saved("ok@example.no")


def test_a_list_of_another_community_or_a_closed_list_is_refused(demo):
    from samhandling.newsletters.models import MailingList

    other = MailingList.objects.exclude(community=community()).first()
    response = post_subscribe(visitor(), email="mixed@example.no", lists=[other])
    assert response.status_code == 400
    assert nothing_saved("mixed@example.no")
    closed = MailingList.objects.create(
        community=community(), name="Styret", slug="styret", public=False
    )
    with pytest.raises(SubscribeRefused):
        subscribe(community=community(), email="mixed@example.no", language="nn", lists=[closed])
    assert nothing_saved("mixed@example.no")


def test_no_list_chosen(demo):
    response = post_subscribe(visitor(), email="nolist@example.no", lists=[])
    assert response.status_code == 400
    assert "Vel minst éi liste" in response.content.decode()
    assert nothing_saved("nolist@example.no")


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_a_post_from_another_site_is_refused(demo, headers):
    from tests.form_guard import guard_fields

    data = {
        "email": "csrf@example.no",
        "language": "nn",
        "lists": [mr_lists()["nyhendebrev"].pk],
        **guard_fields(),
    }
    response = visitor().post(subscribe_url(), data, **headers)
    assert response.status_code == 403
    assert "frå ei anna nettside" in response.content.decode()
    assert nothing_saved("csrf@example.no")


def test_a_post_from_this_site_or_an_old_browser_passes(demo):
    from tests.form_guard import guard_fields

    data = {
        "email": "own@example.no",
        "language": "nn",
        "lists": [mr_lists()["nyhendebrev"].pk],
        **guard_fields(),
    }
    response = visitor().post(subscribe_url(), data, HTTP_ORIGIN="http://more-og-romsdal.localhost")
    assert response.status_code == 302
    response = visitor().post(subscribe_url(), {**data, "email": "old@example.no"})
    assert response.status_code == 302  # no Sec-Fetch-Site, no Origin: passes
    response = visitor().post(
        subscribe_url(),
        {**data, "email": "private@example.no"},
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ORIGIN="null",  # a same-origin POST from a page without referrer
    )
    assert response.status_code == 302


def test_the_honeypot_and_a_form_sent_at_once_are_refused(demo):
    from samhandling.core.form_guard import HONEYPOT_FIELD

    response = post_subscribe(visitor(), email="bot@example.no", **{HONEYPOT_FIELD: "x"})
    assert response.status_code == 400
    response = post_subscribe(visitor(), email="bot@example.no", guard=False)
    assert response.status_code == 400
    assert nothing_saved("bot@example.no")


def test_a_repeated_form_gives_one_subscriber_and_then_the_rate_limit(
    demo, django_capture_on_commit_callbacks, settings
):
    settings.SAMHANDLING_RATE_LIMITS = {
        **settings.SAMHANDLING_RATE_LIMITS,
        "newsletter": {"client": "100/m", "email": "3/h"},
    }
    client = visitor()
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [post_subscribe(client, email="again@example.no").status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert Subscriber.objects.filter(email="again@example.no").count() == 1
    person = subscriber("again@example.no")
    assert Subscription.objects.filter(subscriber=person).count() == 1
    assert len(mails_to("again@example.no")) == 3


def test_a_get_with_a_query_changes_nothing(demo):
    response = visitor().get(subscribe_url() + "?email=get@example.no&lists=1")
    assert response.status_code == 200
    assert nothing_saved("get@example.no")
    assert visitor().put(subscribe_url()).status_code == 405
