"""Abuse of the public sign-up, as the issue's probe tried it: one client posting sign-up after
sign-up is stopped by the rate limit with a 429 page in the site's language, bots are caught by
the honeypot and the minimum fill time, and nothing of a refused post is saved."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from samhandling.core.form_guard import HONEYPOT_FIELD, STAMP_FIELD, form_stamp
from samhandling.events.models import Registration
from samhandling.events.services import registration_create
from tests.conftest import HN_HOST, MR_HOST
from tests.form_guard import guard_fields

from .factories import event, series
from .test_views import client, form_data

pytestmark = pytest.mark.django_db

PROBE = 300


def plain(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_one_client_posting_300_sign_ups_is_stopped_after_the_limit_and_nothing_more_is_saved(
    demo, settings
):
    """The probe: 300 sign-ups with addresses of the client's choosing, as fast as it can."""
    conference = event(series(max_per_organisation=None), capacity=500)
    url = reverse("events:signup", args=[conference.pk])
    visitor = client()
    statuses = []
    started = time.monotonic()
    for n in range(PROBE):
        response = visitor.post(url, form_data(email=f"bot-{n}@example.org", name=f"Bot {n}"))
        statuses.append(response.status_code)
    seconds = time.monotonic() - started
    allowed = settings.SAMHANDLING_RATE_LIMITS["signup"]["client"].split(",")[0]  # "10/m"
    per_minute = int(allowed.split("/")[0])
    saved = Registration.objects.filter(event=conference).count()
    print(
        f"\none client, {PROBE} sign-ups in {seconds:.1f} s: {saved} saved, "
        f"{statuses.count(429)} answered 429"
    )
    assert statuses[:per_minute] == [302] * per_minute
    assert set(statuses[per_minute:]) == {429}
    assert saved == per_minute  # the sign-ups one client can make in a minute
    last = visitor.post(url, form_data(email="one-more@example.org"))
    assert last.status_code == 429
    # Past 60 posts the hourly limit is used up too: the wait is the longer of the two.
    assert 1 <= int(last["Retry-After"]) <= 3600
    text = plain(last)
    assert "Too many attempts" in text and "Nothing was saved." in text
    assert re.search(r"Try again in \d+ (seconds?|minutes?)\.", text)
    assert not Registration.objects.filter(email="one-more@example.org").exists()


def test_the_429_page_speaks_the_sites_language(demo):
    conference = event(series(max_per_organisation=None), capacity=50)
    url = reverse("events:signup", args=[conference.pk])
    bokmal = client(language=None)  # Helse Nord: bokmål by default
    for n in range(10):
        bokmal.post(url, form_data(email=f"nb-{n}@example.org"))
    response = bokmal.post(url, form_data(email="nb-x@example.org"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60  # the minute's window
    assert "For mange forsøk" in plain(response) and '<html lang="nb"' in response.content.decode()
    nynorsk = client(language="nn")
    nynorsk.defaults["REMOTE_ADDR"] = "127.0.0.1"  # the same client: its limit is used up
    response = nynorsk.post(url, form_data(email="nn-x@example.org"))
    assert response.status_code == 429 and "For mange forsøk" in plain(response)
    assert "Prøv igjen om" in plain(response) or "Prøv att om" in plain(response)


def test_one_address_is_limited_whichever_client_sends_it(demo):
    """Ten posts an hour per e-mail address, from as many clients as one likes."""
    conference = event(series(), capacity=50)
    url = reverse("events:signup", args=[conference.pk])
    statuses = [
        Client(HTTP_HOST=HN_HOST, REMOTE_ADDR=f"10.0.0.{n}")
        .post(url, form_data(email="Offer@Example.org"))
        .status_code
        for n in range(11)
    ]
    assert statuses[0] == 302 and set(statuses[1:10]) == {409}  # already signed up
    assert statuses[10] == 429
    other = Client(HTTP_HOST=HN_HOST, REMOTE_ADDR="10.0.1.1").post(
        url, form_data(email="someone-else@example.org")
    )
    assert other.status_code == 302


def test_the_manage_link_and_the_language_switch_are_rate_limited(demo):
    conference = event(series(), capacity=50)
    outcome = registration_create(
        event=conference, name="Ola", email="ola@example.org", consent=True, language="en"
    )
    link = f"/p/{outcome.token}/"
    statuses = [
        Client(HTTP_HOST=HN_HOST, REMOTE_ADDR=f"10.0.2.{n}")
        .post(link, {"action": "update", **guard_fields()})
        .status_code
        for n in range(21)
    ]
    assert 429 not in statuses[:20] and statuses[20] == 429  # 20 a minute per link
    switch = client()
    answers = [switch.post("/sprak/", {"language": "nb", "next": "/"}) for _n in range(31)]
    assert {a.status_code for a in answers[:30]} == {302}
    assert answers[30].status_code == 429 and answers[30]["Retry-After"]
    assert "For mange forsøk" in plain(answers[30])  # the language it switched to


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (lambda: {HONEYPOT_FIELD: "https://spam.example"}, "people cannot see"),
        (lambda: {STAMP_FIELD: form_stamp()}, "faster than a person"),
        (lambda: {STAMP_FIELD: ""}, "We could not check when the form was opened"),
        (lambda: {STAMP_FIELD: form_stamp(shown_at=time.time() - 60)[:-2] + "xx"}, "not check"),
        (lambda: {STAMP_FIELD: form_stamp(shown_at=time.time() - 3 * 86400)}, "too long ago"),
    ],
    ids=["honeypot", "too-fast", "no-stamp", "forged-stamp", "stale-stamp"],
)
def test_a_bot_like_sign_up_is_refused_with_a_message_and_nothing_is_saved(demo, fields, message):
    conference = event(series(), capacity=50)
    response = client().post(reverse("events:signup", args=[conference.pk]), form_data(**fields()))
    assert response.status_code == 400
    text = plain(response)
    assert "Your form was not sent" in text and message in text and "Nothing was saved." in text
    assert not Registration.objects.filter(event=conference).exists()
    # The same on the event page itself, which takes the form too.
    assert client().post(conference.url, form_data(**fields())).status_code == 400
    assert not Registration.objects.filter(event=conference).exists()


