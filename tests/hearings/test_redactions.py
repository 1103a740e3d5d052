"""Withholding and blanking responses: a recorded reason, who and when, undo, the audit log,
and refusals of bad input."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import PageLogEntry

from samhandling.audit.models import AuditLogEntry  # noqa: F401 - the log model exists
from samhandling.hearings.choices import QuestionChoice, RedactionPart
from samhandling.hearings.redactions import (
    response_blank,
    response_release,
    response_unblank,
    response_withhold,
)
from samhandling.hearings.responses import QuestionAnswer, Redaction

from .factories import confirmed_response, make_hearing


@pytest.fixture
def response(demo):
    hearing = make_hearing(questions=("Støttar de planen?",))
    section = hearing.draft_sections[1]
    response = confirmed_response(
        hearing, name="Ola Privat", section_texts={section.key: "Naboen min Per er sjuk."}
    )
    QuestionAnswer.objects.create(
        response=response,
        question=hearing.questions.get(),
        choice=QuestionChoice.DISAGREE,
        reason="Fordi …",
    )
    return response


def test_withholding_records_who_why_and_when_and_can_be_undone(response, admin_client):
    user = admin_client.user
    withheld = response_withhold(response=response, reason="Personopplysningar", actor=user)
    assert withheld.withheld and withheld.withheld_by == user and withheld.withheld_at
    assert withheld.withheld_reason == "Personopplysningar"
    released = response_release(response=withheld, actor=user)
    assert not released.withheld and released.withheld_reason == ""
    actions = list(
        PageLogEntry.objects.filter(page=response.hearing).values_list("action", flat=True)
    )
    assert "samhandling.response.withhold" in actions
    assert "samhandling.response.release" in actions


def test_a_reason_is_required(response):
    with pytest.raises(ValidationError):
        response_withhold(response=response, reason="  ")
    response.refresh_from_db()
    assert not response.withheld


def test_blanking_one_section_and_undoing_it(response, admin_client):
    key = response.hearing.draft_sections[1].key
    redaction = response_blank(
        response=response,
        part=RedactionPart.SECTION,
        target=key,
        reason="Helseopplysningar om ein annan",
        actor=admin_client.user,
    )
    assert redaction.created_by == admin_client.user
    with pytest.raises(ValidationError):
        response_blank(response=response, part=RedactionPart.SECTION, target=key, reason="x")
    response_unblank(redaction=redaction, actor=admin_client.user)
    assert not Redaction.objects.filter(response=response).exists()


def test_a_part_the_response_does_not_have_is_refused(response):
    with pytest.raises(ValidationError):
        response_blank(response=response, part=RedactionPart.SECTION, target="forged", reason="x")
    with pytest.raises(ValidationError):
        response_blank(response=response, part=RedactionPart.ATTACHMENT, target="999", reason="x")
    assert not Redaction.objects.exists()


def test_the_response_page_in_the_admin_withholds_and_blanks(response, admin_client):
    url = reverse("hearings_response", args=[response.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "Naboen min Per" in page.content.decode()
    assert admin_client.post(url, {"action": "withhold", "reason": ""}).status_code == 400
    assert (
        admin_client.post(url, {"action": "withhold", "reason": "Ærekrenking"}).status_code == 302
    )
    response.refresh_from_db()
    assert response.withheld
    question = response.question_answers.get().question_id
    blanked = admin_client.post(
        url, {"action": "blank", "part": f"question:{question}", "reason": "Namn på pasient"}
    )
    assert blanked.status_code == 302
    redaction = Redaction.objects.get(response=response)
    assert redaction.part == RedactionPart.QUESTION and redaction.target == str(question)
    forged = admin_client.post(url, {"action": "blank", "part": "section:forged", "reason": "x"})
    assert forged.status_code == 400
    undone = admin_client.post(url, {"action": "unblank", "redaction": redaction.pk})
    assert undone.status_code == 302 and not Redaction.objects.exists()
    assert admin_client.post(url, {"action": "release"}).status_code == 302
    response.refresh_from_db()
    assert not response.withheld
