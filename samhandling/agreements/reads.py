"""The queries of the agreement page, each built once per process
(`core.compiled_lists.compiled_list`) and run with the agreement's id, path and depth on every
request. Each `_build_…` is the queryset the selectors used to build per request, written with
the same filters; the selectors (`selectors.py`) work on what these return."""

from functools import cache, partial
from typing import NamedTuple

from django.db.models import Q

from samhandling.core import page_cache_tags
from samhandling.core.compiled_lists import compiled_list
from samhandling.core.visibility import live_and_not_below

# The columns a page needs to be listed as a link (`pageurl`, `lang_attr`, its title, the page
# cache's tags): the rest of Wagtail's wide page row is not read for a list.
PAGE_LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "locale_id", "live")
# The columns `{% organisation_link %}` reads (its name, Sámi name and the language of that).
ORGANISATION_LINK_FIELDS = ("id", "name", "sami_name", "municipality_number")
PARTY_KINDS = ("kommune", "helseforetak")


class PartyRow(NamedTuple):
    """An organisation as the agreement page names it (`{% organisation_link %}` reads these):
    a row of `ORGANISATION_LINK_FIELDS` rather than an instance, which costs several times as
    much to make (`Model.from_db`, `post_init`) for some fifty names a page."""

    pk: int
    name: str
    sami_name: str
    municipality_number: str | None


class AdoptionRow:
    """An Adoption with its party (`PartyRow`), as the page shows it."""

    __slots__ = ("pk", "version_id", "adopted_on", "body", "organisation_id", "organisation")

    def __init__(self, pk, version_id, adopted_on, body, organisation: PartyRow):
        self.pk = pk
        self.version_id = version_id
        self.adopted_on = adopted_on
        self.body = body
        self.organisation_id = organisation.pk
        self.organisation = organisation

    def __repr__(self) -> str:
        return f"<AdoptionRow {self.pk}: {self.organisation.name} {self.adopted_on}>"


def _noted(model, pks) -> None:
    """Note the records read as rows for the page cache, as `post_init` notes instances."""
    tags = [page_cache_tags.record_tag(model, pk) for pk in pks]
    page_cache_tags.tag(*(tag for tag in tags if tag))


def _build_parties(*, community):
    """`community.members.filter(kind__in=PARTY_KINDS)`, the columns of a link, by name."""
    from samhandling.organisations.models import Organisation

    members = Organisation.objects.filter(health_communities=community, kind__in=PARTY_KINDS)
    return members.values(*ORGANISATION_LINK_FIELDS).order_by("name")


def _build_versions(*, agreement):
    """`agreement.versions`, with their documents, newest first."""
    from .versions import AgreementVersion

    versions = AgreementVersion.objects.filter(agreement=agreement)
    return versions.select_related("document").order_by("-dated", "-pk")


# The columns of an adoption and its party, as `_build_adoptions` reads them.
ADOPTION_COLUMNS = (
    "id",
    "version_id",
    "adopted_on",
    "body",
    *(f"organisation__{name}" for name in ORGANISATION_LINK_FIELDS),
)


def _build_adoptions(*, agreement):
    """The adoptions of every version of the agreement (by party name, as `Adoption` orders
    them), with the columns of their party."""
    from .versions import Adoption

    return Adoption.objects.filter(version__agreement=agreement).values(*ADOPTION_COLUMNS)


def _build_milestones(*, agreement):
    """`agreement.milestones.all()` as read from the database."""
    from .plans import Milestone

    return Milestone.objects.filter(agreement=agreement)


def _build_children(*, hidden, path, depth, pk, child_depth):
    """`public_live(AgreementPage.objects.child_of(agreement))` (Wagtail's `child_of_q`), the
    columns of a link and the number, by path."""
    from .pages import AgreementPage

    children = AgreementPage.objects.filter(
        Q(path__startswith=path) & Q(depth__gte=depth) & ~Q(pk=pk) & Q(depth=child_depth)
    )
    return live_and_not_below(children, hidden).only(*PAGE_LINK_FIELDS, "number").order_by("path")


class VersionRow(NamedTuple):
    """A version as the list of sub-agreements shows it (its label and status, not its text)."""

    pk: int
    agreement_id: int
    label: str
    status: str
    dated: object

    def get_status_display(self) -> str:
        """As the model's: the status's label (in the active language)."""
        return status_label(self.status)


def status_label(status: str) -> str:
    """`AgreementVersion.get_status_display()` for the status."""
    from .versions import AgreementVersion

    return choice_label(AgreementVersion, "status", status)


def choice_label(model, field_name: str, value) -> str:
    """`instance.get_<field_name>_display()` for the value: the label of the choice (in the
    active language), or the value itself when it is none of them; without hashing every lazy
    label on each call as Django does."""
    return str(_choices(model, field_name).get(value, value))


