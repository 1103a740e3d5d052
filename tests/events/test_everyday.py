"""The secretariat's everyday work and what a participant meets: a refusal that reads as one, the
private link on the receipt, cancelling with one confirmation, telling everyone that an event is
cancelled, messages of the secretariat's own, and the quota board's filters and bars."""

import re
import uuid

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.core.signing import get_cookie_signer
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from samhandling.events.models import Broadcast, OutboxMessage, Registration
from samhandling.events.notices import broadcast_send, event_notify_cancellation
from samhandling.events.selectors import broadcast_recipients
from samhandling.events.services import RegistrationRefused
from samhandling.events.views import RECEIPT_COOKIE, RECEIPT_COOKIE_SALT
from samhandling.events.wagtail_hooks import offer_change_notification
from samhandling.organisations.models import Organisation
from tests.events.test_views import main_of  # the page without its footer form
from tests.form_guard import guard_fields

from .factories import ALTA, BODO, TROMSO, event, kommune, series
from .test_secretariat import _publish_as, _request
from .test_services import sign_up
from .test_views import client, demo_event, form_data

pytestmark = pytest.mark.django_db

HN_CONTACT = "samhandling@helse-nord.helsefellesskap.example"


@pytest.fixture
def admin_client(admin_client, demo):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


# A refusal reads as a refusal


def test_an_organisation_whose_places_are_taken_gets_a_refusal_with_what_to_do(demo):
    upcoming = demo_event("dialogkonferanse-tromso")  # Tromsø kommune has its two already
    response = client().post(upcoming.url, form_data(organisation=str(kommune(TROMSO).pk)))
    text = response.content.decode()
    assert response.status_code == 409
    assert "<title>Not signed up: " in text
    assert "We could not sign you up" in text and "What you can do" in text
    assert "Tromsø already has 2 participants" in text
    assert f'href="mailto:{HN_CONTACT}"' in text  # contact the secretariat
    assert "See the other events" in text
    assert "Please correct the following" not in text and 'id="form-errors"' not in text
    # A small page without the form, linking back to it to correct a mistake.
    assert f'href="{reverse("events:signup", args=[upcoming.pk])}"' in text
    assert "Back to the form" in text and 'name="email"' not in main_of(text)


def test_an_organisation_that_chose_the_other_event_is_pointed_to_it(demo):
    bodo = demo_event("dialogkonferanse-bodo")  # Alta has chosen Tromsø
    tromso = demo_event("dialogkonferanse-tromso")
    response = client().post(bodo.url, form_data(organisation=str(kommune(ALTA).pk)))
    text = response.content.decode()
    assert response.status_code == 409 and "We could not sign you up" in text
    link = re.search(r'<a class="ds-link" href="([^"]+)">Go to ([^<]+), the event', text)
    assert link and link.group(2) == tromso.title
    assert link.group(1).endswith(tromso.url.split("localhost", 1)[-1])
    assert not Registration.objects.filter(email="kari@example.org").exists()


def test_a_sign_up_sent_after_the_event_is_refused_without_a_form(demo):
    past = demo_event("dialogkonferanse-i-tromso-med-kommuner")
    response = client().post(reverse("events:signup", args=[past.pk]), form_data())
    text = response.content.decode()
    assert response.status_code == 409
    assert "We could not sign you up" in text
    assert "This event has already taken place." in text
    assert "See the other events" in text and 'name="email"' not in main_of(text)


def test_a_second_sign_up_with_the_same_address_points_to_the_private_link(demo):
    conference = event()
    assert client().post(conference.url, form_data()).status_code == 302
    again = client().post(conference.url, form_data()).content.decode()
    assert "We could not sign you up" in again
    assert "Use the private link in the e-mail we sent you" in again


# The receipt and the private link


def test_the_receipt_shows_the_private_link_that_works(demo):
    conference = event()
    visitor = client()
    response = visitor.post(reverse("events:signup", args=[conference.pk]), form_data())
    assert response.status_code == 302
    receipt = visitor.get(reverse("events:receipt")).content.decode()
    assert "Your private link" in receipt
    link = re.search(r'href="(http://[^"]+/p/[^"]+/)"', receipt).group(1)
    manage = client().get(link.split("localhost", 1)[1])
    assert manage.status_code == 200 and "Kari Nordmann" in manage.content.decode()


