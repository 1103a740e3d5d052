"""Measures (tiltak) of the site's published action plans, with their owner, deadline and
status, and the case whose decision is behind them when that case's meeting is published."""

from datetime import date

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from samhandling.agreements.choices import MeasureStatus
from samhandling.agreements.pages import ActionPlanPage
from samhandling.agreements.plans import Measure
from samhandling.committees.models import CommitteePage, MeetingPage
from samhandling.core.visibility import published

from .common import (
    DateRange,
    IdFilter,
    ObjectId,
    OrganisationRef,
    PageRef,
    Paging,
    SiteFilter,
    get_or_404,
    list_of,
    organisation_ref,
    page_ref,
    pages_of_site,
    paginate,
    resolve_site,
    responses,
)

router = Router(tags=["action plans"])


class DecisionOut(Schema):
    case: str | None = Field(description='The case, e.g. "SSU 12/2023 …", if it is recorded.')
    meeting: PageRef | None = Field(description="The meeting that decided it.")


class MeasureOut(Schema):
    id: int = Field(description="May change when the action plan is published again.")
    title: str
    theme: str = Field(description="Theme or priority group.")
    description: str
    plan: PageRef
    owner_organisation: OrganisationRef | None
    owner_committee: PageRef | None
    deadline: date | None
    status: str = Field(description=f"One of {', '.join(MeasureStatus.values)}.")
    overdue: bool = Field(description="Not done or cancelled, and past its deadline.")
    decision: DecisionOut | None


MeasureList = list_of(MeasureOut, "MeasureList")


class MeasureFilter(Schema):
    plan: int | None = IdFilter("Only measures of this action plan (its id).")
    organisation: int | None = IdFilter("Only measures this organisation owns.")
    committee: int | None = IdFilter("Only measures this committee owns.")
    status: str | None = Field(None, description="Only measures with this status.")


def measures_of_site(site) -> QuerySet:
    plans = pages_of_site(ActionPlanPage, site)
    return (
        Measure.objects.filter(plan__in=plans)
        .select_related("plan", "owner_organisation", "owner_committee", "decision_case")
        .order_by("plan__path", "sort_order", "pk")
    )


class _Visible:
    """Which committees and meetings named by a page of measures the public may see."""

    def __init__(self, measures: list[Measure]):
        committees = {m.owner_committee_id for m in measures if m.owner_committee_id}
        meetings = {m.decision_id for m in measures if m.decision_id}
        meetings |= {m.decision_case.meeting_id for m in measures if m.decision_case_id}
        self.committees = {
            c.pk: c for c in published(CommitteePage.objects.filter(pk__in=committees))
        }
        self.meetings = {m.pk: m for m in published(MeetingPage.objects.filter(pk__in=meetings))}

    def decision(self, measure: Measure, request) -> DecisionOut | None:
        case = measure.decision_case
        meeting_id = (case.meeting_id if case else None) or measure.decision_id
        meeting = self.meetings.get(meeting_id)
        if meeting is None:  # no decision recorded, or its meeting is not published
            return None
        return DecisionOut(case=str(case) if case else None, meeting=page_ref(meeting, request))


def _measure_out(measure: Measure, visible: _Visible, request, today: date) -> MeasureOut:
    committee = visible.committees.get(measure.owner_committee_id)
    return MeasureOut(
        id=measure.pk,
        title=measure.title,
        theme=measure.theme,
        description=measure.description,
        plan=page_ref(measure.plan, request),
        owner_organisation=organisation_ref(measure.owner_organisation),
        owner_committee=page_ref(committee, request) if committee else None,
        deadline=measure.deadline,
        status=measure.status,
        overdue=measure.is_overdue(today=today),
        decision=visible.decision(measure, request),
    )


def _convert(request):
    today = timezone.localdate()

    def convert_window(measures):
        visible = _Visible(measures)
        return [_measure_out(m, visible, request, today) for m in measures]

    return convert_window


@router.get(
    "/measures", response=responses(MeasureList), summary="Measures of a site's action plans"
)
def list_measures(
    request,
    response: HttpResponse,
    paging: Query[Paging],
    where: Query[SiteFilter],
    dates: Query[DateRange],
    filters: Query[MeasureFilter],
):
    """The measures of the site's published action plans, in the plans' order. `from` and `to`
    filter on the deadline."""
    measures = dates.apply(measures_of_site(resolve_site(request, where.site)), "deadline")
    for field, value in (
        ("plan_id", filters.plan),
        ("owner_organisation_id", filters.organisation),
        ("owner_committee_id", filters.committee),
        ("status", filters.status),
    ):
        if value is not None:
            measures = measures.filter(**{field: value})
    return paginate(request, response, measures, paging, convert_window=_convert(request))


@router.get("/measures/{id:measure_id}", response=responses(MeasureOut), summary="One measure")
def get_measure(request, where: Query[SiteFilter], measure_id: int = ObjectId()):
    measure = get_or_404(measures_of_site(resolve_site(request, where.site)), pk=measure_id)
    return _convert(request)([measure])[0]