@cache
def _choices(model, field_name: str) -> dict:
    return dict(model._meta.get_field(field_name).flatchoices)


def _build_children_versions(*, path, child_depth):
    """The versions of the pages right below the agreement (the sub-agreements): what the list
    shows of each (`VersionRow`), newest first."""
    from .versions import AgreementVersion

    versions = AgreementVersion.objects.filter(
        agreement__path__startswith=path, agreement__depth=child_depth
    )
    versions = versions.values("id", "agreement_id", "label", "status", "dated")
    return versions.order_by("-dated", "-pk")


def _build_action_plans(*, hidden, parent_path, depth, path, below_depth, pk):
    """Live action plans beside (`sibling_of_q`) or below (`descendant_of_q`) the agreement."""
    from .pages import ActionPlanPage

    beside = Q(path__startswith=parent_path) & Q(depth=depth)
    below = Q(path__startswith=path) & Q(depth__gte=below_depth) & ~Q(pk=pk)
    plans = live_and_not_below(ActionPlanPage.objects.all(), hidden)
    return (plans.filter(beside) | plans.filter(below)).only(*PAGE_LINK_FIELDS).order_by("path")


def measures_of(measures):
    """The measures (of a plan) in full and, of what they link to, the columns the page shows."""
    from .plans import Measure

    measures = measures.select_related(
        "owner_organisation", "owner_committee", "decision", "decision_case__meeting"
    )
    return measures.only(
        *(f.name for f in Measure._meta.concrete_fields),
        *(f"owner_organisation__{name}" for name in ORGANISATION_LINK_FIELDS),
        *(f"owner_committee__{name}" for name in PAGE_LINK_FIELDS),
        *(f"decision__{name}" for name in PAGE_LINK_FIELDS),
        "decision_case__id",
        "decision_case__meeting_id",
        "decision_case__number",
        "decision_case__year",
        "decision_case__label",
        *(f"decision_case__meeting__{name}" for name in PAGE_LINK_FIELDS),
    )


def _build_measures(*, plan):
    """`plan.measures`, as `measures_of` reads them."""
    from .plans import Measure

    return measures_of(Measure.objects.filter(plan=plan))


# Each read: `list(_build_…(**values))`, with the SQL compiled once per process (and per set of
# hidden paths, where they are left out).


def parties(*, community: int) -> list[PartyRow]:
    from samhandling.organisations.models import Organisation

    rows = compiled_list("agreements.parties", (), _build_parties, community=community)
    parties = [PartyRow(r["id"], r["name"], r["sami_name"], r["municipality_number"]) for r in rows]
    _noted(Organisation, [party.pk for party in parties])
    return parties


def versions(*, agreement: int) -> list:
    return compiled_list("agreements.versions", (), _build_versions, agreement=agreement)


def adoptions(*, agreement: int) -> list[AdoptionRow]:
    from samhandling.organisations.models import Organisation

    from .versions import Adoption

    rows = compiled_list("agreements.adoptions", (), _build_adoptions, agreement=agreement)
    adoptions = [
        AdoptionRow(
            r["id"],
            r["version_id"],
            r["adopted_on"],
            r["body"],
            PartyRow(
                r["organisation__id"],
                r["organisation__name"],
                r["organisation__sami_name"],
                r["organisation__municipality_number"],
            ),
        )
        for r in rows
    ]
    _noted(Adoption, [adoption.pk for adoption in adoptions])
    _noted(Organisation, [adoption.organisation_id for adoption in adoptions])
    return adoptions


def milestones(*, agreement: int) -> list:
    return compiled_list("agreements.milestones", (), _build_milestones, agreement=agreement)


def children(*, hidden: tuple, path: str, depth: int, pk: int, child_depth: int) -> list:
    build = partial(_build_children, hidden=hidden)
    values = {"path": path, "depth": depth, "pk": pk, "child_depth": child_depth}
    return compiled_list("agreements.children", hidden, build, **values)


def children_versions(*, path: str, child_depth: int) -> list[VersionRow]:
    from .versions import AgreementVersion

    rows = compiled_list(
        "agreements.children-versions",
        (),
        _build_children_versions,
        path=path,
        child_depth=child_depth,
    )
    versions = [
        VersionRow(r["id"], r["agreement_id"], r["label"], r["status"], r["dated"]) for r in rows
    ]
    _noted(AgreementVersion, [version.pk for version in versions])
    return versions


def action_plans(
    *, hidden: tuple, parent_path: str, depth: int, path: str, below_depth: int, pk: int
) -> list:
    build = partial(_build_action_plans, hidden=hidden)
    values = {
        "parent_path": parent_path,
        "depth": depth,
        "path": path,
        "below_depth": below_depth,
        "pk": pk,
    }
    return compiled_list("agreements.action-plans", hidden, build, **values)


def measures(*, plan: int) -> list:
    return compiled_list("agreements.measures", (), _build_measures, plan=plan)
