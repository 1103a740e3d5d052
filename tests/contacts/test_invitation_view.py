"""The public invitation page: the organisation and community; a login button for a visitor
(to the login chooser, coming back); a POST "Ta imot" for a logged-in person that binds the role
and goes to "Min organisasjon"; refusals with a clear message, never a 500."""

import pytest
from django.test import Client
from django.utils import timezone

from samhandling.contacts.models import ContactInvitation
from samhandling.contacts.selectors import is_contact_of
from samhandling.contacts.services import contact_invite
from tests.form_guard import guard_fields

from .conftest import HN_HOST, MR_HOST, make_user, municipality

pytestmark = pytest.mark.django_db


def _invitation(community, number="1511"):
    return contact_invite(
        organisation=municipality(number),
        community=community,
        email="ny@example.org",
        language="nn",
        invited_by=None,
    )


def test_a_visitor_sees_the_invitation_and_a_button_to_log_in(mr):
    _invitation_row, token = _invitation(mr)
    url = f"/kontaktperson/invitasjon/{token}/"
    response = Client(HTTP_HOST=MR_HOST).get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vanylven" in body and mr.name in body
    assert f'href="/innlogging/?next=%2Fkontaktperson%2Finvitasjon%2F{token}%2F"' in body
    assert 'type="submit"' not in body.split("<article", 1)[1].split("</article>", 1)[0]
    assert response["Cache-Control"] == "private, no-store"
    # A POST without a login goes to the login chooser and binds nothing.
    post = Client(HTTP_HOST=MR_HOST).post(url, guard_fields())
    assert post.status_code == 302 and post["Location"].startswith("/innlogging/?next=")


def test_a_logged_in_person_accepts_and_lands_on_min_organisasjon(mr):
    invitation, token = _invitation(mr)
    user = make_user("kari")
    client = Client(HTTP_HOST=MR_HOST, enforce_csrf_checks=True)
    client.force_login(user)
    url = f"/kontaktperson/invitasjon/{token}/"
    page = client.get(url)
    assert page.status_code == 200 and "Ta imot" in page.content.decode()
    # Without the CSRF token the POST is refused.
    assert client.post(url, guard_fields()).status_code == 403
    csrf = client.cookies["csrftoken"].value
    response = client.post(url, {**guard_fields(), "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302 and response["Location"] == "/min-organisasjon/"
    assert is_contact_of(user=user, organisation=invitation.organisation)
    # Used: another person is told so.
    other = Client(HTTP_HOST=MR_HOST)
    other.force_login(make_user("per"))
    refused = other.get(url)
    assert refused.status_code == 410 and "alt brukt" in refused.content.decode()


def test_expired_withdrawn_unknown_and_other_site_links(mr):
    invitation, token = _invitation(mr)
    client = Client(HTTP_HOST=MR_HOST)
    ContactInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    response = client.get(f"/kontaktperson/invitasjon/{token}/")
    assert response.status_code == 410 and "gått ut" in response.content.decode()
    ContactInvitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    assert client.get(f"/kontaktperson/invitasjon/{token}/").status_code == 410
    assert client.get("/kontaktperson/invitasjon/" + "x" * 300 + "/").status_code == 404
    # The Møre og Romsdal link on the Helse Nord site: unknown there.
    _other, fresh = _invitation(mr, "1514")
    assert Client(HTTP_HOST=HN_HOST).get(f"/kontaktperson/invitasjon/{fresh}/").status_code == 404


def test_the_demo_invitation_link_works(demo):
    response = Client(HTTP_HOST=MR_HOST).get(
        "/kontaktperson/invitasjon/demo-invitasjon-kristiansund/"
    )
    assert response.status_code == 200 and "Kristiansund" in response.content.decode()


def test_the_person_who_accepted_sees_so_and_no_button(mr):
    _row, token = _invitation(mr)
    user = make_user("gjort")
    client = Client(HTTP_HOST=MR_HOST)
    client.force_login(user)
    url = f"/kontaktperson/invitasjon/{token}/"
    client.post(url, guard_fields())
    page = client.get(url).content.decode()
    assert "Du har teke imot" in page and "Ta imot</button>" not in page
    assert 'href="/min-organisasjon/"' in page
