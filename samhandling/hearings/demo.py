"""Demo hearings (issue #9) on the two demo sites, written straight through the models.

- Møre og Romsdal (nynorsk, seed 002): the index "Høyringar" and the open hearing of the revised
  samarbeidsavtale, tied to the agreement version "Revidert utkast 2024". It opened two weeks
  before the day the demo is first loaded and runs for eight weeks; a later load keeps those
  dates while the hearing is open, and moves it (with its responses and comments) to open again
  once it has closed. Three municipalities have answered and four comments have come in, one of
  them waiting for moderation.
- Helse Nord (bokmål, seed 000): the index "Høringer" and the decided hearing of the plan for
  funksjons- og oppgavedeling (after the board meeting of 20.12.2023: 21.12.2023–15.02.2024),
  answered by five municipalities, two hospital trusts, a user organisation and a private person;
  one municipality said "no comments", one answered late under an extended deadline, and one
  part of the private person's response is blanked from publication. The secretariat's
  summaries for the board (general, akuttkirurgi, fødetilbud) are in place.

Idempotent like the rest of the demo: a second run creates no rows, files or revisions."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page

from samhandling.agreements.pages import AgreementPage
from samhandling.agreements.versions import AgreementVersion
from samhandling.core.demo import drawings
from samhandling.core.demo.builder import ensure_page, ensure_pdf_document, stream
from samhandling.organisations.models import Organisation

from . import demo_texts as texts
from .choices import (
    CommentModeration,
    CommentStatus,
    Outcome,
    Publication,
    RedactionPart,
    ResponderKind,
    ResponseStatus,
)
from .comments import SectionComment
from .pages import HearingIndexPage, HearingPage, HearingQuestion
from .responses import (
    DeadlineExtension,
    HearingResponse,
    QuestionAnswer,
    Redaction,
    ResponseAttachment,
    ResponseVersion,
    SectionAnswer,
    SectionSummary,
)

MR_INDEX_SLUG = "hoyringar"
MR_HEARING_SLUG = "revidert-samarbeidsavtale-2024"
MR_VERSION_LABEL = "Revidert utkast 2024"
MR_OPENED_DAYS_AGO = 14
PERIOD = datetime.timedelta(weeks=8)
HN_INDEX_SLUG = "horinger"
HN_HEARING_SLUG = "plan-for-funksjons-og-oppgavedeling"
HN_OPENS = datetime.date(2023, 12, 21)  # the day after the board meeting of 20.12.2023
HN_DEADLINE = HN_OPENS + PERIOD  # 15.02.2024
HN_INVITED_OTHERS = "Regionalt brukerutvalg i Helse Nord RHF"


def _ensure(model, lookup: dict, values: dict):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    """`hour` o'clock on `day` in the site's time zone (Europe/Oslo)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _organisation(key: str) -> Organisation:
    if key.isdigit():
        return Organisation.objects.get(municipality_number=key)
    return Organisation.objects.get(reference_key=key)


def _sections(key: str, sections: list[tuple[str, str]]) -> list[dict]:
    """The draft's sections with stable block ids (the section keys answers point at)."""
    return stream(key, [("section", {"heading": h, "text": t}) for h, t in sections])


def _ensure_questions(hearing: HearingPage, questions) -> list[HearingQuestion]:
    wanted = [{"text": text, "help_text": help_text} for text, help_text in questions]
    current = [{"text": q.text, "help_text": q.help_text} for q in hearing.questions.all()]
    if current != wanted:
        hearing.questions = [HearingQuestion(sort_order=n, **v) for n, v in enumerate(wanted)]
        hearing.save_revision().publish()
    return list(HearingQuestion.objects.filter(hearing=hearing).order_by("sort_order", "pk"))


def _ensure_children(response, model, key_field: str, wanted: dict) -> None:
    """The response's section or question answers: `wanted` maps key -> field values."""
    existing = {getattr(row, key_field): row for row in model.objects.filter(response=response)}
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    for key, values in wanted.items():
        _ensure(model, {"response": response, key_field: key}, values)


