"""Hearings in the JSON API: public fields only, answers that match the OpenAPI description, and
published responses as the page shows them (blanked parts as the reason, withheld responses as who
and why, never an e-mail, phone or address)."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from ninja.responses import NinjaJSONEncoder
from openapi_core import OpenAPI

from samhandling.hearings.choices import Outcome, RedactionPart
from samhandling.hearings.responses import QuestionAnswer, Redaction, ResponseAttachment
from samhandling.organisations.models import Organisation
from tests.api.conftest import ValidatingClient
from tests.conftest import MR_HOST

from .factories import confirmed_response, make_hearing

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi_spec():
    from samhandling.api import api

    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


@pytest.fixture
def get(openapi_spec, demo):
    client = ValidatingClient(OpenAPI.from_dict(openapi_spec))

    def get_mr(path, **params):
        return client.get(path, host=MR_HOST, **params)

    return get_mr


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_the_description_documents_the_hearings(openapi_spec):
    assert "/api/hearings" in openapi_spec["paths"]
    assert "/api/hearings/{hearing_id}" in openapi_spec["paths"]
    assert "hearings" in openapi_spec["info"]["description"]


def test_the_list_gives_state_period_and_filters_by_state(get):
    open_hearing = make_hearing(title="Open i API")
    decided = make_hearing(
        title="Avgjord i API", opens_on=days(-100), deadline=days(-40), outcome=Outcome.DECIDED
    )
    results = get("/api/hearings", limit=200).json()["results"]
    by_id = {h["id"]: h for h in results}
    assert by_id[open_hearing.pk]["state"] == "open"
    assert by_id[open_hearing.pk]["days_left"] > 0
    assert by_id[decided.pk]["state"] == "decided"
    assert by_id[open_hearing.pk]["responses_public"] is False
    only_decided = get("/api/hearings", state="decided", limit=200).json()["results"]
    assert decided.pk in {h["id"] for h in only_decided}
    assert open_hearing.pk not in {h["id"] for h in only_decided}
    assert get("/api/hearings", state="nonsense").status_code == 422


def test_the_detail_has_the_draft_and_no_responses_before_publication(get):
    hearing = make_hearing(questions=("Einig?",), invited_others="Pasientombodet")
    molde = Organisation.objects.get(municipality_number="1506")
    confirmed_response(hearing, organisation=molde, general_answer="Ikkje publisert enno")
    body = get(f"/api/hearings/{hearing.pk}").json()
    assert [s["number"] for s in body["sections"]] == [1, 2, 3]
    assert body["sections"][0]["key"] == hearing.draft_sections[0].key
    assert body["questions"][0]["text"] == "Einig?"
    assert "Pasientombodet" in body["invited"]["others"]
    assert body["responses"] == []
    assert "Ikkje publisert enno" not in json.dumps(body)


def test_published_responses_with_blanked_parts_and_no_contact_details(get):
    hearing = make_hearing(opens_on=days(-70), deadline=days(-10), questions=("Einig?",))
    first = hearing.draft_sections[0]
    molde = Organisation.objects.get(municipality_number="1506")
    received = timezone.now() - datetime.timedelta(days=20)
    official = confirmed_response(
        hearing,
        organisation=molde,
        general_answer="Molde seier ja.",
        section_texts={first.key: "Blir sladda."},
        received_at=received,
        email="postmottak@molde.example",
        phone="+47 71 11 10 00",
    )
    QuestionAnswer.objects.create(
        response=official, question=hearing.questions.first(), choice="agree", reason="Bra."
    )
    attachment = ResponseAttachment.objects.create(
        response=official,
        original_name="vedtak.pdf",
        size=8,
        content_type="application/pdf",
        file=ContentFile(b"%PDF-1.4", name="vedtak.pdf"),
    )
    Redaction.objects.create(
        response=official, part=RedactionPart.SECTION, target=first.key, reason="Personopplysningar"
    )
    confirmed_response(
        hearing,
        name="Ola Privat",
        email="ola@example.org",
        phone="+47 912 34 567",
        address="Storgata 1",
        general_answer="Privat meining.",
        received_at=received,
    )
    confirmed_response(
        hearing,
        name="Skjult Person",
        general_answer="Skjult.",
        withheld=True,
        withheld_reason="Sensitivt",
        received_at=received,
    )
    body = get(f"/api/hearings/{hearing.pk}").json()
    dumped = json.dumps(body, ensure_ascii=False)
    for secret in (
        "postmottak@molde.example",
        "71 11 10 00",
        "ola@example.org",
        "912 34 567",
        "Storgata 1",
        "Blir sladda.",
        "Skjult.",
        "Skjult Person",
    ):
        assert secret not in dumped
    responses = {r["responder"]: r for r in body["responses"]}
    molde_out = responses[molde.display_name]
    assert molde_out["general_answer"] == {"text": "Molde seier ja.", "blanked": None}
    assert molde_out["sections"] == [
        {"section": first.key, "text": "", "blanked": "Personopplysningar"}
    ]
    assert molde_out["questions"][0]["choice"] == "agree"
    assert molde_out["attachments"][0]["url"].endswith(f"/hoyring/vedlegg/{attachment.pk}/")
    assert responses["Ola Privat"]["kind"] == "private"
    withheld = next(r for r in body["responses"] if r["withheld"])
    assert withheld["responder"] == "" and withheld["withheld_reason"] == "Sensitivt"
    assert withheld["general_answer"] is None


def test_an_unknown_hearing_is_a_json_404(get):
    assert get("/api/hearings/99999999").status_code == 404