def test_a_receipt_cookie_with_another_token_shows_no_link(demo):
    conference = event()
    visitor = client()
    visitor.post(reverse("events:signup", args=[conference.pk]), form_data())
    registration = Registration.objects.get(event=conference)
    signer = get_cookie_signer(salt=RECEIPT_COOKIE + RECEIPT_COOKIE_SALT)
    visitor.cookies[RECEIPT_COOKIE] = signer.sign(f"{registration.pk}:not-the-token")
    receipt = visitor.get(reverse("events:receipt")).content.decode()
    assert "You are signed up" in receipt  # the id is signed, so the receipt is shown …
    assert "Your private link" not in receipt and "/p/" not in receipt  # … but no link


def test_cancelling_from_the_private_link_asks_once(demo):
    conference = event()
    outcome = registration_create_for(conference)
    url = f"/p/{outcome.token}/"
    asked = client().post(url, {"action": "cancel", **guard_fields()})
    text = asked.content.decode()
    assert asked.status_code == 200 and "Cancel your sign-up?" in text
    assert 'name="confirmed" value="1"' in text and f'href="{url}"' in text  # or keep it
    assert Registration.objects.get(pk=outcome.registration.pk).status == "confirmed"
    done = client().post(url, {"action": "cancel", "confirmed": "1", **guard_fields()})
    assert done.status_code == 302
    assert Registration.objects.get(pk=outcome.registration.pk).status == "cancelled"


def registration_create_for(conference):
    from samhandling.events.services import registration_create

    return registration_create(
        event=conference, name="Ola Nordmann", email="ola@example.org", consent=True, language="en"
    )


# Telling everyone that an event is cancelled


def test_publishing_a_cancelled_event_offers_to_tell_everyone_signed_up(admin_client):
    conference = event(capacity=5)
    sign_up(conference, 1)
    sign_up(conference, 2)
    conference.cancelled = True
    conference = _publish_as(admin_client.user, conference)
    request = _request(admin_client.user)
    offer_change_notification(request, conference)
    (message,) = list(get_messages(request))
    assert reverse("events_event_notify_cancelled", args=[conference.pk]) in str(message)
    assert "Tell 2 participants that it is cancelled" in str(message)
    assert not OutboxMessage.objects.filter(kind="event_cancelled").exists()  # not until asked


def test_confirming_tells_each_participant_once_with_a_cancelled_calendar_entry(
    admin_client, django_capture_on_commit_callbacks
):
    conference = event(capacity=5)
    sign_up(conference, 1)
    sign_up(conference, 2)
    url = reverse("events_event_notify_cancelled", args=[conference.pk])
    assert "not cancelled" in admin_client.get(url).content.decode()
    with pytest.raises(RegistrationRefused):
        event_notify_cancellation(event=conference)
    edit = reverse("wagtailadmin_pages:edit", args=[conference.pk])
    assert url not in admin_client.get(edit).content.decode()
    conference.cancelled = True
    conference = _publish_as(admin_client.user, conference)
    assert url in admin_client.get(edit).content.decode()  # also offered on the cancelled event
    page = admin_client.get(url).content.decode()
    assert "Tell 2 participants" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url).status_code == 302
        admin_client.post(url)  # confirmed twice: nobody is told twice
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deltakar1@example.org",
        "deltakar2@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject.startswith("Cancelled: ") and "is cancelled" in message.body
    (name, ics, _type) = message.attachments[0]
    assert "STATUS:CANCELLED" in ics
    assert "Everyone signed up has been told." in admin_client.get(url).content.decode()


# The secretariat's own message


