""" "Min organisasjon" against PostgreSQL, in parallel: contacts of one organisation answering a
hearing at the same moment give one response; contacts signing up colleagues at the same moment
stay within the quota; a replacement and a sign-up of the same address at the same moment leave
one active sign-up for it. SQLite serialises writers, so these run only on PostgreSQL."""

from samhandling.events.models import Registration
from samhandling.events.replacement import registration_replace
from samhandling.events.services import RegistrationRefused, registration_create
from samhandling.hearings.contact_responses import response_submit_for_organisation
from samhandling.hearings.responses import HearingResponse
from samhandling.hearings.services import ResponseContent, ResponseRefused
from tests.concurrency import POSTGRES_RACE, race

from .helpers import ALTA, contact, event, hn_hearing, series

pytestmark = POSTGRES_RACE
PARALLEL = 5


def test_parallel_answers_for_one_organisation_give_one_response(demo):
    users = [contact(ALTA, username=f"kontakt-{n}")[0] for n in range(PARALLEL)]
    alta = users[0].organisation_contacts.get().organisation
    hearing = hn_hearing()
    HearingResponse.objects.filter(hearing=hearing).delete()

    def answer(n):
        return response_submit_for_organisation(
            hearing=hearing,
            organisation=alta,
            contact_user=users[n],
            content=ResponseContent(general_answer=f"Svar {n}", name=f"Kontakt {n}"),
        )

    outcomes = race(answer, PARALLEL)
    saved = [o for o in outcomes if isinstance(o, HearingResponse)]
    refused = [o for o in outcomes if isinstance(o, ResponseRefused)]
    assert len(saved) == 1 and len(refused) == PARALLEL - 1, outcomes
    assert {r.code for r in refused} == {"answered"}
    assert HearingResponse.objects.filter(hearing=hearing, organisation=alta).count() == 1


def test_parallel_colleague_sign_ups_stay_within_the_quota(demo):
    user, alta = contact(ALTA)
    conference = event(series(max_per_organisation=2))

    def sign_up(n):
        return registration_create(
            event=conference,
            name=f"Kollega {n}",
            email=f"k{n}@alta.example",
            consent=True,
            organisation=alta,
            actor=user,
        )

    outcomes = race(sign_up, PARALLEL)
    refused = [o for o in outcomes if isinstance(o, RegistrationRefused)]
    assert len(refused) == PARALLEL - 2, outcomes
    assert Registration.objects.filter(event=conference, organisation=alta).count() == 2


def test_a_replacement_and_a_sign_up_of_one_address_leave_one_active_sign_up(demo):
    user, alta = contact(ALTA)
    conference = event(series(max_per_organisation=5))
    seats = [
        registration_create(
            event=conference,
            name=f"D{n}",
            email=f"d{n}@alta.example",
            consent=True,
            organisation=alta,
        ).registration
        for n in range(PARALLEL - 1)
    ]

    def act(n):
        if n == PARALLEL - 1:
            return registration_create(
                event=conference,
                name="Same",
                email="same@alta.example",
                consent=True,
                organisation=alta,
            )
        return registration_replace(
            registration=seats[n], name="Same", email="same@alta.example", replaced_by=user
        )

    outcomes = race(act, PARALLEL)
    assert (
        Registration.objects.filter(
            event=conference, email="same@alta.example", status__in=["confirmed", "waiting"]
        ).count()
        == 1
    ), outcomes
    refused = [o for o in outcomes if isinstance(o, RegistrationRefused)]
    assert len(refused) == PARALLEL - 1, outcomes
