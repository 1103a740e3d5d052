"""A person asks for their data by e-mail link, sees it, downloads it and erases it."""

import json

import pytest
from django.core import mail
from django.db.models import Q
from django.utils import timezone

from samhandling.events.models import OutboxMessage, Registration
from samhandling.privacy.models import DataRequest
from tests.form_guard import guard_fields

from .helpers import EMAIL, ask_for_link, event, path_of, sign_up, visitor

pytestmark = pytest.mark.django_db


def test_the_link_in_the_email_shows_every_signup_and_downloads_it(
    demo, django_capture_on_commit_callbacks
):
    registration = sign_up(dietary_needs="Gluten-free", phone="+47 900 00 000")
    link = ask_for_link(visitor(), django_capture_on_commit_callbacks)
    assert link.startswith("http://helse-nord.localhost/personvern/innsyn/")
    assert "24 hours" in mail.outbox[-1].body

    page = visitor().get(path_of(link))
    text = page.content.decode()
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert registration.event.title in text and "Gluten-free" in text and "+47 900 00 000" in text
    assert "Alta" in text and "Confirmed" in text

    download = visitor().get(path_of(link) + "data.json")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    data = json.loads(download.content)
    [signup] = data["sources"]["registrations"]["records"]
    assert signup["dietary_needs"] == "Gluten-free" and signup["email"] == EMAIL
    assert data["sources"]["event_emails"]["records"]  # the confirmation


def test_the_form_answers_the_same_for_an_unknown_address(demo, django_capture_on_commit_callbacks):
    sign_up()
    known = visitor().post("/personvern/innsyn/", {"email": EMAIL, **guard_fields()})
    unknown = visitor().post(
        "/personvern/innsyn/", {"email": "nobody@example.org", **guard_fields()}
    )
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    receipt = visitor().get(known["Location"]).content.decode()
    assert "We are sending a private link to the address you entered" in receipt
    assert EMAIL not in receipt


def test_the_form_takes_one_email_field_and_nothing_else(demo):
    bad = visitor().post("/personvern/innsyn/", {"email": "not an address", **guard_fields()})
    assert bad.status_code == 400
    assert "Enter a valid e-mail address" in bad.content.decode()
    extra = visitor().post("/personvern/innsyn/", {"email": EMAIL, "name": "x", **guard_fields()})
    assert extra.status_code == 400
    assert "The form had fields it does not ask for." in extra.content.decode()
    assert not DataRequest.objects.exists()


def test_asking_twice_sends_one_email(demo, django_capture_on_commit_callbacks):
    client = visitor()
    assert ask_for_link(client, django_capture_on_commit_callbacks)
    assert ask_for_link(client, django_capture_on_commit_callbacks) == ""
    assert DataRequest.objects.count() == 1


def test_the_link_expires(demo, django_capture_on_commit_callbacks, settings):
    settings.PRIVACY_LINK_HOURS = 1
    link = ask_for_link(visitor(), django_capture_on_commit_callbacks)
    DataRequest.objects.update(expires=timezone.now())
    page = visitor().get(path_of(link))
    assert page.status_code == 404
    assert "The link does not work" in page.content.decode()
    assert visitor().get(path_of(link) + "data.json").status_code == 404
    assert visitor().get("/personvern/innsyn/not-a-token/").status_code == 404


