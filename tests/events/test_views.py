"""What a visitor sees: event pages with their state, the sign-up form and its messages, the
receipt, the private manage page and the calendar files."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from samhandling.events.models import EventPage, EventSeriesPage, Registration
from samhandling.events.selectors import registration_for_token
from samhandling.events.services import registration_create
from tests.conftest import HN_HOST
from tests.form_guard import guard_fields

from .factories import ALTA, BODO, TROMSO, event, kommune, series

pytestmark = pytest.mark.django_db


def client(language="en") -> Client:
    visitor = Client(HTTP_HOST=HN_HOST)
    if language:
        visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return visitor


def main_of(text: str) -> str:
    """The page's main content, without the layout (whose footer has a newsletter form with an
    e-mail field of its own)."""
    return text.split('id="main"', 1)[-1].split("</main>", 1)[0]


def form_data(**overrides) -> dict:
    data = {
        "name": "Kari Nordmann",
        "email": "kari@example.org",
        "phone": "",
        "organisation": str(kommune(ALTA).pk),
        "organisation_other": "",
        "job_title": "Kommuneoverlege",
        "kind": "participant",
        "dietary_needs": "",
        "accessibility_needs": "",
        "consent": "on",
        **guard_fields(),
    }
    return {**data, **overrides}


def demo_event(slug: str) -> EventPage:
    return EventPage.objects.get(slug=slug, url_path__startswith="/helse-nord/")


def test_the_tromso_conference_of_2023_is_shown_as_past_with_its_program(demo):
    html = client(None).get(demo_event("dialogkonferanse-i-tromso-med-kommuner").url)
    text = html.content.decode()
    assert html.status_code == 200
    assert "Radisson Blu" in text and "Del 1 Status for arbeidet" in text
    assert "pause med kaffe og noe å bite i" in text
    assert "Med forbehold om endringer i programmet." in text
    assert 'data-color="neutral"' in text and "event-state--past" in text
    assert 'name="email"' not in main_of(text)  # no sign-up form on a past event
    assert ">Passert</span>" in text  # the site speaks bokmål
    assert "25. oktober 2023" in text  # the deadline is still shown
    # The old address of the conference (a plain page before) still works.
    old = client(None).get("/arrangementer/dialogkonferanse-i-tromso-med-kommuner/")
    assert old.status_code == 200 and 'rel="canonical"' in old.content.decode()


def test_the_series_and_the_index_list_events_and_offer_the_calendar_feed(demo):
    autumn = EventSeriesPage.objects.get(slug="dialogkonferanser-hosten-2023")
    text = client().get(autumn.url).content.decode()
    assert "Dialogkonferanse i Tromsø med kommuner" in text and "Past" in text
    index = client().get("/arrangementer/").content.decode()
    assert "webcal://helse-nord.localhost/arrangement/kalender.ics" in index
    assert "Dialogkonferanse i Bodø" in index


def test_the_home_page_lists_the_next_events(demo):
    text = client().get("/").content.decode()
    assert "Dialogkonferanse i Tromsø" in text


def test_sign_up_from_the_event_page_shows_a_receipt_and_mails_the_link(
    demo, django_capture_on_commit_callbacks
):
    conference = event(series(), capacity=20)
    visitor = client()
    page = visitor.get(conference.url).content.decode()
    signup_url = reverse("events:signup", args=[conference.pk])
    assert "Open for sign-up" in page and f'href="{signup_url}"' in page
    assert 'name="email"' in visitor.get(signup_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(signup_url, form_data())
    assert response.status_code == 302
    receipt = visitor.get(response["Location"]).content.decode()
    assert "You are signed up" in receipt and "kari@example.org" in receipt
    registration = Registration.objects.get(event=conference)
    assert registration.organisation == kommune(ALTA)
    (message,) = mail.outbox
    assert "/p/" in message.body and message.attachments


def test_a_double_submission_makes_one_sign_up_and_says_so(demo):
    conference = event()
    visitor = client()
    assert visitor.post(conference.url, form_data()).status_code == 302
    again = visitor.post(conference.url, form_data())
    assert again.status_code == 409
    assert "already signed up" in again.content.decode()
    assert Registration.objects.filter(event=conference).count() == 1


def test_the_organisation_cap_is_explained_on_the_page(demo):
    upcoming = demo_event("dialogkonferanse-tromso")  # Tromsø kommune has its two already
    response = client().post(upcoming.url, form_data(organisation=str(kommune(TROMSO).pk)))
    text = response.content.decode()
    assert response.status_code == 409
    assert "Tromsø already has 2 participants" in text
    bodo = demo_event("dialogkonferanse-bodo")  # one event per organisation
    response = client().post(bodo.url, form_data(organisation=str(kommune(ALTA).pk)))
    assert "Dialogkonferanse i Tromsø" in response.content.decode()
    assert not Registration.objects.filter(email="kari@example.org").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"organisation": "999999"}, "Select a valid choice."),
        ({"organisation": "other", "organisation_other": ""}, "Write the name of your"),
        ({"name": "x" * 10_000}, "at most 200 characters"),
        ({"dietary_needs": "y" * 10_000}, "at most 1000 characters"),
        ({"name": "<script>alert(1)</script>"}, "cannot contain HTML tags"),
        ({"consent": ""}, "Tick the box to agree"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(demo, overrides, message):
    conference = event()
    response = client().post(conference.url, form_data(**overrides))
    text = response.content.decode()
    assert response.status_code == 400
    assert message in text
    assert 'id="form-errors"' in text
    assert "<script>alert(1)</script>" not in text
    assert not Registration.objects.filter(event=conference).exists()


def test_another_organisation_by_name_is_accepted(demo):
    conference = event()
    response = client().post(
        conference.url, form_data(organisation="other", organisation_other="Nordlys")
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=conference)
    assert (registration.organisation, registration.organisation_other) == (None, "Nordlys")


@pytest.mark.parametrize(
    ("fields", "words", "refusal"),
    [
        ({"cancelled": True}, "This event is cancelled.", "This event is cancelled."),
        ({"days": -3}, "This event has taken place.", "This event has already taken place."),
        ({"signup_deadline_days": -1}, "Sign-up closed", "Sign-up closed"),
    ],
)
def test_an_event_without_sign_up_says_why(demo, fields, words, refusal):
    import datetime

    from django.utils import timezone

    if fields.pop("signup_deadline_days", None):
        fields["signup_deadline"] = timezone.now() - datetime.timedelta(days=1)
    conference = event(**fields)
    text = client().get(conference.url).content.decode()
    assert words in text and 'name="email"' not in main_of(text)
    posted = client().post(conference.url, form_data())
    assert posted.status_code == 409 and refusal in posted.content.decode()
    assert not Registration.objects.filter(event=conference).exists()


def test_a_wrong_token_gives_a_friendly_not_found_page_in_the_sites_language(demo):
    for token in ("tull", "x" * 500, "a/b"):
        response = Client(HTTP_HOST=HN_HOST).get(f"/p/{token}/")
        assert response.status_code == 404
    response = Client(HTTP_HOST=HN_HOST).get("/p/tull/")
    text = response.content.decode()
    assert '<html lang="nb"' in text
    assert 'class="ds-heading"' in text  # the site's own page, not a bare error
    assert response["Cache-Control"] == "private, no-store"


def test_the_manage_page_shows_changes_and_cancels_the_sign_up(
    demo, django_capture_on_commit_callbacks
):
    conference = event(capacity=1)
    outcome = registration_create(
        event=conference,
        name="Ola",
        email="ola@example.org",
        consent=True,
        organisation=kommune(BODO),
        language="en",
    )
    waiting = registration_create(
        event=conference, name="Siri", email="siri@example.org", consent=True, language="en"
    ).registration
    url = f"/p/{outcome.token}/"
    visitor = client()
    page = visitor.get(url)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "same-origin"  # no-referrer would break the CSRF check
    assert "Ola" in page.content.decode() and conference.title in page.content.decode()

    changed = visitor.post(
        url,
        {**form_data(name="Ola Nordmann", organisation=str(kommune(BODO).pk)), "action": "update"},
    )
    assert changed.status_code == 302
    saved = visitor.get(changed["Location"]).content.decode()
    assert "Your changes are saved. We send you one e-mail" in saved
    assert registration_for_token(token=outcome.token).name == "Ola Nordmann"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        asked = visitor.post(url, {"action": "cancel", **guard_fields()})  # asked once to confirm
        assert asked.status_code == 200 and "Yes, cancel my sign-up" in asked.content.decode()
        assert registration_for_token(token=outcome.token).status == "confirmed"
        cancelled = visitor.post(url, {"action": "cancel", "confirmed": "1", **guard_fields()})
    assert cancelled.status_code == 302
    text = visitor.get(cancelled["Location"]).content.decode()
    assert "Your sign-up is cancelled." in text and "Cancel my sign-up" not in text
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert {m.to[0] for m in mail.outbox} == {"ola@example.org", "siri@example.org"}


def test_after_the_event_the_private_link_has_expired_and_shows_nothing(demo):
    conference = event()
    outcome = registration_create(
        event=conference, name="Ola Nordmann", email="ola@example.org", consent=True, language="en"
    )
    assert client().get(f"/p/{outcome.token}/").status_code == 200  # valid until then
    EventPage.objects.filter(pk=conference.pk).update(
        start=conference.start.replace(year=2020), end=conference.end.replace(year=2020)
    )
    page = client().get(f"/p/{outcome.token}/")
    text = page.content.decode()
    assert page.status_code == 410 and "The link has expired" in text
    assert f"{conference.title} took place" in text
    assert "Ola Nordmann" not in text and "ola@example.org" not in text
    assert "no-store" in page["Cache-Control"]
    assert (
        client().post(f"/p/{outcome.token}/", {"action": "cancel", **guard_fields()}).status_code
        == 410
    )
    assert Registration.objects.get(pk=outcome.registration.pk).status == "confirmed"


def test_each_event_has_a_calendar_file_with_a_stable_uid(demo):
    conference = demo_event("dialogkonferanse-i-tromso-med-kommuner")
    first = client().get(f"/arrangement/{conference.pk}.ics")
    assert first.status_code == 200 and first["Content-Type"].startswith("text/calendar")
    component = Calendar.from_ical(first.content).walk("VEVENT")[0]
    assert str(component["summary"]) == "Dialogkonferanse i Tromsø med kommuner"
    assert "Radisson Blu" in str(component["location"])
    assert component.decoded("dtstart").isoformat() == "2023-10-30T12:00:00+01:00"
    again = Calendar.from_ical(client().get(f"/arrangement/{conference.pk}.ics").content)
    assert again.walk("VEVENT")[0]["uid"] == component["uid"]
    # Events of another site are not served here.
    assert (
        Client(HTTP_HOST="more-og-romsdal.localhost")
        .get(f"/arrangement/{conference.pk}.ics")
        .status_code
        == 404
    )


def test_the_site_feed_has_every_event_of_the_site(demo):
    response = client().get("/arrangement/kalender.ics")
    calendar = Calendar.from_ical(response.content)
    titles = {str(c["summary"]) for c in calendar.walk("VEVENT")}
    assert {"Dialogkonferanse i Tromsø med kommuner", "Dialogkonferanse i Bodø"} <= titles
    assert len({str(c["uid"]) for c in calendar.walk("VEVENT")}) == len(titles)
