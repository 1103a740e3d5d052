"""Helpers of the subscriber-side tests: a visitor of the Møre og Romsdal demo site, the demo's
lists, posting the subscribe form as a browser does, and the links in the e-mails."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from samhandling.newsletters.models import MailingList, Subscriber
from samhandling.organisations.models import HealthCommunity
from tests.form_guard import guard_fields

MR_HOST = "more-og-romsdal.localhost"
HN_HOST = "helse-nord.localhost"
CONFIRM_LINK = re.compile(r"https?://\S+/nyhendebrev/stadfest/[^/\s]+/")
PREFERENCES_LINK = re.compile(r"https?://\S+/nyhendebrev/innstillingar/[^/\s]+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://\S+/nyhendebrev/avmeld/[^/\s]+/")


def visitor(host: str = MR_HOST) -> Client:
    return Client(HTTP_HOST=host)


def community(host: str = MR_HOST) -> HealthCommunity:
    return HealthCommunity.objects.get(site__hostname=host)


def mr_lists() -> dict[str, MailingList]:
    return {item.slug: item for item in MailingList.objects.filter(community=community())}


def subscribe_url() -> str:
    return reverse("newsletters:subscribe")


def post_subscribe(client, *, email, lists=None, language="nn", guard=True, **extra):
    chosen = lists if lists is not None else [mr_lists()["nyhendebrev"]]
    data = {"email": email, "language": language, "lists": [item.pk for item in chosen]}
    if guard:
        data.update(guard_fields())
    data.update(extra)
    return client.post(subscribe_url(), data, **_same_origin())


def post_footer(client, *, email, **extra):
    data = {
        "newsletter_footer": "1",
        "email": email,
        "newsletter_language": "nn",
        **guard_fields(),
        **extra,
    }
    return client.post(subscribe_url(), data, **_same_origin())


def _same_origin() -> dict:
    return {"HTTP_SEC_FETCH_SITE": "same-origin"}


def mails_to(email: str) -> list:
    return [message for message in mail.outbox if email.lower() in message.to]


def link_in(pattern, body: str) -> str:
    match = pattern.search(body)
    assert match, body
    return match.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def subscriber(email: str) -> Subscriber | None:
    return Subscriber.objects.filter(community=community(), email=email.lower()).first()
