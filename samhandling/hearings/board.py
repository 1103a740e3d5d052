"""What the secretariat's board of a hearing shows: every invited body with the state of its
answer, the responses from others, the counts of the structured questions and the reminders.

Every figure is read with a fixed number of queries, whatever the number of responses: the
responses once (with their organisation and who registered them), the extensions, the members,
the invited organisations, the answers to the questions counted by the database, the reminders."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from samhandling.organisations.models import HealthCommunity, Organisation

from .choices import QuestionChoice, ResponderKind, ResponseStatus
from .invitations import invited_organisations
from .mail import HearingReminder
from .pages import HearingPage, end_of_day
from .responses import DeadlineExtension, HearingResponse, QuestionAnswer


class BodyState:
    """The state of an invited body's answer (a plain value, shown with its label)."""

    ANSWERED = "answered"
    NO_COMMENTS = "no_comments"
    LATE = "late"
    WITHDRAWN = "withdrawn"
    NOT_ANSWERED = "not_answered"

    LABELS = {
        ANSWERED: _("Answered"),
        NO_COMMENTS: _("No comments"),
        LATE: _("Late"),
        WITHDRAWN: _("Withdrawn"),
        NOT_ANSWERED: _("Not answered"),
    }
    ORDER = (ANSWERED, NO_COMMENTS, LATE, WITHDRAWN, NOT_ANSWERED)


@dataclass(frozen=True)
class InvitedBody:
    """An invited body: an organisation of the registry, or a name given in free text."""

    name: str
    organisation: Organisation | None = None

    @property
    def key(self) -> str:
        if self.organisation is not None:
            return f"org-{self.organisation.pk}"
        return f"name-{self.name.casefold()}"


@dataclass
class BoardRow:
    body: InvitedBody
    state: str
    response: HearingResponse | None = None
    extension: DeadlineExtension | None = None

    @property
    def state_label(self):
        return BodyState.LABELS[self.state]

    @property
    def answered(self) -> bool:
        return self.state in (BodyState.ANSWERED, BodyState.NO_COMMENTS, BodyState.LATE)

    @property
    def received_at(self):
        if self.response is None:
            return None
        if self.state == BodyState.WITHDRAWN:
            return self.response.withdrawn_at
        return self.response.received_at


@dataclass
class QuestionCount:
    question: object
    counts: list[tuple[str, object, int]]  # (choice, label, count)
    total: int


@dataclass
class Board:
    hearing: HearingPage
    rows: list[BoardRow]
    others: list[HearingResponse]
    totals: dict[str, int]
    questions: list[QuestionCount]
    reminders: list[HearingReminder]
    state_labels: list[tuple[str, object, int]] = field(default_factory=list)

    @property
    def not_answered(self) -> list[BoardRow]:
        return [row for row in self.rows if not row.answered]

    @property
    def invited_count(self) -> int:
        return len(self.rows)

    @property
    def answered_count(self) -> int:
        return sum(1 for row in self.rows if row.answered)


def community_of(hearing: HearingPage) -> HealthCommunity | None:
    site = hearing.get_site()
    if site is None:
        return None
    return HealthCommunity.objects.filter(site=site).first()


def invited_bodies(*, hearing: HearingPage) -> list[InvitedBody]:
    """The members of the site's health community (when the hearing invites them), the
    organisations chosen from the registry and the bodies named in free text; each once, in
    that order, members and chosen organisations by name."""
    organisations = list(invited_organisations(hearing=hearing))
    bodies = [
        InvitedBody(name=organisation.display_name, organisation=organisation)
        for organisation in sorted(organisations, key=lambda o: o.name.casefold())
    ]
    seen = {body.name.casefold() for body in bodies}
    for name in hearing.invited_other_names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            bodies.append(InvitedBody(name=name))
    return bodies


def board_responses(*, hearing: HearingPage) -> list[HearingResponse]:
    """The confirmed and withdrawn responses, oldest first, with what the board shows of them."""
    return list(
        HearingResponse.objects.filter(
            hearing=hearing, status__in=[ResponseStatus.CONFIRMED, ResponseStatus.WITHDRAWN]
        )
        .select_related("organisation", "registered_by", "withheld_by")
        .order_by("received_at", "pk")
    )


