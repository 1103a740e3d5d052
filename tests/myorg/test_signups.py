"""The sign-up actions of "Min organisasjon", through the views, as a logged-in contact: sign up
a colleague within the quota (refused over it), give a seat to another person (the seat is kept,
the new person is mailed, the old one told) and cancel (the waiting list moves up)."""

import pytest
from django.core import mail

from samhandling.audit.models import AuditLogEntry
from samhandling.events.models import Registration
from samhandling.events.replacement import registration_replace
from samhandling.events.selectors import registration_for_token
from samhandling.events.services import RegistrationRefused, registration_create

from .helpers import ALTA, BODO, contact, contact_client, event, kommune, page_url, series

pytestmark = pytest.mark.django_db


def sign_up(conference, email, organisation, name="Deltakar"):
    return registration_create(
        event=conference, name=name, email=email, consent=True, organisation=organisation
    ).registration


def colleague(conference, **overrides):
    return {
        "event": conference.pk,
        "name": "Siri Kollega",
        "email": "siri@alta.example",
        "job_title": "Rådgjevar",
        "consent": "on",
        **overrides,
    }


def test_a_contact_signs_up_a_colleague_who_gets_the_confirmation(
    demo, django_capture_on_commit_callbacks
):
    user, alta = contact(ALTA)
    conference = event(series(max_per_organisation=2))
    with django_capture_on_commit_callbacks(execute=True):
        response = contact_client(user).post(f"{page_url(alta)}pamelding/", colleague(conference))
    assert response.status_code == 302 and response["Location"] == page_url(alta)
    registration = Registration.objects.get(email="siri@alta.example")
    assert registration.organisation == alta and registration.status == "confirmed"
    (message,) = mail.outbox
    assert message.to == ["siri@alta.example"] and "/p/" in message.body
    assert AuditLogEntry.objects.filter(
        action="samhandling.registration.create", user=user, object_id=str(registration.pk)
    ).exists()
    page = contact_client(user).get(page_url(alta)).content.decode()
    assert "Siri Kollega" in page and "1 of 2 places used, 1 left." in page


def test_a_colleague_over_the_quota_is_refused_with_the_rules_message(demo):
    user, alta = contact(ALTA)
    conference = event(series(max_per_organisation=1))
    sign_up(conference, "first@alta.example", alta)
    response = contact_client(user).post(f"{page_url(alta)}pamelding/", colleague(conference))
    assert response.status_code == 400
    text = response.content.decode()
    assert "which is as many as each organisation may send" in text
    assert not Registration.objects.filter(email="siri@alta.example").exists()


def test_an_event_not_open_for_sign_up_cannot_be_chosen(demo):
    user, alta = contact(ALTA)
    past = event(days=-3)
    response = contact_client(user).post(f"{page_url(alta)}pamelding/", colleague(past))
    assert response.status_code == 400
    assert not Registration.objects.filter(email="siri@alta.example").exists()


def test_replacing_keeps_the_seat_and_mails_both_people(demo, django_capture_on_commit_callbacks):
    user, alta = contact(ALTA)
    conference = event(series(max_per_organisation=3), capacity=1)
    sign_up(conference, "first@bodo.example", kommune(BODO))
    waiting = sign_up(conference, "ola@alta.example", alta, name="Ola Alta")
    assert waiting.status == "waiting" and waiting.position == 1
    old_hash = waiting.token_hash
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = contact_client(user).post(
            f"{page_url(alta)}pamelding/{waiting.pk}/byt/",
            {"name": "Per Ny", "email": "per@alta.example", "job_title": ""},
        )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.name, waiting.email) == ("Per Ny", "per@alta.example")
    assert (waiting.status, waiting.position, waiting.organisation) == ("waiting", 1, alta)
    assert waiting.token_hash != old_hash
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"per@alta.example", "ola@alta.example"}
    assert "/p/" in by_address["per@alta.example"].body
    token = by_address["per@alta.example"].body.split("/p/")[1].split("/")[0]
    assert registration_for_token(token=token).pk == waiting.pk
    assert "/p/" not in by_address["ola@alta.example"].body
    assert AuditLogEntry.objects.filter(
        action="samhandling.registration.replace", user=user, object_id=str(waiting.pk)
    ).exists()


