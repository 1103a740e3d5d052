"""The demo hearings (issue #9): the open hearing of Møre og Romsdal's revised samarbeidsavtale
(seed 002) and the decided hearing of Helse Nord's plan for funksjons- og oppgavedeling (seed
000), as data; the pages that show them are tested with the pages."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from samhandling.agreements.versions import AgreementVersion
from samhandling.contacts.demo import HN_OPEN_HEARING_SLUG
from samhandling.hearings.choices import (
    CommentStatus,
    HearingState,
    Outcome,
    Publication,
    RedactionPart,
    ResponderKind,
    ResponseStatus,
)
from samhandling.hearings.comments import SectionComment
from samhandling.hearings.pages import HearingIndexPage, HearingPage
from samhandling.hearings.responses import (
    DeadlineExtension,
    HearingResponse,
    QuestionAnswer,
    Redaction,
    ResponseAttachment,
    ResponseVersion,
    SectionAnswer,
    SectionSummary,
)
from samhandling.organisations.models import HealthCommunity
from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db

HEARING_MODELS = (
    HearingPage,
    HearingResponse,
    ResponseVersion,
    SectionAnswer,
    QuestionAnswer,
    ResponseAttachment,
    Redaction,
    DeadlineExtension,
    SectionComment,
    SectionSummary,
)


def load_demo_again() -> None:
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)


def hearing_on(host: str) -> HearingPage:
    home = Site.objects.get(hostname=host).root_page
    # The seed's hearing, not the open one the contacts demo adds for Alta (contacts/demo.py).
    return HearingPage.objects.descendant_of(home).exclude(slug=HN_OPEN_HEARING_SLUG).get()


def kinds(hearing: HearingPage) -> dict[str, int]:
    rows = hearing.responses.values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows}


def counts() -> list[int]:
    return [model.objects.count() for model in (Page, Revision, *HEARING_MODELS)]


# Both sites: a published index in the menu with a published hearing under it, at the agreed paths.


@pytest.mark.parametrize(
    ("host", "path", "title"),
    [
        (MR_HOST, "/hoyringar/revidert-samarbeidsavtale-2024/", "Høyringar"),
        (HN_HOST, "/horinger/plan-for-funksjons-og-oppgavedeling/", "Høringer"),
    ],
)
def test_each_site_has_a_published_hearings_index_in_its_menu(demo, host, path, title):
    site = demo[host]
    index = HearingIndexPage.objects.child_of(site.root_page).get()
    assert (index.title, index.live, index.show_in_menus) == (title, True, True)
    assert index.intro and index.lead
    hearing = HearingPage.objects.child_of(index).exclude(slug=HN_OPEN_HEARING_SLUG).get()
    assert hearing.live and not hearing.has_unpublished_changes
    assert hearing.get_url_parts()[2] == path
    assert hearing.locale.language_code == ("nn" if host == MR_HOST else "nb")
    shortcuts = [block.value["page"].pk for block in site.root_page.specific.shortcuts]
    assert index.pk in shortcuts


# Møre og Romsdal: the open hearing of the revised agreement.


def test_the_mr_hearing_is_open_on_the_revised_draft_of_2024(demo):
    hearing = hearing_on(MR_HOST)
    today = timezone.localdate()
    assert hearing.title == "Høyring: revidert samarbeidsavtale 2024"
    assert hearing.state == HearingState.OPEN
    assert hearing.opens_on == today - datetime.timedelta(days=14)
    assert hearing.deadline == hearing.opens_on + datetime.timedelta(weeks=8)
    version = AgreementVersion.objects.get(
        agreement__slug="samarbeidsavtalen", label="Revidert utkast 2024"
    )
    assert hearing.agreement_version == version
    assert 5 <= len(hearing.draft_sections) <= 7
    assert hearing.draft_sections[0].heading == "Formål og verkeområde"
    assert hearing.questions.count() == 2
    assert hearing.invite_members
    assert hearing.invited_other_names == [
        "Fylkesrådet for personar med funksjonsnedsetjing",
        "Brukarutvalet i Helse Møre og Romsdal",
    ]
    assert hearing.publication == Publication.AFTER_DEADLINE
    assert hearing.comment_moderation == "before"
    assert not hearing.responses_public
    community = HealthCommunity.objects.get(site__hostname=MR_HOST)
    assert hearing.contact_email == community.contact_email


def test_three_municipalities_of_mr_have_answered_and_one_comment_awaits_moderation(demo):
    hearing = hearing_on(MR_HOST)
    responses = hearing.responses.select_related("organisation")
    assert kinds(hearing) == {ResponderKind.ORGANISATION: 3}
    assert {r.organisation.county for r in responses} == {"Møre og Romsdal"}
    assert all(r.status == ResponseStatus.CONFIRMED for r in responses)
    assert all(r.received_at <= timezone.now() for r in responses)
    decided = [r for r in responses if r.decision_reference]
    assert len(decided) == 1 and decided[0].decision_date
    keys = {section.key for section in hearing.draft_sections}
    assert (
        set(
            SectionAnswer.objects.filter(response__hearing=hearing).values_list(
                "section_key", flat=True
            )
        )
        <= keys
    )
    assert all(r.question_answers.count() == 2 for r in responses)
    assert all(r.versions.count() == 1 for r in responses)
    comments = hearing.comments.all()
    assert {c.section_key for c in comments} <= keys
    assert [c.status for c in comments].count(CommentStatus.PUBLISHED) == 3
    assert [c.status for c in comments].count(CommentStatus.PENDING) == 1


def test_the_mr_bodies_that_have_not_answered_can_be_reminded(demo):
    from samhandling.hearings.board import not_answered_organisations

    hearing = HearingPage.objects.get(slug="revidert-samarbeidsavtale-2024")
    waiting = not_answered_organisations(hearing=hearing)
    assert len(waiting) >= 20
    assert all(organisation.email.endswith(".example") for organisation in waiting)


def test_loading_the_demo_after_the_mr_hearing_closed_opens_it_again(demo):
    hearing = hearing_on(MR_HOST)
    long_ago = timezone.localdate() - datetime.timedelta(days=200)
    HearingPage.objects.filter(pk=hearing.pk).update(
        opens_on=long_ago, deadline=long_ago + datetime.timedelta(weeks=8)
    )
    before = [model.objects.count() for model in HEARING_MODELS]
    load_demo_again()
    hearing = hearing_on(MR_HOST)
    assert hearing.state == HearingState.OPEN
    assert hearing.opens_on == timezone.localdate() - datetime.timedelta(days=14)
    for response in hearing.responses.all():
        assert hearing.opens_on <= timezone.localtime(response.received_at).date()
        assert response.received_at <= timezone.now()
    assert [model.objects.count() for model in HEARING_MODELS] == before


# Helse Nord: the decided hearing of seed 000.


def test_the_hn_hearing_ran_eight_weeks_after_the_board_meeting_and_is_decided(demo):
    hearing = hearing_on(HN_HOST)
    assert hearing.title == "Høring: Plan for funksjons- og oppgavedeling i Helse Nord"
    assert (hearing.opens_on, hearing.deadline) == (
        datetime.date(2023, 12, 21),
        datetime.date(2024, 2, 15),
    )
    assert hearing.outcome == Outcome.DECIDED and hearing.decision_note
    assert hearing.state == HearingState.DECIDED
    assert hearing.responses_public
    assert 5 <= len(hearing.draft_sections) <= 6
    assert hearing.questions.count() == 3
    assert hearing.invite_members
    assert hearing.document is not None
    keys = {"", *(section.key for section in hearing.draft_sections)}
    summaries = hearing.section_summaries.all()
    assert summaries.count() == 3 and {s.section_key for s in summaries} <= keys


def test_the_hn_hearing_was_answered_by_municipalities_trusts_a_user_body_and_a_person(demo):
    hearing = hearing_on(HN_HOST)
    assert kinds(hearing) == {
        ResponderKind.ORGANISATION: 7,
        ResponderKind.OTHER_ORGANISATION: 1,
        ResponderKind.PRIVATE: 1,
    }
    official = hearing.responses.filter(kind=ResponderKind.ORGANISATION)
    assert set(official.values_list("organisation__kind", flat=True)) == {
        "kommune",
        "helseforetak",
    }
    assert {r.organisation.name for r in official.filter(organisation__kind="kommune")} == {
        "Tromsø",
        "Bodø",
        "Alta",
        "Narvik",
        "Kåfjord",
    }
    trusts = official.filter(organisation__kind="helseforetak")
    assert trusts.count() == 2
    members = HealthCommunity.objects.get(site__hostname=HN_HOST).members
    assert all(members.filter(pk=r.organisation_id).exists() for r in official)
    other = hearing.responses.get(kind=ResponderKind.OTHER_ORGANISATION)
    assert other.organisation is None and other.organisation_name == "FFO Nordland"
    assert all(r.status == ResponseStatus.CONFIRMED for r in hearing.responses.all())


def test_the_private_persons_contact_is_stored_and_one_part_of_it_is_blanked(demo):
    hearing = hearing_on(HN_HOST)
    person = hearing.responses.get(kind=ResponderKind.PRIVATE)
    assert person.is_private_person
    assert person.phone and person.address and person.email
    redaction = Redaction.objects.get(response__hearing=hearing)
    assert redaction.response == person and redaction.reason
    assert redaction.part == RedactionPart.SECTION
    assert person.section_answers.filter(section_key=redaction.target).exists()


def test_one_response_says_no_comments_and_one_came_late_under_an_extension(demo):
    hearing = hearing_on(HN_HOST)
    quiet = hearing.responses.get(no_comments=True)
    assert quiet.organisation.name == "Kåfjord"
    assert not quiet.section_answers.exists() and not quiet.general_answer
    late = hearing.responses.filter(received_at__gt=hearing.closes_at)
    assert late.count() == 1
    extension = DeadlineExtension.objects.get(hearing=hearing)
    assert extension.organisation == late.get().organisation
    assert late.get().received_at.date() <= extension.deadline


def test_every_hn_response_has_versions_and_answers_and_two_carry_a_pdf(demo):
    hearing = hearing_on(HN_HOST)
    responses = list(hearing.responses.all())
    assert all(r.versions.exists() for r in responses)
    changed = [r for r in responses if r.versions.count() == 2]
    assert len(changed) == 1
    first, last = changed[0].versions.order_by("number")
    assert first.content["general_answer"] != last.content["general_answer"]
    assert last.content["general_answer"] == changed[0].general_answer
    assert last.created_at == changed[0].received_at
    answering = [r for r in responses if not r.no_comments]
    assert all(r.section_answers.exists() and r.question_answers.exists() for r in answering)
    attachments = ResponseAttachment.objects.filter(response__hearing=hearing)
    assert attachments.count() == 2
    for attachment in attachments:
        with attachment.file.open("rb") as file:
            data = file.read()
        assert data.startswith(b"%PDF") and len(data) == attachment.size
        assert attachment.content_type == "application/pdf"


# Idempotence.


def test_loading_the_demo_again_adds_no_hearing_rows_or_revisions(demo):
    before = counts()
    load_demo_again()
    assert counts() == before
