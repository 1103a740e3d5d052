"""Who sees "Min organisasjon": the contacts of the organisation, nobody else (404, never a
leak), and an anonymous visitor is sent to log in."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from samhandling.contacts.models import OrganisationContact
from samhandling.events.models import Registration
from samhandling.events.services import registration_create

from .helpers import ALTA, BODO, HN_HOST, contact, contact_client, event, page_url, series

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(demo):
    alta_user, alta = contact(ALTA)
    bodo_user, bodo = contact(BODO)
    conference = event(series(max_per_organisation=2))
    registration = registration_create(
        event=conference,
        name="Ola Alta",
        email="ola@alta.example",
        consent=True,
        organisation=alta,
    ).registration
    return alta_user, alta, bodo_user, bodo, conference, registration


def test_a_contact_sees_the_page_of_their_organisation_privately(setting):
    alta_user, alta, *_rest, conference, _registration = setting
    response = contact_client(alta_user).get(page_url(alta))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert "Ola Alta" in text and conference.title in text


def test_the_bare_address_redirects_a_contact_of_one_organisation(setting):
    alta_user, alta, *_rest = setting
    response = contact_client(alta_user).get("/min-organisasjon/")
    assert response.status_code == 302 and response["Location"] == page_url(alta)


def test_the_bare_address_lists_several_organisations(setting):
    alta_user, alta, _b, bodo, *_rest = setting
    OrganisationContact.objects.create(user=alta_user, organisation=bodo, source="secretariat")
    response = contact_client(alta_user).get("/min-organisasjon/")
    assert response.status_code == 200
    text = response.content.decode()
    assert page_url(alta) in text and page_url(bodo) in text


def test_anonymous_visitors_are_sent_to_log_in(setting):
    _u, alta, *_rest, registration = setting
    visitor = Client(HTTP_HOST=HN_HOST)
    for url in (page_url(alta), "/min-organisasjon/"):
        response = visitor.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/innlogging/?next=")
        assert "Ola" not in response.content.decode()
    response = visitor.post(f"{page_url(alta)}pamelding/{registration.pk}/avmeld/")
    assert response.status_code == 302 and response["Location"].startswith("/innlogging/")
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_a_contact_of_another_organisation_gets_404_for_page_and_actions(setting):
    _alta_user, alta, bodo_user, _bodo, conference, registration = setting
    client = contact_client(bodo_user)
    base = page_url(alta)
    for url in (base, f"{base}pamelding/{registration.pk}/byt/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Ola Alta" not in response.content.decode()
    posts = {
        f"{base}pamelding/{registration.pk}/avmeld/": {},
        f"{base}pamelding/{registration.pk}/byt/": {"name": "X", "email": "x@example.org"},
        f"{base}pamelding/": {
            "event": conference.pk,
            "name": "X",
            "email": "x@example.org",
            "consent": "on",
        },
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    assert Registration.objects.filter(email="x@example.org").count() == 0


def test_a_contact_cannot_act_on_another_organisations_sign_up_through_their_own_page(setting):
    _alta_user, _alta, bodo_user, bodo, _conference, registration = setting
    client = contact_client(bodo_user)
    url = f"{page_url(bodo)}pamelding/{registration.pk}/avmeld/"
    assert client.post(url).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_a_revoked_role_and_a_plain_user_see_nothing(setting):
    from django.utils import timezone

    alta_user, alta, *_rest = setting
    OrganisationContact.objects.filter(user=alta_user).update(revoked_at=timezone.now())
    assert contact_client(alta_user).get(page_url(alta)).status_code == 404
    plain = get_user_model().objects.create_user("plain", "plain@example.org")
    assert contact_client(plain).get(page_url(alta)).status_code == 404
    response = contact_client(plain).get("/min-organisasjon/")
    assert response.status_code == 200 and "not a contact person" in response.content.decode()