def is_late(*, hearing: HearingPage, response: HearingResponse) -> bool:
    """Received after the hearing's own deadline (under an extension, or registered later by
    the secretariat)."""
    return response.received_at is not None and response.received_at > end_of_day(hearing.deadline)


def _state(*, hearing: HearingPage, response: HearingResponse | None) -> str:
    if response is None:
        return BodyState.NOT_ANSWERED
    if response.status == ResponseStatus.WITHDRAWN:
        return BodyState.WITHDRAWN
    if is_late(hearing=hearing, response=response):
        return BodyState.LATE
    if response.no_comments:
        return BodyState.NO_COMMENTS
    return BodyState.ANSWERED


def _pick(current: HearingResponse | None, candidate: HearingResponse) -> HearingResponse:
    """A confirmed response wins over a withdrawn one; otherwise the later one."""
    if current is None:
        return candidate
    if current.status == ResponseStatus.CONFIRMED and candidate.status != current.status:
        return current
    return candidate


def question_counts(*, hearing: HearingPage) -> list[QuestionCount]:
    """For each structured question, how many confirmed responses chose each answer."""
    questions = list(hearing.questions.order_by("sort_order", "pk"))
    rows = (
        QuestionAnswer.objects.filter(
            question__hearing=hearing, response__status=ResponseStatus.CONFIRMED
        )
        .values("question_id", "choice")
        .annotate(n=Count("pk"))
    )
    counter = Counter({(row["question_id"], row["choice"]): row["n"] for row in rows})
    result = []
    for question in questions:
        counts = [
            (value, label, counter[(question.pk, value)]) for value, label in QuestionChoice.choices
        ]
        result.append(
            QuestionCount(question=question, counts=counts, total=sum(c[2] for c in counts))
        )
    return result


def hearing_board(*, hearing: HearingPage) -> Board:
    bodies = invited_bodies(hearing=hearing)
    responses = board_responses(hearing=hearing)
    extensions = {
        extension.organisation_id: extension
        for extension in DeadlineExtension.objects.filter(hearing=hearing).select_related(
            "created_by"
        )
    }
    by_organisation: dict[int, HearingResponse] = {}
    by_name: dict[str, HearingResponse] = {}
    for response in responses:
        if response.organisation_id:
            by_organisation[response.organisation_id] = _pick(
                by_organisation.get(response.organisation_id), response
            )
        elif response.kind == ResponderKind.OTHER_ORGANISATION and response.organisation_name:
            name = response.organisation_name.strip().casefold()
            by_name[name] = _pick(by_name.get(name), response)
    rows, used = [], set()
    for body in bodies:
        if body.organisation is not None:
            response = by_organisation.get(body.organisation.pk)
            extension = extensions.get(body.organisation.pk)
        else:
            response = by_name.get(body.name.casefold())
            extension = None
        if response is not None:
            used.add(response.pk)
        rows.append(
            BoardRow(
                body=body,
                state=_state(hearing=hearing, response=response),
                response=response,
                extension=extension,
            )
        )
    others = [
        response
        for response in responses
        if response.pk not in used and response.status == ResponseStatus.CONFIRMED
    ]
    totals = Counter(row.state for row in rows)
    state_labels = [(state, BodyState.LABELS[state], totals[state]) for state in BodyState.ORDER]
    reminders = list(
        HearingReminder.objects.filter(hearing=hearing).select_related("created_by")[:20]
    )
    return Board(
        hearing=hearing,
        rows=rows,
        others=others,
        totals=dict(totals),
        questions=question_counts(hearing=hearing),
        reminders=reminders,
        state_labels=state_labels,
    )


def not_answered_organisations(*, hearing: HearingPage) -> list[Organisation]:
    """The invited organisations of the registry that have no confirmed response (those a
    reminder goes to)."""
    answered = set(
        HearingResponse.objects.filter(
            hearing=hearing, status=ResponseStatus.CONFIRMED, organisation__isnull=False
        ).values_list("organisation_id", flat=True)
    )
    return [
        body.organisation
        for body in invited_bodies(hearing=hearing)
        if body.organisation is not None and body.organisation.pk not in answered
    ]


def hearings_for_board():
    """The hearings the admin menu lists, newest first, with their counts of confirmed
    responses."""
    return (
        HearingPage.objects.annotate(
            confirmed=Count("responses", filter=Q(responses__status=ResponseStatus.CONFIRMED))
        )
        .select_related("locale")
        .order_by("-opens_on", "title")
    )