def test_a_series_message_goes_once_to_each_address_after_commit(
    demo, django_capture_on_commit_callbacks
):
    dialogue = series(max_per_organisation=None, one_event_per_organisation=False)
    tromso, bodo = event(dialogue), event(dialogue, days=34)
    sign_up(tromso, 1)
    sign_up(bodo, 1)  # the same person at both events
    sign_up(bodo, 2)
    cancelled = sign_up(bodo, 3).registration
    Registration.objects.filter(pk=cancelled.pk).update(status="cancelled")
    assert len(broadcast_recipients(page=dialogue)) == 2
    assert len(broadcast_recipients(page=bodo)) == 2
    mail.outbox.clear()
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = broadcast_send(page=dialogue, subject="Parkering", body="Bruk P-hus sør.", key=key)
    assert sent == 2 and not mail.outbox  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deltakar1@example.org",
        "deltakar2@example.org",
    ]
    assert all(m.subject == "Parkering" and "Bruk P-hus sør." in m.body for m in mail.outbox)
    assert broadcast_send(page=dialogue, subject="Parkering", body="Igjen", key=key) == 0
    assert OutboxMessage.objects.filter(kind="broadcast").count() == 2


def test_the_message_screen_counts_previews_and_sends(
    admin_client, django_capture_on_commit_callbacks
):
    conference = event()
    sign_up(conference, 1, kommune(BODO), language="nn")
    sign_up(conference, 2, kommune(TROMSO))
    url = reverse("events_broadcast", args=[conference.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[conference.pk]))
    assert url in edit.content.decode()  # offered on the event
    page = admin_client.get(url)
    assert "goes to 2 participants" in page.content.decode()
    key = page.context_data["form"].initial["key"]
    assert page.context_data["form"].initial["language"] == "nb"  # Helse Nord's default
    data = {"language": "nb", "subject": "Ny sal", "body": "Vi er i sal 2.", "key": str(key)}

    empty = admin_client.post(url, {**data, "body": "", "action": "preview"})
    assert empty.status_code == 400 and not Broadcast.objects.exists()
    preview = admin_client.post(url, {**data, "action": "preview"}).content.decode()
    assert "Preview" in preview and "Vi er i sal 2." in preview
    assert "Hei, Deltakar 1!" in preview  # as the first recipient gets it (Bodø: bokmål)
    assert "(language: Norwegian Bokmal)" in preview
    assert "Send to 2 participants" in preview and not Broadcast.objects.exists()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = admin_client.post(url, {**data, "action": "send"})
        again = admin_client.post(url, {**data, "action": "send"})  # a double click
    assert sent.status_code == 302 and again.status_code == 302
    assert len(mail.outbox) == 2
    broadcast = Broadcast.objects.get()
    assert (broadcast.recipients, broadcast.created_by) == (2, admin_client.user)
    assert "already been sent" in str(list(get_messages(again.wsgi_request))[-1])
    assert "Ny sal" in admin_client.get(url).content.decode()  # listed as sent before


def test_a_message_written_in_both_standards_reaches_each_in_its_own(
    admin_client, django_capture_on_commit_callbacks
):
    conference = event()
    sign_up(conference, 1, kommune("1520"))  # Ørsta: nynorsk
    sign_up(conference, 2, kommune(BODO))  # bokmål
    sign_up(conference, 3, kommune("1506"), language="en")  # Molde, neutral, used English
    url = reverse("events_broadcast", args=[conference.pk])
    data = {
        "key": str(uuid.uuid4()),
        "language": "nb",
        "subject": "Ny sal",
        "body": "Vi er i sal 2.\nVelkommen!",
        "other_subject": "Ny sal (nynorsk)",
        "other_body": "Vi er i sal 2.\nVelkomen!",
    }
    preview = admin_client.post(url, {**data, "action": "preview"})
    groups = {item["message"].subject: item["count"] for item in preview.context_data["preview"]}
    assert groups == {"Ny sal": 2, "Ny sal (nynorsk)": 1}
    # The preview's form carries both texts, line breaks and all, to the send button.
    form = re.findall(
        r'<input type="hidden" name="(\w+)" value="([^"]*)"', preview.content.decode()
    )
    carried = dict(form)
    assert carried["other_body"] == "Vi er i sal 2.\nVelkomen!" and carried["language"] == "nb"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {**carried, "action": "send"})
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["deltakar1@example.org"].subject == "Ny sal (nynorsk)"
    assert "Velkomen!" in by_address["deltakar1@example.org"].body
    assert "Hei, Deltakar 1!" in by_address["deltakar1@example.org"].body
    assert by_address["deltakar2@example.org"].subject == "Ny sal"
    assert "Velkommen!" in by_address["deltakar2@example.org"].body
    assert "Velkommen!" in by_address["deltakar3@example.org"].body  # English: the main text
    assert "Hello Deltakar 3," in by_address["deltakar3@example.org"].body


