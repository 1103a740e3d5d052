"""The reminder from the board: one e-mail to each invited organisation with an address that
has not answered, exactly once per press, in the organisation's written standard."""

import uuid

from django.core import mail
from django.urls import reverse

from samhandling.hearings.board import hearing_board
from samhandling.hearings.choices import MailKind
from samhandling.hearings.mail import HearingMail, HearingReminder
from samhandling.hearings.reminders import reminder_send
from samhandling.organisations.models import OrganisationKind, WrittenStandard

from .board_helpers import hearing_with_members
from .factories import confirmed_response


def test_two_presses_of_the_same_form_send_one_email_each(
    demo, admin_client, django_capture_on_commit_callbacks
):
    hearing, members = hearing_with_members()
    confirmed_response(hearing, organisation=members[0])  # answered: no reminder
    board = admin_client.get(reverse("hearings_board", args=[hearing.pk]))
    key = board.context["reminder_form"]["key"].value()
    url = reverse("hearings_remind", args=[hearing.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = admin_client.post(url, {"key": key})
        second = admin_client.post(url, {"key": key})
    assert first.status_code == second.status_code == 302
    reminder = HearingReminder.objects.get(hearing=hearing)
    assert reminder.recipients == 3  # members 1–3 have addresses and have not answered
    assert reminder.created_by == admin_client.user
    rows = HearingMail.objects.filter(kind=MailKind.REMINDER, hearing=hearing)
    assert sorted(rows.values_list("organisation_id", flat=True)) == sorted(
        m.pk for m in members[1:4]
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "post1@kommune.example",
        "post2@kommune.example",
        "post3@kommune.example",
    ]
    assert hearing.title in mail.outbox[0].subject
    assert hearing.get_full_url() in mail.outbox[0].body
    page = admin_client.get(reverse("hearings_board", args=[hearing.pk]))
    assert "Reminders sent" in page.content.decode() or hearing_board(hearing=hearing).reminders


def test_a_new_press_reminds_again_only_those_still_waiting(demo):
    hearing, members = hearing_with_members()
    reminder_send(hearing=hearing, key=uuid.uuid4())
    confirmed_response(hearing, organisation=members[1])
    again, created = reminder_send(hearing=hearing, key=uuid.uuid4())
    assert created and again.recipients == 3
    assert not again.mails.filter(organisation=members[1]).exists()


def test_the_email_follows_the_written_standard_else_the_sites_language(demo):
    hearing, members = hearing_with_members()
    kommunar = [m for m in members[:4] if m.kind == OrganisationKind.KOMMUNE]
    kommunar[0].written_standard = WrittenStandard.BOKMAL
    kommunar[0].save()
    kommunar[1].written_standard = WrittenStandard.NEUTRAL
    kommunar[1].save()
    reminder, _created = reminder_send(hearing=hearing, key=uuid.uuid4())
    languages = dict(reminder.mails.values_list("organisation_id", "language"))
    assert languages[kommunar[0].pk] == "nb"
    assert languages[kommunar[1].pk] == "nn"  # Møre og Romsdal's default


def test_the_reminder_form_on_the_board_names_how_many_will_get_it(demo, admin_client):
    hearing, _members = hearing_with_members()
    page = admin_client.get(reverse("hearings_board", args=[hearing.pk]))
    assert page.context["reminder_recipients"] == 4
