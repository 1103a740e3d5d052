"""The secretariat's board: every invited body with the state of its answer, responses from
others, the counts of the questions, a bounded number of queries, and extended deadlines."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samhandling.hearings.board import BodyState, hearing_board
from samhandling.hearings.choices import QuestionChoice, ResponderKind, ResponseStatus
from samhandling.hearings.pages import InvitedOrganisation
from samhandling.hearings.responses import DeadlineExtension, QuestionAnswer
from samhandling.organisations.models import Organisation

from .board_helpers import hearing_with_members
from .factories import confirmed_response, make_hearing


def _states(board):
    return {row.body.name: row.state for row in board.rows}


def test_the_board_shows_each_invited_body_and_its_state(demo):
    today = timezone.localdate()
    hearing, members = hearing_with_members(
        opens_on=today - datetime.timedelta(weeks=10),
        deadline=today - datetime.timedelta(days=3),
        invited_others="Fylkesmannen i testfylket\nBrukarrådet",
    )
    before = timezone.now() - datetime.timedelta(days=5)
    confirmed_response(hearing, organisation=members[0], received_at=before)
    confirmed_response(hearing, organisation=members[1], no_comments=True, received_at=before)
    confirmed_response(hearing, organisation=members[2])  # after the deadline: late
    withdrawn = confirmed_response(hearing, organisation=members[3], received_at=before)
    withdrawn.status, withdrawn.withdrawn_at = ResponseStatus.WITHDRAWN, timezone.now()
    withdrawn.save()
    confirmed_response(
        hearing,
        kind=ResponderKind.OTHER_ORGANISATION,
        organisation_name="Brukarrådet",
        received_at=before,
    )
    private = confirmed_response(hearing, name="Ola Privat", received_at=before)
    board = hearing_board(hearing=hearing)
    states = _states(board)
    assert states[members[0].display_name] == BodyState.ANSWERED
    assert states[members[1].display_name] == BodyState.NO_COMMENTS
    assert states[members[2].display_name] == BodyState.LATE
    assert states[members[3].display_name] == BodyState.WITHDRAWN
    assert states[members[4].display_name] == BodyState.NOT_ANSWERED
    assert states["Brukarrådet"] == BodyState.ANSWERED
    assert states["Fylkesmannen i testfylket"] == BodyState.NOT_ANSWERED
    assert board.others == [private]
    assert board.totals[BodyState.NOT_ANSWERED] == len(members) - 4 + 1


def test_chosen_organisations_are_invited_besides_or_instead_of_the_members(demo):
    hearing = make_hearing(invite_members=False)
    outsider = Organisation.objects.exclude(
        pk__in=hearing.get_site().health_community.members.values("pk")
    ).first()
    InvitedOrganisation.objects.create(hearing=hearing, organisation=outsider)
    board = hearing_board(hearing=hearing)
    assert [row.body.organisation for row in board.rows] == [outsider]


def test_the_questions_are_counted(demo):
    hearing, members = hearing_with_members(questions=("Støttar de planen?", "Er fristen grei?"))
    first, second = hearing.questions.order_by("sort_order")
    for organisation, choice in zip(
        members[:3],
        [QuestionChoice.AGREE, QuestionChoice.AGREE, QuestionChoice.DISAGREE],
        strict=True,
    ):
        response = confirmed_response(hearing, organisation=organisation)
        QuestionAnswer.objects.create(response=response, question=first, choice=choice)
    counts = {item.question.pk: item for item in hearing_board(hearing=hearing).questions}
    agree = {value: count for value, _label, count in counts[first.pk].counts}
    assert agree[QuestionChoice.AGREE] == 2 and agree[QuestionChoice.DISAGREE] == 1
    assert counts[first.pk].total == 3 and counts[second.pk].total == 0


def _board_queries(admin_client, hearing) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(reverse("hearings_board", args=[hearing.pk]))
    assert page.status_code == 200
    return len(queries)


def test_the_boards_queries_do_not_grow_with_the_responses(demo, admin_client):
    hearing, members = hearing_with_members(questions=("Støttar de planen?",))
    question = hearing.questions.get()

    def add(count, start):
        for number in range(start, start + count):
            if number < len(members):
                response = confirmed_response(hearing, organisation=members[number])
            else:
                response = confirmed_response(hearing, name=f"Person {number}")
            QuestionAnswer.objects.create(
                response=response, question=question, choice=QuestionChoice.PARTLY
            )
            DeadlineExtension.objects.get_or_create(
                hearing=hearing,
                organisation=members[number % len(members)],
                defaults={"deadline": hearing.deadline + datetime.timedelta(days=7)},
            )

    add(5, 0)
    _board_queries(admin_client, hearing)  # warm the caches
    few = _board_queries(admin_client, hearing)
    add(55, 5)
    many = _board_queries(admin_client, hearing)
    assert many == few, f"{few} queries for 5 responses, {many} for 60"


def test_the_board_page_lists_who_has_not_answered(demo, admin_client):
    hearing, members = hearing_with_members()
    confirmed_response(hearing, organisation=members[0])
    page = admin_client.get(reverse("hearings_board", args=[hearing.pk]) + "?show=not_answered")
    html = page.content.decode()
    assert f'<th scope="row">{members[1].display_name}' in html
    assert f'<th scope="row">{members[0].display_name}' not in html


def test_the_secretariat_extends_the_deadline_for_one_body(demo, admin_client):
    hearing, members = hearing_with_members()
    new = hearing.deadline + datetime.timedelta(days=14)
    url = reverse("hearings_extend", args=[hearing.pk])
    answer = admin_client.post(
        url, {"organisation": members[1].pk, "deadline": new.isoformat(), "reason": "Møte"}
    )
    assert answer.status_code == 302
    extension = DeadlineExtension.objects.get(hearing=hearing)
    assert extension.organisation == members[1] and extension.deadline == new
    assert extension.created_by == admin_client.user
    row = next(r for r in hearing_board(hearing=hearing).rows if r.body.organisation == members[1])
    assert row.extension == extension
    refused = admin_client.post(
        url, {"organisation": members[2].pk, "deadline": hearing.deadline.isoformat()}
    )
    assert refused.status_code == 400
    assert "must be after" in refused.content.decode() or refused.content
    assert DeadlineExtension.objects.filter(hearing=hearing).count() == 1
    removed = admin_client.post(
        reverse("hearings_extension_remove", args=[hearing.pk, extension.pk])
    )
    assert removed.status_code == 302
    assert not DeadlineExtension.objects.filter(hearing=hearing).exists()


def test_the_index_and_the_page_buttons_lead_to_the_board(demo, admin_client):
    hearing, _members = hearing_with_members()
    index = admin_client.get(reverse("hearings_index"))
    assert reverse("hearings_board", args=[hearing.pk]) in index.content.decode()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[hearing.pk]))
    assert reverse("hearings_board", args=[hearing.pk]) in edit.content.decode()


@pytest.mark.parametrize("name", ["hearings_board", "hearings_report", "hearings_xlsx"])
def test_a_visitor_without_rights_is_refused(demo, client, name):
    hearing = make_hearing()
    answer = client.get(reverse(name, args=[hearing.pk]))
    assert answer.status_code in (302, 403)
