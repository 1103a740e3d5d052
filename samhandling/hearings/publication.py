"""The responses as the public sees them, once a hearing publishes them.

Only confirmed responses are shown. A withheld response shows only that it is withheld and why
(a private person's name is not shown then either); a blanked part (Redaction) is replaced by the
secretariat's reason. A private person is shown by name only: e-mail, phone and address never
leave this module, which copies only the public fields into plain objects. A fixed number of
queries whatever the number of responses (prefetch)."""

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from samhandling.core.compiled_lists import compiled_list

from .choices import QuestionChoice, RedactionPart, ResponderKind, ResponseStatus
from .pages import end_of_day
from .responses import DeadlineExtension, HearingResponse, QuestionAnswer


@dataclass(frozen=True)
class Part:
    """A published text, or the reason it is blanked (then `text` is empty)."""

    text: str = ""
    blanked: str = ""


@dataclass(frozen=True)
class PublishedAnswer:
    """A response's answer to one question."""

    question_id: int
    question: str
    choice: str
    choice_label: str
    reason: Part


@dataclass(frozen=True)
class PublishedAttachment:
    id: int
    name: str
    size: int
    content_type: str
    url: str = ""  # empty when blanked
    blanked: str = ""


@dataclass
class PublishedResponse:
    id: int
    name: str
    kind: str
    kind_label: str
    organisation: object | None
    received_at: dt.datetime | None
    late: bool
    withheld: bool = False
    withheld_reason: str = ""
    no_comments: bool = False
    decision_reference: str = ""
    decision_date: dt.date | None = None
    general: Part = field(default_factory=Part)
    sections: dict[str, Part] = field(default_factory=dict)  # by section key
    answers: list[PublishedAnswer] = field(default_factory=list)
    attachments: list[PublishedAttachment] = field(default_factory=list)
    # (DraftSection, Part) in the draft's order, filled by responses_by_section
    section_list: list = field(default_factory=list)

    @property
    def is_private_person(self) -> bool:
        return self.kind == ResponderKind.PRIVATE


@dataclass(frozen=True)
class SectionResponse:
    """What one responder said about one section (for the list under each section)."""

    response: PublishedResponse
    part: Part


def _kind_label(kind: str) -> str:
    from django.utils.translation import gettext as _

    return {
        ResponderKind.ORGANISATION: _("Organisation"),
        ResponderKind.OTHER_ORGANISATION: _("Other organisation"),
        ResponderKind.PRIVATE: _("Private person"),
    }.get(kind, "")


# A confirmed response as the page reads it: its public columns and its organisation's name
# (`_RESPONSE_COLUMNS`), and the deadline extension of that organisation, if any.
_RESPONSE_COLUMNS = (
    "id",
    "kind",
    "organisation_id",
    "organisation_name",
    "name",
    "received_at",
    "withheld",
    "withheld_reason",
    "no_comments",
    "decision_reference",
    "decision_date",
    "general_answer",
    "extended_deadline",
    "organisation__name",
    "organisation__sami_name",
    "organisation__municipality_number",
)
_Row = namedtuple(
    "_Row",
    [*_RESPONSE_COLUMNS[:-3], "organisation_display", "organisation_sami", "organisation_number"],
)


def _organisation(row: _Row):
    """The responding organisation with only what names and links it (`{% organisation_link %}`
    and the API's reference): its id, name, Sámi name and municipality number, as a row."""
    from .selectors import OrganisationRow

    return OrganisationRow(
        row.organisation_id,
        row.organisation_display,
        row.organisation_sami,
        row.organisation_number,
    )


def _public_name(row: _Row) -> str:
    from samhandling.organisations.models import display_name

    if row.kind == ResponderKind.ORGANISATION and row.organisation_id:
        return display_name(row.organisation_display, row.organisation_sami)
    if row.kind == ResponderKind.OTHER_ORGANISATION:
        return row.organisation_name
    return row.name