def test_the_message_screen_is_for_events_and_series_only_and_for_the_secretariat(
    admin_client, demo
):
    conference = event()
    other_page = conference.get_parent()
    assert admin_client.get(reverse("events_broadcast", args=[other_page.pk])).status_code == 404
    assert Client().get(reverse("events_broadcast", args=[conference.pk])).status_code == 302


# The quota board


def test_the_quota_board_filters_by_kind_and_draws_the_shares(admin_client):
    dialogue = series(max_per_organisation=2)
    tromso, bodo = event(dialogue), event(dialogue, days=34)
    sign_up(tromso, 1, kommune(TROMSO))
    sign_up(bodo, 2, kommune(BODO))
    trust = Organisation.objects.get(name="Universitetssykehuset Nord-Norge HF")
    sign_up(tromso, 3, trust)
    url = reverse("events_series_quota", args=[dialogue.pk])

    board = admin_client.get(url)
    rows = board.context_data["rows"]
    kinds = dict(board.context_data["kinds"])
    assert "kommune" in kinds and "helseforetak" in kinds
    municipalities = admin_client.get(url, {"kind": "kommune"})
    m_rows = municipalities.context_data["rows"]
    assert all(row["organisation"].kind == "kommune" for row in m_rows)
    assert trust.pk not in {row["organisation"].pk for row in m_rows}
    assert len(m_rows) < len(rows)
    shares = municipalities.context_data["shares"]
    assert (shares["series"], shares["total"]) == (2, len(m_rows))
    assert [count for _event, count in shares["events"]] == [1, 1]
    text = municipalities.content.decode()
    total = len(m_rows)
    percent = round(200 / total)
    assert f"2 of {total} ({percent}%)" in text  # the figures in text beside the bar
    assert 'aria-hidden="true"' in text and "<svg" in text
    trusts = admin_client.get(url, {"kind": "helseforetak"}).context_data["shares"]
    assert trusts["series"] == 1

    unknown = admin_client.get(url, {"kind": "nonsense"})
    assert unknown.status_code == 200 and len(unknown.context_data["rows"]) == len(rows)
    csv_text = admin_client.get(url, {"kind": "kommune", "export": "csv"}).content.decode()
    assert trust.name not in csv_text and "Tromsø" in csv_text


def test_the_quota_board_links_to_the_series_sign_ups_and_uses_the_display_name(admin_client):
    dialogue = series()
    tromso = event(dialogue)
    kafjord = kommune("5540")
    sign_up(tromso, 1, kafjord)
    url = reverse("events_series_quota", args=[dialogue.pk])
    text = admin_client.get(url).content.decode()
    listing = reverse("wagtailsnippets_events_registration:list")
    assert f'href="{listing}?series={dialogue.pk}"' in text
    # The name links to Kåfjord's public page on the series' site, its Sámi name in Sámi.
    assert re.search(
        r'<th scope="row"><a class="" href="http://[^"]+/organisasjonar/\d+-kafjord/">'
        r'Kåfjord – <span lang="se">Gáivuotna</span></a></th>',
        text,
    ), text[text.find("<tbody>") : text.find("<tbody>") + 600]
    filtered = admin_client.get(listing, {"series": dialogue.pk})
    assert filtered.status_code == 200 and "Kåfjord – Gáivuotna" in filtered.content.decode()


@pytest.mark.parametrize(("language", "heading"), [("nn", "Organisasjon"), ("nb", "Organisasjon")])
def test_the_organisation_column_of_the_registrations_is_translated(
    admin_client, language, heading
):
    sign_up(event(), 1, kommune(TROMSO))
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    profile = UserProfile.get_for_user(admin_client.user)
    profile.preferred_language = language
    profile.save()
    text = admin_client.get(reverse("wagtailsnippets_events_registration:list")).content.decode()
    assert "Organisation name" not in text
    assert re.search(rf"<th[^>]*>\s*(<a[^>]*>)?\s*{heading}\b", text)
