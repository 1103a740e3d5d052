"""Posting the proposal form as a person's browser would, and reading the e-mails it causes."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.form_guard import guard_fields

CAPTURE = None  # set by conftest: pytest-django's django_capture_on_commit_callbacks
MR_HOST = "more-og-romsdal.localhost"
HN_HOST = "helse-nord.localhost"
LINK = re.compile(r"https?://\S+/send-inn/stadfest/[\w-]+/")


class CommittingClient(Client):
    """A test client whose requests run their on-commit callbacks (the e-mail tasks) at the end."""

    def request(self, **request):
        with committed():
            return super().request(**request)


def committed():
    """Run the on-commit callbacks of what happens inside, at its end (as after a commit)."""
    return CAPTURE(execute=True)


def visitor(host: str = MR_HOST, **extra) -> Client:
    return CommittingClient(HTTP_HOST=host, **extra)


def form_url() -> str:
    return reverse("proposals:propose")


def proposal_data(**fields) -> dict:
    data = {
        "kind": "date",
        "title": "Fagdag om kvardagsrehabilitering",
        "text": "Kommunen inviterer til fagdag.\n\nMeir om programmet kjem.",
        "date": "2031-03-14",
        "time": "09:30",
        "place": "Kristiansund rådhus",
        "link": "https://example.org/fagdag",
        "name": "Kari Nordmann",
        "organisation": "other",
        "organisation_other": "Kristiansund kommune",
        "email": "kari.forslag@example.org",
    }
    data.update(fields)
    return data


def post_proposal(client=None, *, guard: dict | None = None, **fields):
    client = client or visitor()
    return client.post(form_url(), {**proposal_data(**fields), **(guard or guard_fields())})


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def the_link(body: str) -> str:
    match = LINK.search(body)
    assert match, body
    return match.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]
