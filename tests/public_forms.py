"""Valid POSTs of the public forms, built in one place.

Tests and fuzzers start from these and change what they test. When a public form gets a field
that every valid POST must carry (a honeypot left empty, a signed fill-time token), add it here
(or in `form_extras`) and every test and fuzzer sends it.
"""

import re

from django.test import Client

from tests.form_guard import guard_fields

_HIDDEN = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def form_extras(client: Client, url: str) -> dict:
    """The hidden fields of the form at `url` as the page renders them (tokens a later issue
    adds, for instance), to merge into a POST. The CSRF token is left out: the test client does
    not check it."""
    html = client.get(url).content.decode()
    fields = {}
    for tag in _HIDDEN.findall(html):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("type") == "hidden" and attrs.get("name") != "csrfmiddlewaretoken":
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


def signup_post(*, organisation, **overrides) -> dict:
    """A sign-up that the form accepts (`organisation`: an Organisation of the site's health
    community, or None for "other organisation")."""
    data = {
        "name": "Kari Nordmann",
        "email": "kari@example.org",
        "phone": "",
        "organisation": str(organisation.pk) if organisation else "other",
        "organisation_other": "" if organisation else "Frivillig lag",
        "job_title": "Kommuneoverlege",
        "kind": "participant",
        "dietary_needs": "",
        "accessibility_needs": "",
        "consent": "on",
        **guard_fields(),  # the honeypot left empty, a form shown a minute ago
    }
    return {**data, **overrides}


def manage_post(*, organisation, **overrides) -> dict:
    """A change of details on the private manage page that the form accepts."""
    data = signup_post(organisation=organisation)
    for only_at_signup in ("email", "kind", "consent"):
        data.pop(only_at_signup)
    return {**data, "action": "update", **overrides}


def client_addresses():
    """A new client address for each request (10.0.0.1, 10.0.0.2, …), so that a fuzzer's many
    posts test the form rather than the rate limit per client (tested on its own)."""
    n = 0
    while True:
        n += 1
        yield f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def language_post(**overrides) -> dict:
    """The language switch at /sprak/ (a GET from the header; a POST works too)."""
    return {"language": "nb", "next": "/", **overrides}