def _ensure_response(
    hearing: HearingPage,
    *,
    email: str,
    values: dict,
    section_texts: dict[str, str],
    answers: list[tuple[HearingQuestion, str, str]],
    earlier: tuple[datetime.datetime, str] | None = None,
) -> HearingResponse:
    """A confirmed response with its answers and versions (the last version is what counts; an
    `earlier` version (when, general answer) is the first one, since changed)."""
    received = values["received_at"]
    confirmed = earlier[0] if earlier else received
    response = _ensure(
        HearingResponse,
        {"hearing": hearing, "email": email},
        {
            **values,
            "status": ResponseStatus.CONFIRMED,
            "created_at": confirmed - datetime.timedelta(minutes=5),
            "confirmed_at": confirmed,
        },
    )
    _ensure_children(
        response, SectionAnswer, "section_key", {k: {"text": t} for k, t in section_texts.items()}
    )
    _ensure_children(
        response,
        QuestionAnswer,
        "question_id",
        {q.pk: {"choice": choice, "reason": reason} for q, choice, reason in answers},
    )
    content = {
        "general_answer": values["general_answer"],
        "no_comments": values.get("no_comments", False),
        "decision_reference": values.get("decision_reference", ""),
        "decision_date": values["decision_date"].isoformat() if values.get("decision_date") else "",
        "sections": section_texts,
        "questions": {str(q.pk): {"choice": c, "reason": r} for q, c, r in answers},
    }
    versions = [(received, content)]
    if earlier:
        first = {
            **content,
            "general_answer": earlier[1],
            "decision_reference": "",
            "decision_date": "",
        }
        versions.insert(0, (earlier[0], first))
    for number, (created_at, data) in enumerate(versions, start=1):
        _ensure(
            ResponseVersion,
            {"response": response, "number": number},
            {"created_at": created_at, "content": data},
        )
    response.versions.filter(number__gt=len(versions)).delete()
    return response


def _ensure_attachment(response: HearingResponse, *, name: str, lines: list[str]) -> None:
    if response.attachments.filter(original_name=name).exists():
        return
    pdf = drawings.text_pdf(lines)
    attachment = ResponseAttachment(
        response=response,
        original_name=name,
        size=len(pdf),
        content_type="application/pdf",
        created_at=response.received_at,
    )
    attachment.file.save(name, ContentFile(pdf), save=True)


def _index(home: Page, *, slug: str, title: str, lead: str, intro: str) -> HearingIndexPage:
    return ensure_page(
        home, HearingIndexPage, slug=slug, title=title, show_in_menus=True, lead=lead, intro=intro
    )


# --- Møre og Romsdal -----------------------------------------------------------------------------


def _mr_opening_day(index: HearingIndexPage) -> datetime.date:
    """Two weeks before today, unless the demo hearing is already open (then it keeps its days)."""
    existing = HearingPage.objects.child_of(index).filter(slug=MR_HEARING_SLUG).first()
    if existing is not None and existing.is_open():
        return existing.opens_on
    return timezone.localdate() - datetime.timedelta(days=MR_OPENED_DAYS_AGO)


def build_more_og_romsdal(*, home: Page) -> dict:
    index = _index(
        home,
        slug=MR_INDEX_SLUG,
        title="Høyringar",
        lead=texts.MR_INDEX_LEAD,
        intro=texts.MR_INDEX_INTRO,
    )
    agreement = AgreementPage.objects.child_of(home).get(slug="samarbeidsavtalen")
    version = AgreementVersion.objects.get(agreement=agreement, label=MR_VERSION_LABEL)
    opens_on = _mr_opening_day(index)
    hearing = ensure_page(
        index,
        HearingPage,
        slug=MR_HEARING_SLUG,
        title="Høyring: revidert samarbeidsavtale 2024",
        lead=texts.MR_LEAD,
        asked=texts.MR_ASKED,
        sections=_sections("mr/hoyring/samarbeidsavtale-2024", texts.MR_SECTIONS),
        opens_on=opens_on,
        deadline=opens_on + PERIOD,
        publication=Publication.AFTER_DEADLINE,
        comment_moderation=CommentModeration.BEFORE,
        invite_members=True,
        invited_others=texts.MR_INVITED_OTHERS,
        agreement_version=version,
        outcome=Outcome.NONE,
        **texts.MR_CONTACT,
    )
    questions = _ensure_questions(hearing, texts.MR_QUESTIONS)
    keys = [section.key for section in hearing.draft_sections]
    for (
        number,
        name,
        role,
        email,
        reference,
        decided_after,
        received_after,
        general,
        sections,
        choices,
    ) in texts.MR_RESPONSES:
        decided = opens_on + datetime.timedelta(days=decided_after) if decided_after else None
        _ensure_response(
            hearing,
            email=email,
            values={
                "kind": ResponderKind.ORGANISATION,
                "organisation": _organisation(number),
                "name": name,
                "role": role,
                "language": "nn",
                "general_answer": general,
                "decision_reference": reference,
                "decision_date": decided,
                "received_at": _at(opens_on + datetime.timedelta(days=received_after), 10),
            },
            section_texts={keys[n - 1]: text for n, text in sections.items()},
            answers=[(questions[q], choice, reason) for q, choice, reason in choices],
        )
    for number, name, email, text, published, days in texts.MR_COMMENTS:
        sent = _at(opens_on + datetime.timedelta(days=days), 9)
        confirmed = sent + datetime.timedelta(minutes=10)
        done = confirmed + datetime.timedelta(hours=3) if published else None
        _ensure(
            SectionComment,
            {"hearing": hearing, "email": email, "section_key": keys[number - 1]},
            {
                "name": name,
                "text": text,
                "language": "nn",
                "status": CommentStatus.PUBLISHED if published else CommentStatus.PENDING,
                "created_at": sent,
                "confirmed_at": confirmed,
                "published_at": done,
                "moderated_at": done,
            },
        )
    return {"index": index, "hearing": hearing}


