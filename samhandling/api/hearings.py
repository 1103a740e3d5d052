"""Hearings (høyringar) with their draft, period, invited bodies and, once the hearing publishes
them, the responses as the hearing page shows them: blanked parts replaced by the reason,
withheld responses reduced to who and why, and never a responder's e-mail, phone or address."""

from datetime import date, datetime

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from samhandling.hearings.choices import HearingState, Outcome, ResponderKind
from samhandling.hearings.pages import HearingPage
from samhandling.hearings.publication import published_responses
from samhandling.hearings.selectors import decision_links, invited_bodies

from .common import (
    DateRange,
    ObjectId,
    OrganisationRef,
    Paging,
    SiteFilter,
    get_or_404,
    list_of,
    organisation_ref,
    page_url,
    pages_of_site,
    paginate,
    resolve_site,
    responses,
    rich_text,
)

router = Router(tags=["hearings"])


class HearingVersionRef(Schema):
    id: int
    label: str
    agreement: int = Field(description="The id of the agreement (see /api/agreements).")


class HearingOut(Schema):
    id: int
    title: str
    lead: str
    url: str
    language: str
    state: str = Field(description=f"One of {', '.join(HearingState.values)}.")
    opens_on: date
    deadline: date = Field(description="Responses are taken until the end of this day (Oslo).")
    days_left: int = Field(description="Whole days left to answer, today included; 0 if closed.")
    agreement_version: HearingVersionRef | None = Field(
        description="The agreement version on hearing."
    )
    previous_round: int | None = Field(description="The id of the earlier round's hearing.")
    responses_public: bool = Field(description="Whether the responses are published now.")


class DraftSectionOut(Schema):
    key: str = Field(description="Stable id of the section; responses point at it.")
    number: int
    heading: str
    text: str = Field(description="HTML.")


class HearingQuestionOut(Schema):
    id: int
    text: str
    help_text: str


class InvitedBodiesOut(Schema):
    organisations: list[OrganisationRef]
    others: list[str] = Field(description="Bodies named in free text.")


class HearingLinkOut(Schema):
    label: str
    url: str


class HearingDecisionOut(Schema):
    outcome: str = Field(description=f"One of {', '.join(v or '(empty)' for v in Outcome.values)}.")
    note: str
    case: HearingLinkOut | None = Field(description="The case of a meeting where it was decided.")
    version: HearingLinkOut | None = Field(description="The agreement version it became.")


class ResponsePartOut(Schema):
    text: str = Field(description="Empty when blanked.")
    blanked: str | None = Field(description="The secretariat's reason when the part is blanked.")


class ResponseSectionOut(ResponsePartOut):
    section: str = Field(description="The section's key.")


class ResponseQuestionOut(Schema):
    question: int
    choice: str
    reason: ResponsePartOut


class ResponseAttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    url: str | None = Field(description="Null when blanked.")
    blanked: str | None


class HearingResponseOut(Schema):
    id: int
    responder: str = Field(
        description="The organisation, or a private person's name (empty when withheld)."
    )
    kind: str = Field(description=f"One of {', '.join(ResponderKind.values)}.")
    organisation: OrganisationRef | None
    received_at: datetime | None
    late: bool
    withheld: bool
    withheld_reason: str
    no_comments: bool
    decision_reference: str
    decision_date: date | None
    general_answer: ResponsePartOut | None
    sections: list[ResponseSectionOut]
    questions: list[ResponseQuestionOut]
    attachments: list[ResponseAttachmentOut]


class HearingDetailOut(HearingOut):
    asked: str = Field(description="What is asked (HTML).")
    sections: list[DraftSectionOut]
    document_url: str | None
    short_period_reason: str
    invited: InvitedBodiesOut
    questions: list[HearingQuestionOut]
    contact_name: str
    contact_email: str
    contact_phone: str
    decision: HearingDecisionOut
    responses: list[HearingResponseOut] = Field(
        description="The published responses (empty until the hearing publishes them)."
    )


HearingList = list_of(HearingOut, "HearingList")


class HearingFilter(Schema):
    state: HearingState | None = Field(None, description="Only hearings in this state.")


def hearings_of_site(site):
    return (
        pages_of_site(HearingPage, site)
        .select_related("locale", "agreement_version")
        .order_by("-deadline", "-pk")
    )


