"""The sign-up page of its own (/arrangement/<id>/pamelding/): where the event page's form is
sent, and where a refusal or a mistake is shown again; and the receipt, found through a signed
cookie rather than a session."""

import re
from urllib.parse import urlparse

import pytest
from django.urls import reverse

from samhandling.events.models import Registration
from samhandling.events.views import RECEIPT_COOKIE
from tests.conftest import MR_HOST

from .factories import TROMSO, event, kommune, series
from .test_views import client, demo_event, form_data, main_of

pytestmark = pytest.mark.django_db

FORM_ACTION = re.compile(r'<form method="post" action="([^"#]*)[^"]*" class="event-form"')


def _action(html: str) -> str:
    match = FORM_ACTION.search(html)
    assert match, "the page has no sign-up form"
    return match.group(1)


def test_the_event_page_links_to_the_sign_up_page_with_its_form(demo):
    conference = event(series(), capacity=20)
    visitor = client()
    event_page = visitor.get(conference.url).content.decode()
    action = reverse("events:signup", args=[conference.pk])
    # No form on the event page (it sets no cookie and can be cached): a link to the form.
    assert FORM_ACTION.search(event_page) is None
    assert f'class="ds-button signup__link" data-variant="primary" href="{action}"' in event_page
    assert "20 seats left." in event_page

    page = visitor.get(action)
    text = page.content.decode()
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex"
    # The English interface around the event's own (bokmål) title, tagged with its language.
    assert (
        f'<h1 class="ds-heading" data-size="xl">Sign up for <span lang="nb">{conference.title}'
        "</span></h1>"
    ) in text
    assert _action(text) == action  # the form is shown again here, sent to the same place
    assert 'aria-current="page">Sign up</a>' in text  # the last breadcrumb
    assert f'href="{urlparse(conference.url).path}"' in text  # back to the event


def test_a_sign_up_sent_to_the_sign_up_page_gets_a_receipt_in_this_browser_only(demo):
    conference = event(series(), capacity=20)
    visitor = client()
    response = visitor.post(reverse("events:signup", args=[conference.pk]), form_data())
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("events:receipt")
    )
    cookie = response.cookies[RECEIPT_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == reverse("events:receipt")

    receipt = visitor.get(reverse("events:receipt"))
    assert "You are signed up" in receipt.content.decode()
    assert "kari@example.org" in receipt.content.decode()
    assert "no-store" in receipt["Cache-Control"]

    # Another browser, or a cookie someone has changed to another sign-up's id, shows nothing.
    stranger = client()
    assert "kari@example.org" not in stranger.get(reverse("events:receipt")).content.decode()
    other = Registration.objects.get(event=conference)
    stranger.cookies[RECEIPT_COOKIE] = str(other.pk)
    text = stranger.get(reverse("events:receipt")).content.decode()
    assert "kari@example.org" not in text
    assert "We cannot show the receipt in this browser" in text


def test_a_refusal_is_shown_on_the_sign_up_page_with_the_reason(demo):
    upcoming = demo_event("dialogkonferanse-tromso")  # Tromsø kommune has its two already
    action = reverse("events:signup", args=[upcoming.pk])
    response = client().post(action, form_data(organisation=str(kommune(TROMSO).pk)))
    text = response.content.decode()
    assert response.status_code == 409
    assert "Tromsø already has 2 participants" in text
    # A refusal, not an error to correct in the form.
    assert "We could not sign you up" in text and 'id="form-errors"' not in text
    # A small page: the reason and a way back to the form, not the form again.
    assert f'href="{action}"' in text and "Back to the form" in text
    assert 'name="email"' not in main_of(text) and "<select" not in text
    assert "Del 1" not in text  # the program stays on the event page
    assert not Registration.objects.filter(email="kari@example.org").exists()


def test_bad_input_on_the_sign_up_page_saves_nothing(demo):
    conference = event()
    action = reverse("events:signup", args=[conference.pk])
    response = client().post(action, form_data(email="not-an-email", name="<b>x</b>"))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in text and "cannot contain HTML tags" in text
    assert not Registration.objects.filter(event=conference).exists()


def test_a_past_event_sign_up_page_says_why_and_has_no_form(demo):
    past = demo_event("dialogkonferanse-i-tromso-med-kommuner")
    before = Registration.objects.filter(event=past).count()  # the demo's participants
    action = reverse("events:signup", args=[past.pk])
    page = client().get(action)
    assert page.status_code == 200
    text = page.content.decode()
    assert "This event has taken place." in text and 'name="email"' not in main_of(text)
    posted = client().post(action, form_data())
    assert posted.status_code == 409
    assert Registration.objects.filter(event=past).count() == before


def test_unknown_unpublished_or_other_sites_events_have_no_sign_up_page(demo):
    assert client().get(reverse("events:signup", args=[999999])).status_code == 404
    draft = event()
    draft.unpublish()
    assert client().get(reverse("events:signup", args=[draft.pk])).status_code == 404
    assert client().post(reverse("events:signup", args=[draft.pk]), form_data()).status_code == 404
    # A Helse Nord event is not reachable through the Møre og Romsdal site.
    other_site = client()
    other_site.defaults["HTTP_HOST"] = MR_HOST
    hn_event = demo_event("dialogkonferanse-tromso")
    assert other_site.get(reverse("events:signup", args=[hn_event.pk])).status_code == 404
    assert not Registration.objects.filter(event=draft).exists()
