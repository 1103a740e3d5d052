"""The invitation e-mail: sent after commit through the outbox, in the organisation's written
standard (else the invitation's language), with a fixed subject and the link only in the body."""

import pytest
from django.core import mail

from samhandling.contacts.mail import PRIVATE_LINK
from samhandling.contacts.models import ContactMail, ContactMailStatus
from samhandling.contacts.services import contact_invite

from .conftest import municipality

pytestmark = pytest.mark.django_db


def _invite(community, organisation, language, committed, email="ny@example.org"):
    with committed():
        return contact_invite(
            organisation=organisation,
            community=community,
            email=email,
            language=language,
            invited_by=None,
        )


def test_a_nynorsk_municipality_gets_nynorsk_whatever_language_was_chosen(mr, committed):
    volda = municipality("1577")
    assert volda.email_language == "nn"
    _invitation, token = _invite(mr, volda, "nb", committed)
    (message,) = mail.outbox
    assert message.subject == f"Invitasjon til å vere kontaktperson i {mr.name}"
    assert f"/kontaktperson/invitasjon/{token}/" in message.body
    assert "ikkje" in message.body or "Opne lenkja" in message.body
    assert message.to == ["ny@example.org"]
    row = ContactMail.objects.get()
    assert row.status == ContactMailStatus.SENT and row.language == "nn"
    assert row.link == "" and token not in row.body and PRIVATE_LINK in row.body


def test_a_neutral_municipality_gets_the_language_chosen_for_the_invitation(mr, committed):
    molde = municipality("1506")
    assert molde.email_language == ""
    _invite(mr, molde, "nb", committed)
    (message,) = mail.outbox
    assert message.subject == f"Invitasjon til å være kontaktperson i {mr.name}"
    assert "Åpne lenken" in message.body


def test_the_headers_are_fixed_and_nothing_typed_reaches_them(mr, committed):
    _invite(mr, municipality("1506"), "en", committed)
    (message,) = mail.outbox
    assert message.subject == f"Invitation to be a contact person in {mr.name}"
    assert "\n" not in message.subject and message.to == ["ny@example.org"]
    assert mr.name in message.from_email
    headers = message.message()
    assert headers["To"] == "ny@example.org" and headers["Reply-To"] is None


def test_nothing_is_sent_when_the_transaction_is_rolled_back(
    mr, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        contact_invite(
            organisation=municipality("1506"),
            community=mr,
            email="x@example.org",
            language="nn",
            invited_by=None,
        )
    assert len(callbacks) == 1 and mail.outbox == []


def test_a_failed_send_stays_in_the_outbox_and_the_command_sends_it_later(
    mr, committed, monkeypatch
):
    from django.core.mail import EmailMessage
    from django.core.management import call_command

    def refuse(self, *args, **kwargs):
        raise OSError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMessage, "send", refuse)
        _invitation, token = _invite(mr, municipality("1506"), "nn", committed)
    row = ContactMail.objects.get()
    assert row.status == ContactMailStatus.FAILED and row.link.endswith(f"/{token}/")
    assert mail.outbox == []
    call_command("contacts_send_mail")
    row.refresh_from_db()
    assert row.status == ContactMailStatus.SENT and row.link == ""
    assert token in mail.outbox[0].body