def test_the_form_carries_a_signed_time_and_a_honeypot_hidden_from_everyone(demo):
    conference = event(series(), capacity=50)
    html = client().get(reverse("events:signup", args=[conference.pk])).content.decode()
    assert re.search(rf'name="{STAMP_FIELD}" value="[^"]+:[^"]+"', html)
    honeypot = re.search(r'<div class="form-guard" aria-hidden="true">.*?</div>', html, re.S)
    assert honeypot, html
    assert 'tabindex="-1"' in honeypot.group(0) and 'autocomplete="off"' in honeypot.group(0)
    assert "style=" not in honeypot.group(0)  # hidden by the stylesheet (a strict CSP is coming)
    css = open("samhandling/static/css/samhandling.css", encoding="utf-8").read()  # noqa: SIM115
    assert ".form-guard { display: none; }" in css


def test_a_private_link_works_only_on_the_host_of_its_own_site(demo):
    conference = event(series(), capacity=50)  # on Helse Nord
    outcome = registration_create(
        event=conference, name="Ola", email="ola@example.org", consent=True, language="en"
    )
    link = f"/p/{outcome.token}/"
    assert Client(HTTP_HOST=HN_HOST).get(link).status_code == 200
    elsewhere = Client(HTTP_HOST=MR_HOST)
    assert elsewhere.get(link).status_code == 404
    cancel = {"action": "cancel", "confirmed": "1", **guard_fields()}
    assert elsewhere.post(link, cancel).status_code == 404
    assert Registration.objects.get(pk=outcome.registration.pk).status == "confirmed"


def test_the_manage_page_takes_a_button_pressed_after_a_second_but_not_at_once(demo, settings):
    """Its forms are one button or fields already filled in: one second, not three."""
    assert settings.FORM_GUARD_MIN_SECONDS == 3
    conference = event(series(), capacity=50)
    outcome = registration_create(
        event=conference, name="Ola", email="ola@example.org", consent=True, language="en"
    )
    link = f"/p/{outcome.token}/"
    at_once = {"action": "cancel", **guard_fields(seconds_ago=0.1)}
    assert client().post(link, at_once).status_code == 400
    after_a_second = {"action": "cancel", **guard_fields(seconds_ago=1.5)}
    asked = client().post(link, after_a_second)
    assert asked.status_code == 200 and "Cancel your sign-up?" in asked.content.decode()
