"""Answering a hearing on the organisation's behalf from "Min organisasjon": the response counts
at once (no e-mail confirmation round), one per organisation, never after the deadline."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from samhandling.audit.models import AuditLogEntry
from samhandling.hearings.choices import ResponseStatus
from samhandling.hearings.contact_responses import response_submit_for_organisation
from samhandling.hearings.responses import HearingResponse
from samhandling.hearings.services import ResponseContent, ResponseRefused
from tests.hearings.factories import confirmed_response

from .helpers import ALTA, BODO, contact, contact_client, hn_hearing, page_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_demo_responses(demo):
    HearingResponse.objects.all().delete()


def answer(**overrides):
    return {
        "general_answer": "Alta kommune støttar planen.",
        "name": "Kari Kontakt",
        "role": "Kommunedirektør",
        "email": f"kontakt-{ALTA}@example.org",  # the account's, as the form fills it in
        **overrides,
    }


def url(organisation, hearing):
    return f"{page_url(organisation)}hoyring/{hearing.pk}/"


def test_the_page_lists_invited_hearings_with_the_state_of_the_response():
    user, alta = contact(ALTA)
    open_one = hn_hearing(title="Høyring om open plan")
    answered = hn_hearing(title="Høyring som er svart")
    confirmed_response(answered, organisation=alta)
    text = contact_client(user).get(page_url(alta)).content.decode()
    assert open_one.title in text and answered.title in text
    assert url(alta, open_one) in text and url(alta, answered) not in text
    assert "Not started" in text and "Submitted" in text


def test_a_contact_answers_on_behalf_at_once_and_gets_the_receipt(
    django_capture_on_commit_callbacks,
):
    user, alta = contact(ALTA)
    hearing = hn_hearing()
    client = contact_client(user)
    form = client.get(url(alta, hearing))
    assert form.status_code == 200 and form["Cache-Control"] == "private, no-store"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(alta, hearing), answer())
    assert response.status_code == 302 and response["Location"] == page_url(alta)
    (saved,) = HearingResponse.objects.filter(hearing=hearing)
    assert saved.status == ResponseStatus.CONFIRMED and saved.organisation == alta
    assert saved.email == user.email and saved.name == "Kari Kontakt"
    assert saved.versions.count() == 1
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "confirm" not in mail.outbox[0].subject.lower()
    assert AuditLogEntry.objects.filter(
        action="samhandling.hearing_response.contact_submit", user=user
    ).exists()


def test_a_second_answer_for_the_organisation_is_refused():
    user, alta = contact(ALTA)
    hearing = hn_hearing()
    client = contact_client(user)
    assert client.post(url(alta, hearing), answer()).status_code == 302
    again = client.post(url(alta, hearing), answer(general_answer="Eit anna svar."))
    assert again.status_code == 400
    assert "already answered" in again.content.decode()
    assert HearingResponse.objects.filter(hearing=hearing, organisation=alta).count() == 1


def test_the_service_keeps_one_response_per_organisation():
    user, alta = contact(ALTA)
    hearing = hn_hearing()
    content = ResponseContent(general_answer="Svar", name="Kari")
    response_submit_for_organisation(
        hearing=hearing, organisation=alta, contact_user=user, content=content
    )
    with pytest.raises(ResponseRefused) as refused:
        response_submit_for_organisation(
            hearing=hearing, organisation=alta, contact_user=user, content=content
        )
    assert refused.value.code == "answered"


def test_an_answer_after_the_deadline_is_refused():
    user, alta = contact(ALTA)
    today = timezone.localdate()
    hearing = hn_hearing(
        opens_on=today - datetime.timedelta(days=60), deadline=today - datetime.timedelta(days=1)
    )
    client = contact_client(user)
    page = client.get(url(alta, hearing))
    assert page.status_code == 200 and "deadline of the hearing has passed" in page.content.decode()
    assert 'name="general_answer"' not in page.content.decode()
    response = client.post(url(alta, hearing), answer())
    assert response.status_code == 400
    assert not HearingResponse.objects.filter(hearing=hearing).exists()
    with pytest.raises(ResponseRefused) as refused:
        response_submit_for_organisation(
            hearing=hearing,
            organisation=alta,
            contact_user=user,
            content=ResponseContent(general_answer="Seint"),
        )
    assert refused.value.code == "closed"


def test_an_empty_answer_is_refused_with_the_forms_message():
    user, alta = contact(ALTA)
    hearing = hn_hearing()
    response = contact_client(user).post(url(alta, hearing), answer(general_answer=""))
    assert response.status_code == 400
    assert "The response is empty" in response.content.decode()
    assert not HearingResponse.objects.exists()


def test_a_contact_of_another_organisation_cannot_answer_for_it():
    _user, alta = contact(ALTA)
    bodo_user, _bodo = contact(BODO)
    hearing = hn_hearing()
    client = contact_client(bodo_user)
    assert client.get(url(alta, hearing)).status_code == 404
    assert client.post(url(alta, hearing), answer()).status_code == 404
    assert not HearingResponse.objects.exists()


def test_a_public_response_waiting_for_confirmation_shows_as_a_draft_and_can_be_overtaken():
    from samhandling.hearings.services import response_confirm, response_submit

    user, alta = contact(ALTA)
    hearing = hn_hearing()
    public, _token = response_submit(
        hearing=hearing,
        kind="organisation",
        email="someone@alta.example",
        organisation=alta,
        content=ResponseContent(general_answer="Utkast", name="Nokon"),
    )
    text = contact_client(user).get(page_url(alta)).content.decode()
    assert "Draft: waiting for the e-mail address to be confirmed" in text
    assert url(alta, hearing) in text
    assert contact_client(user).post(url(alta, hearing), answer()).status_code == 302
    with pytest.raises(ResponseRefused):
        response_confirm(response=public)
    assert HearingResponse.objects.filter(hearing=hearing, status="confirmed").count() == 1


def test_a_hearing_not_open_yet_cannot_be_answered():
    user, alta = contact(ALTA)
    today = timezone.localdate()
    hearing = hn_hearing(opens_on=today + datetime.timedelta(days=3))
    page = contact_client(user).get(url(alta, hearing)).content.decode()
    assert "has not opened yet" in page and 'name="general_answer"' not in page
    assert contact_client(user).post(url(alta, hearing), answer()).status_code == 400
    assert not HearingResponse.objects.exists()


def test_a_hearing_of_another_site_is_not_found():
    from tests.hearings.factories import make_hearing

    user, alta = contact(ALTA)
    elsewhere = make_hearing()  # on Møre og Romsdal, not invited
    assert contact_client(user).get(url(alta, elsewhere)).status_code == 404


def test_a_contact_without_an_e_mail_address_gives_one_and_the_account_keeps_it(
    django_capture_on_commit_callbacks,
):
    """ID-porten and Ansattporten give no e-mail address: the form asks for it, the receipt
    goes there, and the account keeps it for the next time (and for the secretariat's mail)."""
    user, alta = contact(ALTA)
    user.email = ""
    user.save(update_fields=["email"])
    hearing = hn_hearing()
    client = contact_client(user)
    page = client.get(url(alta, hearing)).content.decode()
    assert 'name="email"' in page and 'autocomplete="email"' in page
    refused = client.post(url(alta, hearing), answer(email=""))
    assert refused.status_code == 400 and not HearingResponse.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(alta, hearing), answer(email=" Kari@Alta.example "))
    assert response.status_code == 302
    assert HearingResponse.objects.get(hearing=hearing).email == "kari@alta.example"
    assert [m.to for m in mail.outbox] == [["kari@alta.example"]]
    user.refresh_from_db()
    assert user.email == "kari@alta.example"