def test_erasure_asks_first_then_keeps_the_seat_but_not_the_person(
    demo, django_capture_on_commit_callbacks
):
    upcoming = event(capacity=1)
    registration = sign_up(upcoming, dietary_needs="Vegan")
    link = ask_for_link(visitor(), django_capture_on_commit_callbacks)
    confirm = visitor().get(path_of(link) + "slett/")
    assert confirm.status_code == 200 and "cannot take this back" in confirm.content.decode()
    unticked = visitor().post(path_of(link) + "slett/", guard_fields())
    assert unticked.status_code == 400
    assert Registration.objects.get(pk=registration.pk).email == EMAIL

    done = visitor().post(path_of(link) + "slett/", {"confirm": "on", **guard_fields()})
    assert done.status_code == 302 and done["Location"] == "/personvern/innsyn/sletta/"
    assert "is erased" in visitor().get(done["Location"]).content.decode()
    kept = Registration.objects.get(pk=registration.pk)
    assert kept.status == "confirmed" and kept.organisation_id == registration.organisation_id
    assert kept.name == "–" and kept.email.endswith("@erased.invalid") and kept.dietary_needs == ""
    assert not OutboxMessage.objects.filter(to_email=EMAIL).exists()
    assert not DataRequest.objects.exists()
    assert visitor().get(path_of(link)).status_code == 404  # the link is gone with the data


def test_receipt_and_pages_in_nynorsk_and_bokmaal(demo, django_capture_on_commit_callbacks):
    for language, words in (("nn", "Sjå eller slett"), ("nb", "Se eller slett")):
        page = visitor(language).get("/personvern/innsyn/").content.decode()
        assert words in page
    receipt = visitor("nn").get("/personvern/innsyn/sendt/").content.decode()
    assert "Sjekk e-posten din" in receipt
    receipt = visitor("nb").get("/personvern/innsyn/sendt/").content.decode()
    assert "Sjekk e-posten din" in receipt and "timar" not in receipt


def test_a_dead_mail_server_keeps_the_request_and_the_job_sends_it_later(
    demo, django_capture_on_commit_callbacks, settings
):
    from datetime import timedelta

    from django.core.management import call_command

    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor().post("/personvern/innsyn/", {"email": EMAIL, **guard_fields()})
    assert response.status_code == 302  # the visitor sees no error
    request = DataRequest.objects.get()
    assert request.status == "failed" and request.link

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    DataRequest.objects.update(created=timezone.now() - timedelta(minutes=6))
    call_command("privacy_send_links", verbosity=0)
    request.refresh_from_db()
    assert request.status == "sent" and request.link == ""  # the link is forgotten once sent
    assert [message.to for message in mail.outbox] == [[EMAIL]]


def test_the_email_is_in_the_language_of_the_request(demo, django_capture_on_commit_callbacks):
    ask_for_link(visitor("nn"), django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert message.subject == "Personopplysningane dine hos Helse Nord"
    assert "Lenkja verkar i 24 timar" in message.body


def test_the_request_form_is_guarded_like_every_public_form(demo):
    """A bot that fills the hidden field, or sends the form at once, is refused and nothing is
    saved; the form carries the guard's fields."""
    from samhandling.privacy.models import DataRequest

    page = visitor().get("/personvern/innsyn/").content.decode()
    assert 'name="website"' in page and 'name="form_shown"' in page
    bot = visitor().post(
        "/personvern/innsyn/", {"email": EMAIL, **guard_fields(), "website": "http://spam"}
    )
    hasty = visitor().post("/personvern/innsyn/", {"email": EMAIL, **guard_fields(seconds_ago=0)})
    assert bot.status_code == hasty.status_code == 400
    assert not DataRequest.objects.exists()


def test_a_link_being_sent_is_left_alone_until_its_lease_lapses(demo, settings):
    """A retry run passes over a request another worker is sending; when that worker died (its
    lease lapsed) the next run sends the link, once."""
    from datetime import timedelta

    from django.core.management import call_command

    from samhandling.core.outbox import claim_next
    from samhandling.privacy.services import data_request_create

    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"
    request = data_request_create(email=EMAIL, base_url="http://helse-nord.localhost")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    held = claim_next(model=DataRequest, where=Q(pk=request.pk), max_attempts=5)
    assert held is not None
    call_command("privacy_send_links", verbosity=0)
    assert mail.outbox == [] and DataRequest.objects.get().status == "sending"

    DataRequest.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    call_command("privacy_send_links", verbosity=0)
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    assert not held.sent()  # the dead worker's claim is void
    request.refresh_from_db()
    assert (request.status, request.link) == ("sent", "")
