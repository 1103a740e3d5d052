"""Shared helpers for the personal data tests: a visitor, a sign-up, a link from the outbox."""

import re
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from samhandling.events.services import registration_create
from tests.conftest import HN_HOST
from tests.events.factories import ALTA, event, kommune, series
from tests.form_guard import guard_fields

EMAIL = "kari@example.org"


def visitor(language: str | None = "en") -> Client:
    client = Client(HTTP_HOST=HN_HOST)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def sign_up(the_event=None, *, email=EMAIL, organisation=ALTA, **fields):
    the_event = the_event or event()
    if the_event.start <= timezone.now():  # a past event: sign up while it was open
        fields.setdefault("now", the_event.start - timedelta(days=10))
    return registration_create(
        event=the_event,
        name=fields.pop("name", "Kari Nordmann"),
        email=email,
        consent=True,
        organisation=kommune(organisation) if organisation else None,
        **fields,
    ).registration


def ask_for_link(client, django_capture_on_commit_callbacks, email=EMAIL) -> str:
    """Post the request form; return the private link from the e-mail sent (or "")."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/personvern/innsyn/", {"email": email, **guard_fields()})
    assert response.status_code == 302
    assert response["Location"] == "/personvern/innsyn/sendt/"
    links = [
        re.search(r"https?://\S+/personvern/innsyn/\S+/", message.body)
        for message in mail.outbox
        if email in message.to
    ]
    found = [link.group(0) for link in links if link]
    return found[0] if found else ""


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


__all__ = ["EMAIL", "ask_for_link", "event", "path_of", "series", "sign_up", "visitor"]