def test_replacing_with_an_address_already_signed_up_is_refused(demo):
    user, alta = contact(ALTA)
    conference = event()
    first = sign_up(conference, "ola@alta.example", alta)
    sign_up(conference, "kari@alta.example", alta)
    response = contact_client(user).post(
        f"{page_url(alta)}pamelding/{first.pk}/byt/",
        {"name": "Kari", "email": "kari@alta.example"},
    )
    assert response.status_code == 400
    assert "already signed up" in response.content.decode()
    first.refresh_from_db()
    assert first.email == "ola@alta.example"


def test_the_replace_service_refuses_a_cancelled_sign_up(demo):
    _user, alta = contact(ALTA)
    registration = sign_up(event(), "ola@alta.example", alta)
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    with pytest.raises(RegistrationRefused):
        registration_replace(registration=registration, name="Per", email="per@alta.example")


def test_cancelling_moves_the_waiting_list_up(demo, django_capture_on_commit_callbacks):
    user, alta = contact(ALTA)
    conference = event(capacity=1)
    seat = sign_up(conference, "ola@alta.example", alta)
    waiting = sign_up(conference, "next@bodo.example", kommune(BODO))
    with django_capture_on_commit_callbacks(execute=True):
        response = contact_client(user).post(f"{page_url(alta)}pamelding/{seat.pk}/avmeld/")
    assert response.status_code == 302
    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert seat.status == "cancelled" and waiting.status == "confirmed"
    assert {m.to[0] for m in mail.outbox} >= {"ola@alta.example", "next@bodo.example"}


def test_a_cancel_without_csrf_token_is_refused(demo):
    from django.test import Client

    user, alta = contact(ALTA)
    seat = sign_up(event(), "ola@alta.example", alta)
    client = Client(HTTP_HOST="helse-nord.localhost", enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(f"{page_url(alta)}pamelding/{seat.pk}/avmeld/").status_code == 403
    seat.refresh_from_db()
    assert seat.status == "confirmed"


def test_a_notice_still_waiting_for_the_old_person_is_not_sent_with_the_new_details(
    demo, django_capture_on_commit_callbacks
):
    from samhandling.events.models import OutboxMessage
    from samhandling.events.services import registration_update

    user, alta = contact(ALTA)
    seat = sign_up(event(), "ola@alta.example", alta, name="Ola Alta")
    registration_update(registration=seat, data={"job_title": "Lege"})  # a delayed notice
    assert OutboxMessage.objects.filter(registration=seat, kind="updated").exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_replace(
            registration=seat, name="Per Ny", email="per@alta.example", replaced_by=user
        )
    kinds = set(OutboxMessage.objects.filter(registration=seat).values_list("kind", "to_email"))
    assert kinds == {("replaced", "ola@alta.example"), ("confirmation", "per@alta.example")}
    (notice,) = [m for m in mail.outbox if m.to == ["ola@alta.example"]]
    assert "Per Ny" not in notice.body and "Ola Alta" in notice.body


def test_a_data_request_of_the_new_person_does_not_show_the_old_persons_notice(
    demo, django_capture_on_commit_callbacks
):
    from samhandling.privacy.selectors import personal_data_json

    user, alta = contact(ALTA)
    conference = event(series(max_per_organisation=3), capacity=5)
    seat = sign_up(conference, "ola@alta.example", alta, name="Ola Alta")
    with django_capture_on_commit_callbacks(execute=True):
        contact_client(user).post(
            f"{page_url(alta)}pamelding/{seat.pk}/byt/",
            {"name": "Per Ny", "email": "per@alta.example", "job_title": ""},
        )
    new_person = str(personal_data_json(email="per@alta.example"))
    assert "Per Ny" in new_person
    assert "ola@alta.example" not in new_person and "Ola Alta" not in new_person
    assert "ola@alta.example" in str(personal_data_json(email="ola@alta.example"))
