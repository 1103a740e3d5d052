"""Reads for the agreement and action plan pages: who has adopted a version, the revision plan
as a timeline, and the progress of an action plan. `today` can be given for tests."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from samhandling.core.visibility import hidden_paths

from . import reads
from .choices import MeasureStatus, MilestoneState, VersionStatus
from .reads import PARTY_KINDS as PARTY_KINDS  # the organisations' pages read it from here


def parties(*, site) -> list:
    """The parties to the agreements of a site: the member municipalities and hospital trusts of
    its health community (not the RHF, GPs or user organisations)."""
    from samhandling.core.sites import community_for_site

    community = community_for_site(site) if site else None
    if community is None:
        return []
    return reads.parties(community=community.pk)


@dataclass
class AdoptionOverview:
    version: object
    adopted: list = field(default_factory=list)  # Adoption rows of parties, by party name
    not_adopted: list = field(default_factory=list)  # Organisations
    others: list = field(default_factory=list)  # adoptions by organisations no longer parties

    @property
    def adopted_count(self) -> int:
        return len(self.adopted)

    @property
    def party_count(self) -> int:
        return len(self.adopted) + len(self.not_adopted)

    @property
    def adopted_by_all(self) -> bool:
        return bool(self.adopted) and not self.not_adopted


def adoption_overview(*, version, parties: list, adoptions: list | None = None) -> AdoptionOverview:
    """Who of the parties has adopted the version; `adoptions` (the version's, with their
    organisations) when they are already read."""
    if adoptions is None:
        adoptions = list(version.adoptions.select_related("organisation"))
    adoptions = {a.organisation_id: a for a in adoptions}
    overview = AdoptionOverview(version=version)
    for party in parties:
        adoption = adoptions.pop(party.pk, None)
        if adoption is None:
            overview.not_adopted.append(party)
        else:
            overview.adopted.append(adoption)
    overview.others = sorted(adoptions.values(), key=lambda a: a.organisation.name)
    return overview


@dataclass
class VersionShare:
    """How many of the parties have adopted a version (for the bars per version)."""

    version: object
    adopted: int
    total: int


def adoption_shares(
    *, versions, parties: list, adoptions: dict | None = None
) -> list[VersionShare]:
    """Per version (in the order given), how many of today's parties have adopted it; adoptions
    by organisations that are no longer parties do not count. `adoptions`: the versions'
    adoptions by version id, when they are already read."""
    from django.db.models import Count, Q

    from .versions import AgreementVersion

    party_ids = [party.pk for party in parties]
    if adoptions is not None:
        parties_set = set(party_ids)
        return [
            VersionShare(
                version=v,
                adopted=sum(1 for a in adoptions.get(v.pk, ()) if a.organisation_id in parties_set),
                total=len(party_ids),
            )
            for v in versions
        ]
    counted = dict(
        AgreementVersion.objects.filter(pk__in=[v.pk for v in versions])
        .annotate(n=Count("adoptions", filter=Q(adoptions__organisation_id__in=party_ids)))
        .values_list("pk", "n")
    )
    return [
        VersionShare(version=v, adopted=counted.get(v.pk, 0), total=len(party_ids))
        for v in versions
    ]


def latest_version(*, agreement):
    return agreement.versions.order_by("-dated", "-pk").first()


def version_in_force(*, agreement):
    return agreement.versions.filter(status=VersionStatus.IN_FORCE).order_by("-dated").first()


@dataclass
class TimelineEntry:
    milestone: object
    state: str

    @property
    def state_label(self) -> str:
        return MilestoneState(self.state).label


def revision_plan(*, agreement, today: datetime.date | None = None) -> list[TimelineEntry]:
    """The milestones in date order, each done, upcoming or late (due date passed, not done)."""
    day = today or timezone.localdate()
    milestones = sorted(_milestones(agreement), key=lambda m: (m.due, m.sort_order or 0))
    return [TimelineEntry(milestone=m, state=m.state(today=day)) for m in milestones]


def _milestones(agreement) -> list:
    """`agreement.milestones.all()`: those held by the page (a preview of a revision) or else
    read from the database in the query built once."""
    if "milestones" in getattr(agreement, "_cluster_related_objects", {}):
        return list(agreement.milestones.all())
    return reads.milestones(agreement=agreement.pk)


def sub_agreements(*, agreement) -> list[tuple]:
    """The live sub-agreements below the agreement, by number, each with its newest version
    (two queries however many there are, none for the versions when there are none)."""
    restricted = tuple(hidden_paths()[0])
    children = reads.children(
        hidden=restricted,
        path=agreement.path,
        depth=agreement.depth,
        pk=agreement.pk,
        child_depth=agreement.depth + 1,
    )
    children = sorted(
        children, key=lambda page: (page.number is None, page.number or 0, page.title)
    )
    newest: dict = {}
    if children:
        versions = reads.children_versions(path=agreement.path, child_depth=agreement.depth + 1)
        for version in versions:
            newest.setdefault(version.agreement_id, version)
    return [(child, newest.get(child.pk)) for child in children]


def action_plans_near(*, agreement) -> list:
    """Live action plans beside or below the agreement, to link to from it."""
    from .pages import ActionPlanPage

    return reads.action_plans(
        hidden=tuple(hidden_paths()[0]),
        parent_path=ActionPlanPage._get_parent_path_from_path(agreement.path),
        depth=agreement.depth,
        path=agreement.path,
        below_depth=agreement.depth,
        pk=agreement.pk,
    )


# What `agreement_overview` answers: the agreement page's context.
OVERVIEW_PARTS = (
    "latest_version",
    "latest_adoptions",
    "version_in_force",
    "in_force_adoptions",
    "versions",
    "version_shares",
    "sub_agreements",
    "timeline",
    "action_plans",
    "hearings",
)


def agreement_overview(*, agreement, request=None, today: datetime.date | None = None) -> dict:
    from samhandling.core.sites import site_for_request
    from samhandling.hearings.selectors import hearings_of_agreement

    from .versions import AgreementVersion

    site = site_for_request(request) if request is not None else None
    site = site or agreement.get_site()
    versions = reads.versions(agreement=agreement.pk)
    for version in versions:  # as `agreement.versions` does
        AgreementVersion.agreement.field.set_cached_value(version, agreement)
    latest = versions[0] if versions else None  # latest_version, without a query of its own
    in_force = next((v for v in versions if v.status == VersionStatus.IN_FORCE), None)
    the_parties = parties(site=site)
    # Every version's adoptions in one query, for the overviews and the bars.
    adoptions: dict = {}
    for adoption in reads.adoptions(agreement=agreement.pk) if versions else ():
        adoptions.setdefault(adoption.version_id, []).append(adoption)
    return {
        "latest_version": latest,
        "latest_adoptions": (
            adoption_overview(
                version=latest, parties=the_parties, adoptions=adoptions.get(latest.pk, [])
            )
            if latest
            else None
        ),
        "version_in_force": in_force if in_force != latest else None,
        "in_force_adoptions": (
            adoption_overview(
                version=in_force, parties=the_parties, adoptions=adoptions.get(in_force.pk, [])
            )
            if in_force and in_force != latest
            else None
        ),
        "versions": versions,
        "version_shares": adoption_shares(
            versions=versions, parties=the_parties, adoptions=adoptions
        ),
        "sub_agreements": sub_agreements(agreement=agreement),
        "timeline": revision_plan(agreement=agreement, today=today),
        "action_plans": action_plans_near(agreement=agreement) if agreement.number is None else [],
        "hearings": hearings_of_agreement(agreement=agreement),
    }


@dataclass
class ThemeGroup:
    theme: str
    measures: list = field(default_factory=list)


@dataclass
class MeasureRow:
    measure: object
    overdue: bool


# The colour of each status's bar (core/includes/share_bar.html).
STATUS_COLOURS = {
    MeasureStatus.NOT_STARTED: "neutral",
    MeasureStatus.IN_PROGRESS: "info",
    MeasureStatus.DONE: "success",
    MeasureStatus.CANCELLED: "neutral",
}


@dataclass
class Progress:
    total: int
    counts: list  # (status value, label, count), in the order of MeasureStatus
    overdue: int
    groups: list  # ThemeGroup, in the order themes first appear in the plan

    def count(self, status: str) -> int:
        return next((n for value, _label, n in self.counts if value == status), 0)

    @property
    def done(self) -> int:
        return self.count(MeasureStatus.DONE)

    @property
    def bars(self) -> list:
        """(status value, label, count, colour of its bar), for the bars per status."""
        return [(value, label, n, STATUS_COLOURS[value]) for value, label, n in self.counts]


def action_plan_progress(*, plan, today: datetime.date | None = None) -> Progress:
    day = today or timezone.localdate()
    if "measures" in getattr(plan, "_cluster_related_objects", {}):  # a preview: held by it
        measures = list(reads.measures_of(plan.measures.all()))
    else:
        measures = reads.measures(plan=plan.pk)
    counts = [
        (status.value, status.label, sum(1 for m in measures if m.status == status))
        for status in MeasureStatus
    ]
    groups: dict[str, ThemeGroup] = {}
    overdue = 0
    for measure in measures:
        row = MeasureRow(measure=measure, overdue=measure.is_overdue(today=day))
        overdue += row.overdue
        groups.setdefault(measure.theme, ThemeGroup(theme=measure.theme)).measures.append(row)
    return Progress(
        total=len(measures), counts=counts, overdue=overdue, groups=list(groups.values())
    )