def _fields(hearing, request) -> dict:
    version = hearing.agreement_version
    return {
        "id": hearing.pk,
        "title": hearing.title,
        "lead": hearing.lead,
        "url": page_url(hearing, request),
        "language": hearing.locale.language_code,
        "state": hearing.state,
        "opens_on": hearing.opens_on,
        "deadline": hearing.deadline,
        "days_left": hearing.days_left,
        "agreement_version": (
            HearingVersionRef(id=version.pk, label=version.label, agreement=version.agreement_id)
            if version
            else None
        ),
        "previous_round": hearing.previous_round_id,
        "responses_public": hearing.responses_public,
    }


@router.get("/hearings", response=responses(HearingList), summary="Hearings of a site")
def list_hearings(
    request,
    response: HttpResponse,
    paging: Query[Paging],
    where: Query[SiteFilter],
    dates: Query[DateRange],
    filters: Query[HearingFilter],
):
    """The published hearings of the site, newest deadline first. `from` and `to` filter on the
    deadline."""
    hearings = dates.apply(hearings_of_site(resolve_site(request, where.site)), "deadline")
    if filters.state:
        hearings = [h for h in hearings if h.state == filters.state]
    return paginate(
        request, response, hearings, paging, convert=lambda h: HearingOut(**_fields(h, request))
    )


def _link(link, request) -> HearingLinkOut | None:
    if link is None:
        return None
    return HearingLinkOut(label=link.label, url=request.build_absolute_uri(link.url))


def _part(part) -> ResponsePartOut:
    return ResponsePartOut(text=part.text, blanked=part.blanked or None)


def _response_out(shown, request) -> HearingResponseOut:
    return HearingResponseOut(
        id=shown.id,
        responder=shown.name,
        kind=shown.kind,
        organisation=organisation_ref(shown.organisation),
        received_at=shown.received_at,
        late=shown.late,
        withheld=shown.withheld,
        withheld_reason=shown.withheld_reason,
        no_comments=shown.no_comments,
        decision_reference=shown.decision_reference,
        decision_date=shown.decision_date,
        general_answer=(
            _part(shown.general) if (shown.general.text or shown.general.blanked) else None
        ),
        sections=[
            ResponseSectionOut(section=key, text=part.text, blanked=part.blanked or None)
            for key, part in shown.sections.items()
        ],
        questions=[
            ResponseQuestionOut(question=a.question_id, choice=a.choice, reason=_part(a.reason))
            for a in shown.answers
        ],
        attachments=[
            ResponseAttachmentOut(
                id=a.id,
                name=a.name,
                size=a.size,
                content_type=a.content_type,
                url=request.build_absolute_uri(a.url) if a.url else None,
                blanked=a.blanked or None,
            )
            for a in shown.attachments
        ],
    )


@router.get(
    "/hearings/{id:hearing_id}",
    response=responses(HearingDetailOut),
    summary="One hearing with its draft, invited bodies and published responses",
)
def get_hearing(request, where: Query[SiteFilter], hearing_id: int = ObjectId()):
    site = resolve_site(request, where.site)
    hearing = get_or_404(hearings_of_site(site).select_related("document"), pk=hearing_id)
    invited = invited_bodies(hearing=hearing, site=site)
    decision = decision_links(hearing=hearing)
    return HearingDetailOut(
        **_fields(hearing, request),
        asked=rich_text(hearing.asked),
        sections=[
            DraftSectionOut(key=s.key, number=s.number, heading=s.heading, text=str(s.text))
            for s in hearing.draft_sections
        ],
        document_url=(
            request.build_absolute_uri(hearing.document.url) if hearing.document else None
        ),
        short_period_reason=hearing.short_period_reason,
        invited=InvitedBodiesOut(
            organisations=[organisation_ref(o) for o in invited.organisations],
            others=invited.others,
        ),
        questions=[
            HearingQuestionOut(id=q.pk, text=q.text, help_text=q.help_text)
            for q in hearing.questions.all()
        ],
        contact_name=hearing.contact_name,
        contact_email=hearing.contact_email,
        contact_phone=hearing.contact_phone,
        decision=HearingDecisionOut(
            outcome=hearing.outcome,
            note=hearing.decision_note,
            case=_link(decision["case"], request),
            version=_link(decision["version"], request),
        ),
        responses=[_response_out(r, request) for r in published_responses(hearing=hearing)],
    )
