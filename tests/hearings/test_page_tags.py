"""The hearing page's lists made in Python (`hearing_page_tags`) give the HTML the templates they
replaced gave: the old templates (kept in `page_tags_reference/`) and the tags render the same
cases, in each language, and must agree to the byte."""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Engine, engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.rich_text import RichText

from samhandling.hearings.choices import CommentModeration
from samhandling.hearings.pages import DraftSection
from samhandling.hearings.publication import (
    Part,
    PublishedAnswer,
    PublishedAttachment,
    PublishedResponse,
    SectionResponse,
)
from samhandling.hearings.selectors import DraftView, InvitedBodies
from samhandling.organisations.models import Organisation

from .factories import MR_HOST, make_hearing

REFERENCE = Path(__file__).parent / "page_tags_reference"
LANGUAGES = ("nn", "nb", "en")
TRICKY = "<b>Ål & «sø»</b> \"'"


def reference_engine() -> Engine:
    templates = {
        f"hearings/includes/{path.name}": path.read_text() for path in REFERENCE.glob("*.html")
    }
    return Engine(
        loaders=[("django.template.loaders.locmem.Loader", templates)],
        libraries={
            "i18n": "django.templatetags.i18n",
            "samhandling_tags": "samhandling.core.templatetags.samhandling_tags",
            "wagtailcore_tags": "wagtail.templatetags.wagtailcore_tags",
            "organisation_tags": "samhandling.organisations.templatetags.organisation_tags",
        },
    )


# The old templates the page now calls a tag for, and what the page (or the include) has instead.
TAGS = {
    "hearing_response.html": (
        "{% load hearing_page_tags %}{% published_response_items published_responses page %}\n"
    ),
    "hearing_responses.html": "{% load hearing_page_tags %}{% hearing_responses %}",
    "hearing_invited.html": "{% load hearing_page_tags %}{% invited_bodies invited %}",
    "hearing_facts.html": "{% load hearing_page_tags %}{% hearing_facts %}",
    "hearing_questions.html": "{% load hearing_page_tags %}{% hearing_questions questions page %}",
    "draft_contents.html": "{% load hearing_page_tags %}{% draft_contents draft page %}",
}


def both(name: str, context: dict, language: str) -> tuple[str, str]:
    """(the old template's HTML, the new one's) for the same context."""
    with translation.override(language):
        old = reference_engine().get_template(f"hearings/includes/{name}").render(Context(context))
        if name in TAGS:
            new = engines["django"].from_string(TAGS[name]).render(context)
        else:
            new = render_to_string(f"hearings/includes/{name}", context)
    return old, new


@pytest.fixture
def request_mr():
    return RequestFactory().get("/", HTTP_HOST=MR_HOST)


def comments():
    at = timezone.make_aware(dt.datetime(2026, 3, 4, 12, 30))
    return [
        SimpleNamespace(name=TRICKY, published_at=at, text="Første linje\nAndre <linje>\n\nNy"),
        SimpleNamespace(name="Utan dato", published_at=None, text=""),
    ]


def responses(organisation):
    received = timezone.make_aware(dt.datetime(2026, 2, 1, 9, 0))
    return [
        PublishedResponse(
            id=1,
            name=organisation.display_name,
            kind="organisation",
            kind_label="Organisasjon",
            organisation=organisation,
            received_at=received,
            late=True,
            no_comments=True,
            decision_reference="Sak 12/26",
            decision_date=dt.date(2026, 1, 20),
            general=Part(text="Generelt:\nbra <nok>."),
            answers=[
                PublishedAnswer(1, TRICKY, "agree", "Einig", Part(text="Fordi\nså")),
                PublishedAnswer(2, "Spørsmål 2", "partly", "Delvis", Part(blanked=TRICKY)),
                PublishedAnswer(3, "Spørsmål 3", "disagree", "Ueinig", Part()),
            ],
            attachments=[
                PublishedAttachment(1, TRICKY, 123456, "application/pdf", url="/vedlegg/1/"),
                PublishedAttachment(
                    2, "b.pdf", 10, "application/pdf", blanked="Personopplysningar"
                ),
            ],
        ),
        PublishedResponse(
            id=2,
            name=TRICKY,
            kind="other_organisation",
            kind_label=TRICKY,
            organisation=None,
            received_at=None,
            late=False,
            decision_reference="Vedtak",
            general=Part(blanked=TRICKY),
        ),
        PublishedResponse(
            id=3,
            name="Kari",
            kind="private",
            kind_label="Privatperson",
            organisation=None,
            received_at=received,
            late=False,
            withheld=True,
            withheld_reason=TRICKY,
        ),
        PublishedResponse(
            id=4,
            name="",
            kind="private",
            kind_label="Privatperson",
            organisation=None,
            received_at=received,
            late=False,
            withheld=True,
            withheld_reason="Grunn",
        ),
    ]