def _closes_at(hearing, row: _Row, ends: dict | None = None) -> dt.datetime:
    """The end of the deadline that counts for the response (its organisation's extension);
    `ends` keeps the end of each day worked out for the hearing's other responses."""
    extended = row.extended_deadline
    day = max(hearing.deadline, extended) if extended else hearing.deadline
    if ends is None:
        return end_of_day(day)
    if day not in ends:
        ends[day] = end_of_day(day)
    return ends[day]


@dataclass
class _Children:
    """A response's parts as the page shows them, read with those of all the hearing's responses
    in one query per kind (`_children_of`): plain values, not model instances."""

    redactions: list = field(default_factory=list)  # (part, target, reason)
    section_answers: list = field(default_factory=list)  # (section key, text)
    question_answers: list = field(default_factory=list)  # (question id, question, choice, reason)
    attachments: list = field(default_factory=list)  # (id, original name, size, content type)


def _rows(name: str, build, hearing_id: int) -> list[tuple]:
    """The rows of `build(hearing_id=...)`, a `values()` queryset whose shape depends only on
    `name`, as tuples in its columns' order (as `values_list` gives them): its SQL compiled once
    per process (`core.compiled_lists`, which runs `values()` querysets, not `values_list`)."""
    found = compiled_list(name, (), build, hearing_id=hearing_id)
    return [tuple(row.values()) for row in found]


def _children_of(*, hearing_id: int, response_ids: list) -> dict[int, _Children]:
    """The parts of the hearing's confirmed responses in `response_ids` (the others' are left
    out): four queries, by the hearing (SQL compiled once, `_rows`)."""
    from .responses import Redaction, ResponseAttachment, SectionAnswer

    children = {pk: _Children() for pk in response_ids}
    if not response_ids:
        return children
    confirmed = {"response__status": ResponseStatus.CONFIRMED}

    def redactions(hearing_id):
        return Redaction.objects.filter(response__hearing_id=hearing_id, **confirmed).values(
            "response_id", "part", "target", "reason"
        )

    def section_answers(hearing_id):
        return SectionAnswer.objects.filter(response__hearing_id=hearing_id, **confirmed).values(
            "response_id", "section_key", "text"
        )

    def question_answers(hearing_id):
        answers = QuestionAnswer.objects.filter(response__hearing_id=hearing_id, **confirmed)
        return answers.order_by("question__sort_order", "question_id").values(
            "response_id", "question_id", "question__text", "choice", "reason"
        )

    def attachments(hearing_id):
        found = ResponseAttachment.objects.filter(response__hearing_id=hearing_id, **confirmed)
        return found.order_by("response", "pk").values(
            "response_id", "pk", "original_name", "size", "content_type"
        )

    for name, build in (
        ("redactions", redactions),
        ("section_answers", section_answers),
        ("question_answers", question_answers),
        ("attachments", attachments),
    ):
        for response_id, *row in _rows(f"hearings.publication.{name}", build, hearing_id):
            found = children.get(response_id)
            if found is not None:
                getattr(found, name).append(tuple(row))
    return children


@dataclass
class _Labels:
    """What every response of a hearing shows alike, worked out once for all of them."""

    kinds: dict  # {kind: its label}
    choices: dict  # {choice: its label (QuestionChoice)}
    ends: dict = field(default_factory=dict)  # {day: its end} (`_closes_at`)


