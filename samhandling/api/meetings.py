"""Meetings of the site's committees with their agenda items. Only published meetings appear;
case papers only where the committee's papers are public; minutes, decisions and follow-up only
once the meeting's minutes are published, as on the meeting page."""

from datetime import date, datetime

from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from samhandling.committees.choices import MeetingFormat
from samhandling.committees.models import CommitteePage, MeetingPage
from samhandling.committees.selectors import follow_up_state
from samhandling.core.visibility import published

from .common import (
    DateRange,
    IdFilter,
    ObjectId,
    Paging,
    SiteFilter,
    get_or_404,
    list_of,
    page_url,
    pages_of_site,
    paginate,
    resolve_site,
    responses,
    rich_text,
)

router = Router(tags=["meetings"])


class CommitteeRef(Schema):
    id: int
    title: str
    short_name: str


class MeetingOut(Schema):
    id: int
    title: str
    committee: CommitteeRef
    start: datetime
    end: datetime | None
    format: str = Field(description=f"One of {', '.join(MeetingFormat.values)}.")
    place: str
    theme: str
    lead: str
    url: str
    ics_url: str
    language: str
    minutes_published: bool
    agenda_item_count: int


class PaperOut(Schema):
    title: str
    description: str
    url: str


class FollowUpOut(Schema):
    responsible: str
    due: date | None
    state: str = Field(description="open, overdue or done.")


class CaseRef(Schema):
    case: str = Field(description='The case it follows up, e.g. "SSU 9/2023 Rapportering".')
    meeting: int | None = Field(description="The id of that case's meeting, if published.")


class AgendaItemOut(Schema):
    case_number: str = Field(description='"9/2023": number and year, per committee.')
    title: str
    description: str = Field(description="HTML.")
    papers: list[PaperOut] = Field(description="Empty when the committee's papers are not public.")
    minutes: str | None = Field(description="HTML; null until the minutes are published.")
    decision: str | None = Field(description="HTML; null until the minutes are published.")
    follow_up: FollowUpOut | None = Field(description="When the decision is to be followed up.")
    follows_up: CaseRef | None


class MeetingDetailOut(MeetingOut):
    minutes: str | None = Field(description="HTML; null until the minutes are published.")
    agenda_items: list[AgendaItemOut]


MeetingList = list_of(MeetingOut, "MeetingList")


class MeetingFilter(Schema):
    committee: int | None = IdFilter("Only meetings of this committee (its id).")


def meetings_of_site(site) -> QuerySet:
    return (
        pages_of_site(MeetingPage, site)
        .select_related("locale")
        .annotate(agenda_item_count=Count("agenda_items"))
        .order_by("start", "pk")
    )


def _committees_by_id(meetings: list[MeetingPage]) -> dict[int, CommitteePage]:
    paths = {meeting.path[: -meeting.steplen] for meeting in meetings}
    committees = CommitteePage.objects.filter(path__in=paths)
    by_path = {committee.path: committee for committee in committees}
    return {
        m.pk: by_path[m.path[: -m.steplen]] for m in meetings if m.path[: -m.steplen] in by_path
    }


def _meeting_fields(meeting: MeetingPage, committee: CommitteePage, request) -> dict:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "committee": CommitteeRef(
            id=committee.pk, title=committee.title, short_name=committee.short_name
        ),
        "start": timezone.localtime(meeting.start),
        "end": timezone.localtime(meeting.end) if meeting.end else None,
        "format": meeting.format,
        "place": meeting.place,
        "theme": meeting.theme,
        "lead": meeting.lead,
        "url": page_url(meeting, request),
        "ics_url": request.build_absolute_uri(meeting.ics_url(request)),
        "language": meeting.locale.language_code,
        "minutes_published": meeting.minutes_published,
        "agenda_item_count": getattr(meeting, "agenda_item_count", 0),
    }


@router.get("/meetings", response=responses(MeetingList), summary="Meetings of a site")
def list_meetings(
    request,
    response: HttpResponse,
    paging: Query[Paging],
    where: Query[SiteFilter],
    dates: Query[DateRange],
    filters: Query[MeetingFilter],
):
    """Published meetings of the site's committees, oldest first; `from` and `to` filter on the
    day a meeting starts (Europe/Oslo)."""
    meetings = dates.apply(meetings_of_site(resolve_site(request, where.site)), "start__date")
    if filters.committee is not None:
        committee = CommitteePage.objects.filter(pk=filters.committee).first()
        meetings = meetings.child_of(committee) if committee else meetings.none()

    def convert_page(window):
        committees = _committees_by_id(window)
        return [MeetingOut(**_meeting_fields(m, committees[m.pk], request)) for m in window]

    return paginate(request, response, meetings, paging, convert_window=convert_page)


def _papers(item, request) -> list[PaperOut]:
    papers = []
    for block in item.papers:
        document = block.value.get("document")
        if document is not None:
            papers.append(
                PaperOut(
                    title=block.value.get("title") or document.title,
                    description=block.value.get("description") or "",
                    url=request.build_absolute_uri(document.url),
                )
            )
    return papers


def _follows_up(item, published_meetings: set[int]) -> CaseRef | None:
    number = item.follows_up
    if number is None:
        return None
    meeting = number.meeting_id if number.meeting_id in published_meetings else None
    return CaseRef(case=str(number), meeting=meeting)


def _agenda_item_out(item, *, show_papers, show_minutes, request, published_meetings):
    follow_up = None
    if show_minutes and item.follow_up:
        follow_up = FollowUpOut(
            responsible=item.follow_up_owner,
            due=item.follow_up_due,
            state=follow_up_state(item),
        )
    return AgendaItemOut(
        case_number=item.case_number,
        title=item.title,
        description=rich_text(item.description),
        papers=_papers(item, request) if show_papers else [],
        minutes=rich_text(item.minutes) if show_minutes else None,
        decision=rich_text(item.decision) if show_minutes else None,
        follow_up=follow_up,
        follows_up=_follows_up(item, published_meetings),
    )


@router.get(
    "/meetings/{id:meeting_id}",
    response=responses(MeetingDetailOut),
    summary="One meeting with its agenda, and its minutes and decisions once published",
)
def get_meeting(request, where: Query[SiteFilter], meeting_id: int = ObjectId()):
    meeting = get_or_404(meetings_of_site(resolve_site(request, where.site)), pk=meeting_id)
    committee = meeting.committee
    items = list(meeting.agenda_items.select_related("follows_up").order_by("sort_order", "pk"))
    referred = {i.follows_up.meeting_id for i in items if i.follows_up_id}
    published_meetings = set(
        published(MeetingPage.objects.filter(pk__in=referred)).values_list("pk", flat=True)
    )
    show_minutes = meeting.minutes_published
    return MeetingDetailOut(
        **_meeting_fields(meeting, committee, request),
        minutes=rich_text(meeting.minutes) if show_minutes else None,
        agenda_items=[
            _agenda_item_out(
                item,
                show_papers=committee.papers_public,
                show_minutes=show_minutes,
                request=request,
                published_meetings=published_meetings,
            )
            for item in items
        ],
    )
