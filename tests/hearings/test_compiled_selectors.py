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


def test_the_page_reads_its_questions_document_and_version_as_the_orm_does(demo, monkeypatch):
    from django.test import RequestFactory

    from samhandling.hearings.pages import HearingPage
    from samhandling.hearings.selectors import hearing_page_context

    from .factories import MR_HOST

    hearing = a_hearing_with_everything(invite_members=True)
    request = RequestFactory().get("/", HTTP_HOST=MR_HOST)
    request.is_preview = False
    for compiling in (True, False):
        if not compiling:
            monkeypatch.setattr(compiled_lists, "_compile", lambda *args: None)
            compiled_lists._compiled.clear()
        page = HearingPage.objects.get(pk=hearing.pk)
        context = hearing_page_context(hearing=page, request=request)
        assert context["questions"] == [
            {"pk": q.pk, "text": q.text, "help_text": q.help_text} for q in hearing.questions.all()
        ]
        assert _fields(page.agreement_version) == _fields(hearing.agreement_version)
        assert page.document is None
        orm = invited_bodies(hearing=hearing).organisations
        assert [tuple(o) for o in context["invited"].organisations] == [
            (o.pk, o.name, o.sami_name, o.municipality_number) for o in orm
        ]
    # A preview shows the questions being edited, not those saved.
    request.is_preview = True
    page = HearingPage.objects.get(pk=hearing.pk)
    unsaved = page.questions.all()[0]
    unsaved.text = "Endra i førehandsvisinga"
    page.questions = [unsaved]
    assert hearing_page_context(hearing=page, request=request)["questions"][0].text == unsaved.text


def test_the_listed_hearings_are_those_the_orm_lists(demo, monkeypatch):
    from samhandling.hearings.pages import HearingIndexPage
    from samhandling.hearings.selectors import hearings_below

    make_hearing(title="Ei til")
    for index in HearingIndexPage.objects.all():
        compiled_lists._compiled.clear()
        compiled = [_fields(page) for page in hearings_below(root=index, listed=True)]
        again = [_fields(page) for page in hearings_below(root=index, listed=True)]
        assert tuple(
            {shape[0] for shape in compiled_lists._compiled if "below" in str(shape[0])}
        ) == ("hearings.below.listed",)
        assert compiled_lists._UNCOMPILABLE not in compiled_lists._compiled.values()
        expected = [page.pk for page in hearings_below(root=index)]
        with monkeypatch.context() as patched:
            patched.setattr(compiled_lists, "_compile", lambda *args: None)
            compiled_lists._compiled.clear()
            orm = [_fields(page) for page in hearings_below(root=index, listed=True)]
        assert compiled == again == orm
        assert [fields["page_ptr_id"] for _type, fields in compiled] == expected
