"""The secretariat registers a response received by letter or e-mail: it counts at once, shows
as registered by the secretariat, late when received after the deadline; a second official
response from the same organisation is refused."""

import datetime

from django.urls import reverse
from django.utils import timezone

from samhandling.hearings.board import BodyState, hearing_board
from samhandling.hearings.responses import HearingResponse

from .board_helpers import hearing_with_members


def test_a_letter_is_registered_and_a_second_one_refused(demo, admin_client):
    today = timezone.localdate()
    hearing, members = hearing_with_members(
        opens_on=today - datetime.timedelta(weeks=10), deadline=today - datetime.timedelta(days=2)
    )
    section = hearing.draft_sections[0]
    url = reverse("hearings_register", args=[hearing.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "kind": "organisation",
        "organisation": members[0].pk,
        "name": "Rådmann Rita",
        "email": "post@kommune.example",
        "received_on": today.isoformat(),
        "general_answer": "Sjå vedtaket.",
        f"section_{section.key}": "Merknad til del 1.",
    }
    assert admin_client.post(url, data).status_code == 302
    response = HearingResponse.objects.get(hearing=hearing)
    assert response.registered_by == admin_client.user
    assert response.section_answers.get().text == "Merknad til del 1."
    row = next(r for r in hearing_board(hearing=hearing).rows if r.response == response)
    assert row.state == BodyState.LATE
    again = admin_client.post(url, data)
    assert again.status_code == 400
    assert again.context["form"].non_field_errors()  # "… has already answered this hearing."
    empty = admin_client.post(
        url,
        {**data, "organisation": members[1].pk, "general_answer": "", f"section_{section.key}": ""},
    )
    assert empty.status_code == 400
    assert HearingResponse.objects.filter(hearing=hearing).count() == 1