def _published(hearing, response: _Row, children: _Children, labels: _Labels) -> PublishedResponse:
    late = bool(response.received_at) and response.received_at > _closes_at(
        hearing, response, labels.ends
    )
    out = PublishedResponse(
        id=response.id,
        name=_public_name(response),
        kind=response.kind,
        kind_label=labels.kinds.get(response.kind, ""),
        organisation=_organisation(response) if response.organisation_id else None,
        received_at=response.received_at,
        late=late,
    )
    if response.withheld:
        out.withheld = True
        out.withheld_reason = response.withheld_reason
        if response.kind == ResponderKind.PRIVATE:
            out.name = ""
        return out
    blanked = {(part, target): reason for part, target, reason in children.redactions}
    out.no_comments = response.no_comments
    out.decision_reference = response.decision_reference
    out.decision_date = response.decision_date
    general_reason = blanked.get((RedactionPart.GENERAL, ""))
    if general_reason is not None:
        out.general = Part(blanked=general_reason)
    elif response.general_answer.strip():
        out.general = Part(text=response.general_answer)
    for section_key, text in children.section_answers:
        reason = blanked.get((RedactionPart.SECTION, section_key))
        if reason is not None:
            out.sections[section_key] = Part(blanked=reason)
        elif text.strip():
            out.sections[section_key] = Part(text=text)
    for question_id, question, choice, answer_reason in children.question_answers:
        reason = blanked.get((RedactionPart.QUESTION, str(question_id)))
        out.answers.append(
            PublishedAnswer(
                question_id=question_id,
                question=question,
                choice=choice,
                choice_label=labels.choices.get(choice, choice),
                reason=Part(blanked=reason) if reason is not None else Part(text=answer_reason),
            )
        )
    for pk, original_name, size, content_type in children.attachments:
        reason = blanked.get((RedactionPart.ATTACHMENT, str(pk)))
        out.attachments.append(
            PublishedAttachment(
                id=pk,
                name=original_name,
                size=size,
                content_type=content_type,
                url=""
                if reason is not None
                else reverse("hearings:attachment", kwargs={"attachment_id": pk}),
                blanked=reason or "",
            )
        )
    return out


def published_queryset(*, hearing):
    """The confirmed responses of the hearing with their organisation and deadline extension (their
    answers, attachments and blanked parts: `_children_of`)."""
    extension = DeadlineExtension.objects.filter(
        hearing=OuterRef("hearing"), organisation=OuterRef("organisation")
    ).values("deadline")[:1]
    return (
        HearingResponse.objects.filter(hearing=hearing, status=ResponseStatus.CONFIRMED)
        .annotate(extended_deadline=Subquery(extension))
        .select_related("organisation")
        .order_by("received_at", "pk")
    )


def published_responses(*, hearing) -> list[PublishedResponse]:
    """The hearing's confirmed responses as the public may see them, organisations before other
    organisations and private persons, each group by name; withheld ones last. Empty while the
    hearing does not publish its responses."""
    if not hearing.responses_public:
        return []
    # Of the responding organisation, only what names and links it (its display name and
    # `{% organisation_link %}`): not the rest of its row. SQL compiled once (`_rows`).
    rows = [
        _Row(*row)
        for row in _rows(
            "hearings.publication.responses",
            lambda hearing_id: published_queryset(hearing=hearing_id).values(*_RESPONSE_COLUMNS),
            hearing.pk,
        )
    ]
    children = _children_of(
        hearing_id=hearing.pk, response_ids=[row.id for row in rows if not row.withheld]
    )
    labels = _Labels(
        kinds={kind: _kind_label(kind) for kind in ResponderKind.values},
        choices={choice.value: str(choice.label) for choice in QuestionChoice},
    )
    shown = [_published(hearing, row, children.get(row.id) or _Children(), labels) for row in rows]
    order = {
        ResponderKind.ORGANISATION: 0,
        ResponderKind.OTHER_ORGANISATION: 1,
        ResponderKind.PRIVATE: 2,
    }
    shown.sort(key=lambda r: (r.withheld, order.get(r.kind, 3), r.name.casefold(), r.id))
    return shown


def responses_by_section(*, responses, sections) -> dict[str, list[SectionResponse]]:
    """Per section key, what each published response said about it (blanked parts included).
    Also gives each response its `section_list` in the draft's order (answers to sections no
    longer in the draft are left out)."""
    found: dict[str, list[SectionResponse]] = {section.key: [] for section in sections}
    for response in responses:
        response.section_list = [
            (section, response.sections[section.key])
            for section in sections
            if section.key in response.sections
        ]
        for section, part in response.section_list:
            found[section.key].append(SectionResponse(response=response, part=part))
    return found
