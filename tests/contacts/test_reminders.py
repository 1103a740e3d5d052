"""The boards' action: e-mail the contacts of the organisations that have not acted — no one
signed up in the series (quota board), no confirmed response (hearing board). Who gets mail and
who does not; the organisations without contacts are named; another community's board is 404."""

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from samhandling.contacts.services import contact_grant
from samhandling.events.models import EventSeriesPage
from samhandling.hearings.board import not_answered_organisations
from samhandling.hearings.pages import HearingPage

from .conftest import HN_HOST, make_user, municipality, secretariat_client

pytestmark = pytest.mark.django_db


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_quota_board_mails_the_contacts_of_organisations_without_sign_ups(hn, committed):
    series = (
        EventSeriesPage.objects.get(slug="dialogkonferanser-ny-runde")
        if (EventSeriesPage.objects.filter(slug="dialogkonferanser-ny-runde").exists())
        else EventSeriesPage.objects.filter(title__startswith="Dialogkonferanser –").get()
    )
    hammerfest = municipality("5603")
    contact_grant(
        organisation=hammerfest,
        user=make_user("hf", email="kontakt@hammerfest.example"),
        granted_by=None,
        source="secretariat",
    )
    client = secretariat_client(hn, "sekr-hn", boards=True)
    board = client.get(f"/admin/events/series/{series.pk}/quota/")
    assert board.status_code == 200
    assert f"/admin/contacts/remind/series/{series.pk}/" in board.content.decode()
    with committed():
        response = client.post(
            f"/admin/contacts/remind/series/{series.pk}/", {"note": "Frist fredag."}, follow=True
        )
    body = response.content.decode()
    recipients = _recipients()
    # Alta and Tromsø and Bodø have signed up in the demo; their contacts get nothing.
    assert "kontakt-alta@demo.helsefellesskap.example" not in recipients
    assert "kontakt-bodo@demo.helsefellesskap.example" not in recipients
    assert "Sendt til 1 kontaktperson" in body and "ingen kontaktperson" in body
    for message in mail.outbox:
        assert "Frist fredag." in message.body and "Frist fredag." not in message.subject
    assert "kontakt@hammerfest.example" in recipients
    (hammerfest_mail,) = [m for m in mail.outbox if m.to == ["kontakt@hammerfest.example"]]
    assert hammerfest_mail.subject == f"{hn.name}: organisasjonen din har ikke meldt på noen ennå"
    assert series.title in hammerfest_mail.body
    assert PageLogEntry.objects.filter(action="samhandling.contact.remind", page=series).exists()


def test_the_hearing_board_mails_only_contacts_of_invited_bodies_that_have_not_answered(
    hn, committed
):
    hearing = HearingPage.objects.get(slug="horing-utskrivningsklare-pasienter")
    waiting = not_answered_organisations(hearing=hearing)
    alta = municipality("5601")
    assert alta in waiting
    extra = make_user("ekstra-alta", email="ekstra@alta.example")
    contact_grant(organisation=alta, user=extra, granted_by=None, source="secretariat")
    gone = make_user("gone", email="gone@alta.example", is_active=False)
    contact_grant(organisation=alta, user=gone, granted_by=None, source="secretariat")
    client = secretariat_client(hn, "sekr-hn", boards=True)
    board = client.get(f"/admin/hearings/{hearing.pk}/board/")
    assert f"/admin/contacts/remind/hearing/{hearing.pk}/" in board.content.decode()
    with committed():
        response = client.post(f"/admin/contacts/remind/hearing/{hearing.pk}/", {"note": ""})
    assert response.status_code == 302
    recipients = _recipients()
    assert "kontakt-alta@demo.helsefellesskap.example" in recipients
    assert "ekstra@alta.example" in recipients and "gone@alta.example" not in recipients
    assert "kontakt-molde@demo.helsefellesskap.example" not in recipients  # not invited
    alta_mail = next(m for m in mail.outbox if "ekstra@alta.example" in m.to)
    assert alta_mail.subject == f"{hn.name}: organisasjonen din har ikke svart på høringen ennå"
    assert hearing.title in alta_mail.body and "/min-organisasjon/" in alta_mail.body
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Sendt til 4 kontaktperson" in m and " i 3 organisasjon" in m for m in messages), (
        messages
    )
    assert any("ingen kontaktperson" in m for m in messages)


def test_another_communitys_secretariat_gets_404_and_nothing_is_sent(mr, hn, committed):
    hearing = HearingPage.objects.get(slug="horing-utskrivningsklare-pasienter")
    series = EventSeriesPage.objects.filter(
        pk__in=[p.pk for p in EventSeriesPage.objects.all() if p.get_site().hostname == HN_HOST]
    ).first()
    south = secretariat_client(mr, "sekr-mr", boards=True)
    with committed():
        assert south.post(f"/admin/contacts/remind/hearing/{hearing.pk}/").status_code == 404
        assert south.post(f"/admin/contacts/remind/series/{series.pk}/").status_code == 404
    assert mail.outbox == []
    assert south.get(f"/admin/contacts/remind/hearing/{hearing.pk}/").status_code == 405


def test_the_same_form_sent_twice_mails_once(hn, committed):
    hearing = HearingPage.objects.get(slug="horing-utskrivningsklare-pasienter")
    client = secretariat_client(hn, "sekr-hn", boards=True)
    board = client.get(f"/admin/hearings/{hearing.pk}/board/").content.decode()
    key = board.split('name="key" value="', 1)[1].split('"', 1)[0]
    url = f"/admin/contacts/remind/hearing/{hearing.pk}/"
    with committed():
        client.post(url, {"key": key, "note": ""})
    sent = len(mail.outbox)
    assert sent >= 1
    with committed():
        again = client.post(url, {"key": key, "note": ""}, follow=True)
    assert len(mail.outbox) == sent
    assert "alt send;" in again.content.decode()