def draft(organisation):
    listed = responses(organisation)
    first = DraftSection(number=1, key="k-1", heading=TRICKY, text=RichText("<p>Tekst 1</p>"))
    second = DraftSection(number=2, key="k-2", heading="Del 2", text=RichText("<p>Tekst 2</p>"))
    for response in listed[:2]:
        response.section_list = [(first, Part(text="Om del 1\nmeir")), (second, Part(blanked="X"))]
    return listed, [
        DraftView(
            section=first,
            responses=[SectionResponse(listed[0], Part(text="Om del 1\nmeir"))],
            comments=comments(),
        ),
        DraftView(
            section=second,
            responses=[
                SectionResponse(listed[0], Part(blanked=TRICKY)),
                SectionResponse(listed[1], Part(text="")),
            ],
            comments=[],
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("opens_in_days", [-7, 7])
@pytest.mark.parametrize("moderation", [CommentModeration.BEFORE, CommentModeration.OFF])
def test_the_sections_and_comments_are_as_the_templates_made_them(
    demo, request_mr, language, opens_in_days, moderation
):
    hearing = make_hearing(
        opens_on=timezone.localdate() + dt.timedelta(days=opens_in_days),
        comment_moderation=moderation,
    )
    organisation = Organisation.objects.order_by("pk").first()
    _listed, items = draft(organisation)
    context = {"request": request_mr, "page": hearing, "draft": items}
    old, new = both("hearing_section.html", context, language)
    assert old == new
    assert "hearing-said__item" in new and "hearing-section-comments__item" in new
    for item in items:
        context = {"hearing": hearing, "section": item.section, "comments": item.comments}
        old, new = both("section_comments.html", context, language)
        assert old == new


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_responses_are_as_the_template_made_them(demo, request_mr, language):
    hearing = make_hearing()
    organisation = Organisation.objects.order_by("pk").first()
    listed, _items = draft(organisation)
    for request in (request_mr, None):
        context = {"request": request, "page": hearing, "published_responses": listed}
        old, new = both("hearing_response.html", context, language)
        assert old == new
    assert "hearing-blanked" in new and "hearing-file-meta" in new


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invited_bodies_are_as_the_template_made_them(demo, request_mr, language):
    organisations = list(Organisation.objects.order_by("name")[:30])
    invited = InvitedBodies(organisations=organisations, others=[TRICKY, "Andre"])
    for request in (request_mr, None):
        old, new = both("hearing_invited.html", {"request": request, "invited": invited}, language)
        assert old == new
    assert (
        'href="'
        in both("hearing_invited.html", {"request": request_mr, "invited": invited}, "nn")[1]
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("as_rows", [False, True])
def test_the_invited_rows_are_as_the_template_made_them(demo, request_mr, language, as_rows):
    from samhandling.hearings.selectors import OrganisationRow

    organisations = list(Organisation.objects.order_by("name")[:40])
    assert any(o.sami_name for o in organisations)
    if as_rows:
        organisations = [
            OrganisationRow(o.pk, o.name, o.sami_name, o.municipality_number) for o in organisations
        ]
    invited = InvitedBodies(organisations=organisations, others=[TRICKY])
    old, new = both("hearing_invited.html", {"request": request_mr, "invited": invited}, language)
    assert old == new


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_organisation_paths_are_organisation_url(demo, language):
    from wagtail.models import Site

    from samhandling.organisations.public_selectors import organisation_paths, organisation_url

    for site in Site.objects.all():
        with translation.override(language):
            paths = organisation_paths(site=site)
            for pk in Organisation.objects.values_list("pk", flat=True):
                assert paths.get(pk, "") == organisation_url(site=site, organisation_id=pk)
        assert paths


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_hearing_list_is_as_the_template_made_it(demo, request_mr, language):
    from samhandling.hearings.pages import HearingPage
    from samhandling.hearings.selectors import hearing_groups, hearings_below

    from .factories import hearing_index

    today = timezone.localdate()
    make_hearing(title=TRICKY)
    make_hearing(title="Kjem", opens_on=today + dt.timedelta(days=10))
    closed = make_hearing(
        title="Lukka",
        opens_on=today - dt.timedelta(days=100),
        deadline=today - dt.timedelta(days=10),
    )
    HearingPage.objects.filter(pk=closed.pk).update(lead="")
    groups = hearing_groups(hearings=hearings_below(root=hearing_index(), listed=True))
    assert groups.open and groups.upcoming and groups.closed
    for items in (groups.open, groups.upcoming, groups.closed):
        old, new = both("hearing_list.html", {"request": request_mr, "hearings": items}, language)
        assert old == new
    assert TRICKY not in new


def _facts_page(**fields):
    """What the facts read of a hearing page, without a page (any agreement version, any
    decision note)."""
    today = timezone.localdate()
    known = {
        "pk": 12,
        "days_left": 1,
        "opens_on": today - dt.timedelta(days=3),
        "deadline": today,
        "short_period_reason": "",
        "agreement_version": None,
        "decision_note": "",
        "content_language": "nb",
    }
    return SimpleNamespace(**{**known, **fields})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_facts_are_as_the_template_made_them(demo, request_mr, language):
    from samhandling.hearings.selectors import Link

    earlier = make_hearing(title=TRICKY)
    later = [make_hearing(title="Runde 3"), make_hearing(title="Runde 4")]
    decided = {"case": Link(url="/sak/?a=1&b=2", label=TRICKY), "version": None}
    cases = [
        ({"state": "open", "state_label": "Open", "state_colour": "success", "is_open": True}, {}),
        (
            {"state": "open", "is_open": True, "earlier_round": earlier, "later_rounds": later},
            {"days_left": 12, "short_period_reason": TRICKY},
        ),
        (
            {"state": "upcoming", "agreement": Link(url="/avtale/", label=TRICKY)},
            {"agreement_version": SimpleNamespace(label=TRICKY), "content_language": language},
        ),
        ({"state": "decided", "decision": decided, "later_rounds": later[:1]}, {}),
        (
            {"state": "decided", "decision": {"case": None, "version": decided["case"]}},
            {"decision_note": TRICKY},
        ),
    ]
    for context, fields in cases:
        context = {"request": request_mr, "page": _facts_page(**fields), **context}
        old, new = both("hearing_facts.html", context, language)
        assert old == new


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_responses_section_is_as_the_template_made_it(demo, request_mr, language):
    hearing = make_hearing()
    listed, _items = draft(Organisation.objects.order_by("pk").first())
    for public, responses in ((False, []), (True, []), (True, listed), (True, listed[:1])):
        context = {
            "request": request_mr,
            "page": hearing,
            "responses_public": public,
            "published_responses": responses,
        }
        old, new = both("hearing_responses.html", context, language)
        assert old == new


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_questions_and_contents_are_as_the_template_made_them(demo, request_mr, language):
    hearing = make_hearing(questions=(TRICKY, "Andre"))
    rows = [{"pk": 1, "text": TRICKY, "help_text": ""}, {"pk": 2, "text": "B", "help_text": TRICKY}]
    for questions in (rows, list(hearing.questions.all()), []):
        context = {"page": _facts_page(content_language="nn"), "questions": questions}
        old, new = both("hearing_questions.html", context, language)
        assert old == new
    _listed, items = draft(Organisation.objects.order_by("pk").first())
    for page in (hearing, _facts_page(content_language="en")):
        old, new = both("draft_contents.html", {"page": page, "draft": items}, language)
        assert old == new
