"""Hearing responses against PostgreSQL, in parallel: one official response per organisation
holds when its unconfirmed responses are confirmed at the same moment (the row lock and the early
check make it friendly; the database's constraint is the guarantee, shown by dropping it), and
the receipts are sent exactly once by racing outbox runs and the worker. SQLite serialises
writers anyway, so these run only when DATABASE_URL points at PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from samhandling.hearings import services
from samhandling.hearings.choices import MailStatus, ResponderKind, ResponseStatus
from samhandling.hearings.mail import HearingMail
from samhandling.hearings.responses import HearingResponse, ResponseVersion
from samhandling.hearings.services import ResponseRefused, response_confirm
from samhandling.hearings.tasks import send_hearing_mail
from samhandling.organisations.models import Organisation
from tests.concurrency import POSTGRES_RACE, race
from tests.smtp_sink import race_two_runs_and_the_worker

from .factories import make_hearing

pytestmark = POSTGRES_RACE
PARALLEL = 6
CONSTRAINT = "hearings_one_official_response_per_organisation"


def _unconfirmed(hearing, organisation, count: int) -> list[HearingResponse]:
    return [
        HearingResponse.objects.create(
            hearing=hearing,
            kind=ResponderKind.ORGANISATION,
            organisation=organisation,
            name=f"Sakshandsamar {n}",
            email=f"s{n}@example.org",
            general_answer=f"Svar {n}",
            link_expires_at=timezone.now() + datetime.timedelta(hours=1),
        )
        for n in range(count)
    ]


def _confirm_all(responses) -> list:
    return race(lambda n: response_confirm(response=responses[n]), len(responses))


@pytest.fixture
def setting(demo):
    hearing = make_hearing()
    molde = Organisation.objects.get(municipality_number="1506")
    return hearing, molde


def test_parallel_confirmations_let_one_response_count(setting):
    hearing, molde = setting
    outcomes = _confirm_all(_unconfirmed(hearing, molde, PARALLEL))
    refused = [o for o in outcomes if isinstance(o, ResponseRefused)]
    assert len(refused) == PARALLEL - 1, outcomes
    assert {r.code for r in refused} == {"answered"}
    assert HearingResponse.objects.filter(status=ResponseStatus.CONFIRMED).count() == 1
    assert ResponseVersion.objects.count() == 1


def test_without_the_lock_and_the_early_check_the_constraint_still_holds(setting, monkeypatch):
    hearing, molde = setting
    monkeypatch.setattr(services, "_lock_hearing", lambda hearing: None)
    monkeypatch.setattr(services, "organisation_has_answered", lambda **kwargs: False)
    outcomes = _confirm_all(_unconfirmed(hearing, molde, PARALLEL))
    refused = [o for o in outcomes if isinstance(o, ResponseRefused)]
    assert len(refused) == PARALLEL - 1, outcomes
    assert HearingResponse.objects.filter(status=ResponseStatus.CONFIRMED).count() == 1
    assert ResponseVersion.objects.count() == 1


def test_without_the_constraint_the_race_lets_two_through(setting, monkeypatch):
    """The test above would fail without the constraint: drop it (and the lock and the early
    check) and more than one response of the organisation counts."""
    hearing, molde = setting
    monkeypatch.setattr(services, "_lock_hearing", lambda hearing: None)
    monkeypatch.setattr(services, "organisation_has_answered", lambda **kwargs: False)
    constraint = next(c for c in HearingResponse._meta.constraints if c.name == CONSTRAINT)
    with connection.schema_editor() as editor:
        editor.remove_constraint(HearingResponse, constraint)
    try:
        _confirm_all(_unconfirmed(hearing, molde, PARALLEL))
        confirmed = HearingResponse.objects.filter(status=ResponseStatus.CONFIRMED).count()
        assert confirmed > 1
    finally:
        HearingResponse.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(HearingResponse, constraint)


def test_racing_outbox_runs_and_the_worker_send_each_receipt_once(setting, settings):
    hearing, molde = setting
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"  # the mail server is down
    others = Organisation.objects.filter(is_active=True).exclude(pk=molde.pk)[:3]
    responses = [_unconfirmed(hearing, organisation, 1)[0] for organisation in [molde, *others]]
    for n, response in enumerate(responses):
        HearingResponse.objects.filter(pk=response.pk).update(email=f"org{n}@example.org")
        response.refresh_from_db()
        response_confirm(response=response)
    mails = HearingMail.objects.filter(hearing=hearing)
    assert set(mails.values_list("status", flat=True)) == {MailStatus.FAILED}
    ids = list(mails.values_list("pk", flat=True))

    def worker():
        for pk in ids:
            send_hearing_mail.call(pk)

    deliveries, elapsed = race_two_runs_and_the_worker(
        settings, command="hearings_send_mail", worker=worker, delay=0.2
    )
    per_mail = [deliveries[f"org{n}@example.org"] for n in range(len(responses))]
    print(f"receipts per address, two racing runs and a worker: {per_mail} ({elapsed:.1f} s)")
    assert per_mail == [1] * len(responses)
    assert set(mails.values_list("status", flat=True)) == {MailStatus.SENT}
