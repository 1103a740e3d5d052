"""E-mails to a municipality's participants are in its written standard (språklova § 15) unless
the participant chose a language with the language switch; the sender's name and address follow
the e-mail's language."""

import pytest
from django.core import mail
from django.test import override_settings

from samhandling.events.models import Registration
from samhandling.events.notices import event_notify_change, registrations_send_reminders
from samhandling.events.services import registration_cancel
from samhandling.organisations.models import HealthCommunity
from tests.conftest import HN_HOST

from .factories import event, kommune
from .test_services import sign_up
from .test_views import client, form_data

pytestmark = pytest.mark.django_db

ORSTA, BODO, MOLDE = "1520", "1804", "1506"  # nynorsk, bokmål, neutral
NYNORSK_SUBJECT, BOKMAL_SUBJECT = "Påmeldinga er stadfesta", "Påmeldingen er bekreftet"


def test_the_three_municipalities_have_the_standards_the_tests_rely_on():
    assert [kommune(n).written_standard for n in (ORSTA, BODO, MOLDE)] == [
        "nynorsk",
        "bokmal",
        "noytral",
    ]


@pytest.mark.parametrize(
    ("number", "used", "subject"),
    [
        (ORSTA, "nb", NYNORSK_SUBJECT),  # nynorsk municipality: nynorsk, whatever the site used
        (ORSTA, "en", NYNORSK_SUBJECT),
        (BODO, "nn", BOKMAL_SUBJECT),  # bokmål municipality: bokmål
        (MOLDE, "nn", NYNORSK_SUBJECT),  # neutral: the language the participant used
        (MOLDE, "nb", BOKMAL_SUBJECT),
    ],
)
def test_the_confirmation_is_in_the_municipalitys_written_standard(
    demo, django_capture_on_commit_callbacks, number, used, subject
):
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(conference, 1, kommune(number), language=used)
    (message,) = mail.outbox
    assert message.subject.startswith(subject)


def test_a_language_the_participant_chose_wins_over_the_written_standard(
    demo, django_capture_on_commit_callbacks
):
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(conference, 1, kommune(ORSTA), language="nb", language_chosen=True)
    (message,) = mail.outbox
    assert message.subject.startswith(BOKMAL_SUBJECT)


def test_without_an_organisation_the_language_used_on_the_site_is_kept(
    demo, django_capture_on_commit_callbacks
):
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(conference, 1, None, language="nn", organisation_other="Eit firma")
    assert mail.outbox[0].subject.startswith(NYNORSK_SUBJECT)


def _helse_nord_with(number: str):
    """Helse Nord's site (bokmål by default) with one more member municipality on its form."""
    community = HealthCommunity.objects.get(site__hostname=HN_HOST)
    community.members.add(kommune(number))
    return community


def test_on_the_form_the_language_switch_counts_as_a_choice_and_the_site_default_does_not(
    demo, django_capture_on_commit_callbacks
):
    _helse_nord_with(ORSTA)
    conference = event()
    orsta = str(kommune(ORSTA).pk)
    with django_capture_on_commit_callbacks(execute=True):
        # No language chosen: the page is in the site's bokmål, the e-mail in Ørsta's nynorsk.
        response = client(language="").post(conference.url, form_data(organisation=orsta))
        assert response.status_code == 302
        # The visitor chose English with the language switch: English.
        client(language="en").post(
            conference.url, form_data(organisation=orsta, email="ola@example.org")
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["kari@example.org"].subject.startswith(NYNORSK_SUBJECT)
    assert "Hei, Kari Nordmann!" in by_address["kari@example.org"].body
    assert by_address["ola@example.org"].subject.startswith("Sign-up confirmed")
    chosen = Registration.objects.filter(event=conference).order_by("email")
    assert [(r.language, r.language_chosen) for r in chosen] == [("nb", False), ("en", True)]


def test_every_later_e_mail_follows_the_standard_too(demo, django_capture_on_commit_callbacks):
    conference = event(capacity=1)
    first = sign_up(conference, 1, kommune(MOLDE), language="nb").registration
    sign_up(conference, 2, kommune(ORSTA), language="nb")  # waiting
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first)  # Ørsta's participant gets the seat
        event_notify_change(event=conference)
    subjects = {(m.to[0], m.subject.split(":")[0]) for m in mail.outbox}
    assert subjects == {
        ("deltakar1@example.org", "Du er meldt av"),  # Molde is neutral: the bokmål used
        ("deltakar2@example.org", "Du har fått plass"),  # Ørsta: nynorsk
        ("deltakar2@example.org", "Arrangementet er endra"),
    }


def test_the_reminder_is_in_the_written_standard(demo, django_capture_on_commit_callbacks):
    conference = event(days=2)
    sign_up(conference, 1, kommune(ORSTA), language="nb")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert registrations_send_reminders(days=3) == 1
    (reminder,) = mail.outbox
    assert reminder.subject.startswith("Påminning: ")  # bokmål would be "Påminnelse"


@override_settings(DEFAULT_FROM_EMAIL="Samhandling <ikkje-svar@samhandling.no>")
def test_the_sender_follows_the_language_of_the_e_mail(demo, django_capture_on_commit_callbacks):
    conference = event()  # on the Helse Nord site
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(conference, 1, kommune(ORSTA), language="nb")
        sign_up(conference, 2, kommune(BODO), language="nn")
        sign_up(conference, 3, None, language="en", organisation_other="Firma")
    senders = {message.to[0]: message.from_email for message in mail.outbox}
    community = HealthCommunity.objects.get(site__hostname=HN_HOST).name
    assert senders["deltakar1@example.org"] == f"{community} <ikkje-svar@samhandling.no>"
    assert senders["deltakar2@example.org"] == f"{community} <ikke-svar@samhandling.no>"
    assert senders["deltakar3@example.org"] == f"{community} <no-reply@samhandling.no>"


@override_settings(
    DEFAULT_FROM_EMAIL="post@helse.example",
    EMAIL_FROM_BY_LANGUAGE={"nb": "Sekretariatet <ikke-svar@helse.example>"},
)
def test_the_sender_can_be_set_per_language(demo, django_capture_on_commit_callbacks):
    conference = event()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(conference, 1, kommune(BODO), language="nb")
        sign_up(conference, 2, kommune(ORSTA), language="nb")
    senders = {message.to[0]: message.from_email for message in mail.outbox}
    assert senders["deltakar1@example.org"] == "Sekretariatet <ikke-svar@helse.example>"
    # Not configured for nynorsk and not a no-reply address: the address is kept as it is.
    assert senders["deltakar2@example.org"].endswith("<post@helse.example>")