def give_post_boxes(*, community) -> None:
    """The registry holds no e-mail addresses; the demo gives each member organisation of the
    community without one a made-up post box (postmottak@<name>.kommune.example), so that the
    hearing board's reminder can be tried. An address set by hand is kept. Called once the
    community exists (core/demo/sites.py)."""
    from django.utils.text import slugify

    for organisation in community.members.filter(email=""):
        domain = slugify(organisation.name.replace("æ", "ae").replace("ø", "o").replace("å", "a"))
        kind = "kommune" if organisation.kind == "kommune" else "org"
        organisation.email = f"postmottak@{domain}.{kind}.example"
        organisation.save(update_fields=["email"])


# --- Helse Nord ----------------------------------------------------------------------------------


def _hn_values(spec: dict) -> dict:
    kind = spec.get("kind", ResponderKind.ORGANISATION)
    decision_date = spec.get("decision_date")
    return {
        "kind": kind,
        "organisation": _organisation(spec["org"]) if "org" in spec else None,
        "organisation_name": spec.get("organisation_name", ""),
        "name": spec["name"],
        "role": spec.get("role", ""),
        "phone": spec.get("phone", ""),
        "address": spec.get("address", ""),
        "language": "nb",
        "no_comments": spec.get("no_comments", False),
        "general_answer": spec["general"],
        "decision_reference": spec.get("decision_reference", ""),
        "decision_date": datetime.date(*decision_date) if decision_date else None,
        "received_at": _at(datetime.date(*spec["received"][:3]), spec["received"][3]),
    }


def build_helse_nord(*, home: Page) -> dict:
    index = _index(
        home,
        slug=HN_INDEX_SLUG,
        title="Høringer",
        lead=texts.HN_INDEX_LEAD,
        intro=texts.HN_INDEX_INTRO,
    )
    hearing = ensure_page(
        index,
        HearingPage,
        slug=HN_HEARING_SLUG,
        title="Høring: Plan for funksjons- og oppgavedeling i Helse Nord",
        lead=texts.HN_LEAD,
        asked=texts.HN_ASKED,
        sections=_sections("hn/horing/funksjons-og-oppgavedeling", texts.HN_SECTIONS),
        document=ensure_pdf_document(title=texts.HN_DOCUMENT_TITLE, lines=texts.HN_DOCUMENT_LINES),
        opens_on=HN_OPENS,
        deadline=HN_DEADLINE,
        publication=Publication.AFTER_DEADLINE,
        comment_moderation=CommentModeration.BEFORE,
        invite_members=True,
        invited_others=HN_INVITED_OTHERS,
        outcome=Outcome.DECIDED,
        decision_note=texts.HN_DECISION_NOTE,
        **texts.HN_CONTACT,
    )
    questions = _ensure_questions(hearing, texts.HN_QUESTIONS)
    keys = [section.key for section in hearing.draft_sections]
    for spec in texts.HN_RESPONSES:
        if "late" in spec:
            _ensure(
                DeadlineExtension,
                {"hearing": hearing, "organisation": _organisation(spec["org"])},
                {
                    "deadline": datetime.date(*spec["late"]),
                    "reason": texts.HN_EXTENSION_REASON,
                    "created_at": _at(HN_DEADLINE - datetime.timedelta(days=5), 13),
                },
            )
        earlier = spec.get("earlier")
        response = _ensure_response(
            hearing,
            email=spec["email"],
            values=_hn_values(spec),
            section_texts={keys[n - 1]: text for n, text in spec.get("sections", {}).items()},
            answers=[(questions[q], c, r) for q, c, r in spec.get("questions", [])],
            earlier=(_at(datetime.date(*earlier[0][:3]), earlier[0][3]), earlier[1])
            if earlier
            else None,
        )
        if "attachment" in spec:
            name, lines = spec["attachment"]
            _ensure_attachment(response, name=name, lines=lines)
        if "redact" in spec:
            _ensure(
                Redaction,
                {
                    "response": response,
                    "part": RedactionPart.SECTION,
                    "target": keys[spec["redact"] - 1],
                },
                {
                    "reason": texts.HN_REDACTION_REASON,
                    "created_at": _at(HN_DEADLINE + datetime.timedelta(days=1), 10),
                },
            )
    for number, text in texts.HN_SUMMARIES:
        key = keys[number - 1] if number else ""
        _ensure(SectionSummary, {"hearing": hearing, "section_key": key}, {"text": text})
    return {"index": index, "hearing": hearing}
