"""The hearing page's reads by the hearing (published responses and their parts, comments, invited
bodies, the agreement link, later rounds) run through `core.compiled_lists`: each shape's SQL is
compiled once (none falls back to the ORM on every request), and what they give is what the ORM
gives for the same queries."""

import datetime

import pytest
from django.utils import timezone

from samhandling.core import compiled_lists
from samhandling.hearings.choices import CommentStatus, RedactionPart
from samhandling.hearings.comment_selectors import published_comments_by_section
from samhandling.hearings.comments import SectionComment
from samhandling.hearings.invitations import InvitedOrganisation
from samhandling.hearings.publication import published_responses
from samhandling.hearings.responses import Redaction
from samhandling.hearings.selectors import agreement_link, invited_bodies, rounds
from samhandling.organisations.models import Organisation

from .factories import confirmed_response, make_hearing
from .test_page_queries import add_responses

pytestmark = pytest.mark.django_db


def a_hearing_with_everything(*, invite_members: bool):
    from samhandling.agreements.versions import AgreementVersion

    today = timezone.localdate()
    version = AgreementVersion.objects.get(label="Revidert utkast 2024", agreement__number=None)
    hearing = make_hearing(
        opens_on=today - datetime.timedelta(days=70),
        deadline=today - datetime.timedelta(days=10),
        questions=("Einig?",),
        agreement_version=version,
        invite_members=invite_members,
    )
    add_responses(hearing, 4)
    molde = Organisation.objects.get(municipality_number="1506")
    InvitedOrganisation.objects.create(hearing=hearing, organisation=molde)
    with_org = confirmed_response(hearing, organisation=molde, general_answer="Frå Molde.")
    Redaction.objects.create(
        response=with_org, part=RedactionPart.GENERAL, target="", reason="Teiepliktig"
    )
    confirmed_response(hearing, name="Tilbakehalden", withheld=True, withheld_reason="Privat")
    key = hearing.draft_sections[0].key
    for n in range(2):
        SectionComment.objects.create(
            hearing=hearing,
            section_key=key,
            name=f"Kommentator {n}",
            email=f"k{n}@example.org",
            text=f"Kommentar {n}.",
            status=CommentStatus.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(hours=n),
        )
    make_hearing(title="Andre runde", previous_round=hearing)
    hearing.refresh_from_db()
    return hearing


def _fields(obj):
    return (type(obj), {k: v for k, v in vars(obj).items() if not k.startswith("_")})


def what_the_page_reads(hearing) -> dict:
    later = rounds(hearing=hearing)["later_rounds"]
    link = agreement_link(hearing=hearing)
    return {
        "responses": published_responses(hearing=hearing),
        "comments": {
            key: [_fields(c) for c in found]
            for key, found in published_comments_by_section(hearing=hearing).items()
        },
        "invited": [_fields(o) for o in invited_bodies(hearing=hearing).organisations],
        "agreement": (link.url, link.label),
        "later": [_fields(page) for page in later],
    }


@pytest.mark.parametrize("invite_members", [True, False])
def test_the_reads_compile_once_and_give_what_the_orm_gives(demo, monkeypatch, invite_members):
    hearing = a_hearing_with_everything(invite_members=invite_members)
    compiled_lists._compiled.clear()
    compiled = what_the_page_reads(hearing)
    again = what_the_page_reads(hearing)  # from the compiled SQL, run with the values
    shapes = {
        shape: found
        for shape, found in compiled_lists._compiled.items()
        if str(shape[0]).startswith("hearings.")
    }
    # Five for the responses and their parts, comments, invited, agreement link, later rounds.
    assert len(shapes) == 9
    assert compiled_lists._UNCOMPILABLE not in shapes.values()
    monkeypatch.setattr(compiled_lists, "_compile", lambda *args: None)  # the ORM every time
    compiled_lists._compiled.clear()
    through_the_orm = what_the_page_reads(hearing)
    assert compiled == again == through_the_orm
    assert len(compiled["responses"]) == 6
    assert any(r.general.blanked == "Teiepliktig" for r in compiled["responses"])
    assert len(compiled["later"]) == 1 and len(compiled["invited"]) >= 1
    assert sum(len(found) for found in compiled["comments"].values()) == 2
