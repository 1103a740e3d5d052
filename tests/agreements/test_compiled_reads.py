"""The agreement pages' queries built once per process (`agreements.reads` through
`core.compiled_lists.compiled_list`): the same rows and instances as the querysets run by the
ORM, `post_init` sent, values that need escaping in a LIKE pattern run by the ORM, and the
restricted sections and unpublished pages left out."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from samhandling.agreements import reads
from samhandling.agreements.models import ActionPlanPage, AgreementPage
from samhandling.agreements.reads import PARTY_KINDS
from samhandling.agreements.selectors import (
    action_plans_near,
    agreement_overview,
    sub_agreements,
)
from samhandling.agreements.versions import Adoption, AgreementVersion
from samhandling.core import compiled_lists, page_cache_tags
from samhandling.core.compiled_lists import compiled_list
from samhandling.core.sites import community_for_site
from samhandling.hearings.selectors import hearings_of_agreement
from samhandling.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def rows(instances) -> list:
    """What an instance holds (its loaded fields) and what select_related set on it; of a row
    (`PartyRow`, `AdoptionRow`), its values."""
    return [
        _row(instance)
        if isinstance(instance, reads.PartyRow | reads.AdoptionRow | reads.VersionRow)
        else (
            type(instance),
            {k: v for k, v in vars(instance).items() if k != "_state"},
            sorted(instance._state.fields_cache),
        )
        for instance in instances
    ]


def _row(row) -> tuple:
    if isinstance(row, reads.PartyRow | reads.VersionRow):
        return (type(row).__name__, tuple(row))
    values = (getattr(row, name) for name in row.__slots__[:-1])
    return ("adoption", *values, _row(row.organisation))


def _party(organisation) -> reads.PartyRow:
    return reads.PartyRow(
        organisation.pk, organisation.name, organisation.sami_name, organisation.municipality_number
    )


def parties_by_orm(*, community) -> list:
    """The parties as the page read them before they were rows: instances, by name."""
    members = Organisation.objects.filter(health_communities=community, kind__in=PARTY_KINDS)
    return [_party(organisation) for organisation in members.order_by("name")]


def versions_by_orm(*, path, child_depth) -> list:
    """The sub-agreements' versions as the page read them before they were rows: instances."""
    versions = AgreementVersion.objects.filter(
        agreement__path__startswith=path, agreement__depth=child_depth
    ).order_by("-dated", "-pk")
    return [reads.VersionRow(v.pk, v.agreement_id, v.label, v.status, v.dated) for v in versions]


def adoptions_by_orm(*, agreement) -> list:
    """The adoptions as the page read them before they were rows: with their organisations."""
    adoptions = Adoption.objects.filter(version__agreement=agreement).select_related("organisation")
    return [
        reads.AdoptionRow(a.pk, a.version_id, a.adopted_on, a.body, _party(a.organisation))
        for a in adoptions
    ]


def _compiled_shapes(name: str) -> list:
    return [compiled for shape, compiled in compiled_lists._compiled.items() if shape[0] == name]


def test_each_read_returns_what_the_orm_returns(demo):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    plan = ActionPlanPage.objects.first()
    parent_path = AgreementPage._get_parent_path_from_path(agreement.path)
    children = {
        "path": agreement.path,
        "depth": agreement.depth,
        "pk": agreement.pk,
        "child_depth": agreement.depth + 1,
    }
    plans = {
        "parent_path": parent_path,
        "depth": agreement.depth,
        "path": agreement.path,
        "below_depth": agreement.depth,
        "pk": agreement.pk,
    }
    cases = [
        ("parties", reads.parties, parties_by_orm, {"community": 1}),
        ("versions", reads.versions, reads._build_versions, {"agreement": agreement.pk}),
        ("adoptions", reads.adoptions, adoptions_by_orm, {"agreement": agreement.pk}),
        ("milestones", reads.milestones, reads._build_milestones, {"agreement": agreement.pk}),
        ("children", reads.children, reads._build_children, {"hidden": (), **children}),
        (
            "children-versions",
            reads.children_versions,
            versions_by_orm,
            {"path": agreement.path, "child_depth": agreement.depth + 1},
        ),
        ("action-plans", reads.action_plans, reads._build_action_plans, {"hidden": (), **plans}),
        ("measures", reads.measures, reads._build_measures, {"plan": plan.pk}),
    ]
    compiled_lists._compiled.clear()
    for name, read, build, values in cases:
        by_orm = list(build(**values))
        assert by_orm, name  # the demo has rows for each
        assert rows(read(**values)) == rows(by_orm), name
        shapes = _compiled_shapes(f"agreements.{name}")
        assert len(shapes) == 1 and shapes[0] is not compiled_lists._UNCOMPILABLE, name
        with CaptureQueriesContext(connection) as queries:  # compiled: one query, no more
            assert rows(read(**values)) == rows(by_orm), name
        assert len(queries) == 1, name


def test_the_page_reads_send_post_init_for_each_record(demo):
    """The page cache notes what a page shows by `post_init`: the prepared reads send it too."""
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    seen = []

    def note(sender, instance, **kwargs):
        seen.append((sender._meta.label_lower, instance.pk))

    post_init.connect(note)
    try:
        agreement_overview(agreement=agreement)
    finally:
        post_init.disconnect(note)
    labels = {label for label, _pk in seen}
    assert {"agreements.agreementversion", "agreements.agreementpage"} <= labels


def test_the_rows_are_noted_for_the_page_cache_as_instances_were(demo):
    """The parties and adoptions are read as rows, not instances: they note for the page cache
    what the instances' `post_init` noted."""
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    community = community_for_site(agreement.get_site())
    recorder, token = page_cache_tags.start()
    try:
        overview = agreement_overview(agreement=agreement)
    finally:
        page_cache_tags.stop(token)
    by_instances, token = page_cache_tags.start()
    try:
        members = community.members.filter(kind__in=PARTY_KINDS)
        assert list(members.only(*reads.ORGANISATION_LINK_FIELDS))
        adoptions = Adoption.objects.filter(version__agreement=agreement)
        assert list(adoptions.select_related("organisation"))
    finally:
        page_cache_tags.stop(token)
    assert {tag.partition(":")[0] for tag in by_instances.tags} == {
        "agreements.adoption",
        "organisations.organisation",
    }
    assert by_instances.tags <= recorder.tags
    party = overview["latest_adoptions"].not_adopted[0]
    assert f"organisations.organisation:{party.pk}" in recorder.tags


def test_a_value_that_needs_escaping_in_a_like_pattern_goes_through_the_orm(db):
    Organisation.objects.create(name="Zz_compiled a", kind="other")
    Organisation.objects.create(name="Zzxcompiled b", kind="other")

    def starting(*, start):
        return Organisation.objects.filter(name__startswith=start)

    def names(start: str) -> list:
        return [
            o.name for o in compiled_list("test-agreements-starting", (), starting, start=start)
        ]

    assert names("Zz_") == ["Zz_compiled a"]
    assert names("Zz%") == []
    assert sorted(names("Zz")) == ["Zz_compiled a", "Zzxcompiled b"]
    assert _compiled_shapes("test-agreements-starting") != [compiled_lists._UNCOMPILABLE]


def test_a_value_used_twice_gets_the_orms_rows(db):
    organisation = Organisation.objects.create(name="Zz twice", kind="other")
    Organisation.objects.create(name="Zz other", kind="other")

    def twice(*, pk):
        return Organisation.objects.filter(pk=pk) | Organisation.objects.filter(name__gte="", pk=pk)

    for _ in range(2):  # compiled, then run compiled
        found = compiled_list("test-agreements-twice", (), twice, pk=organisation.pk)
        assert [o.pk for o in found] == [organisation.pk]


def test_the_sub_agreement_paths_are_read_compiled(demo):
    """A page path is letters and digits: the reads with a path in a LIKE pattern do not fall
    back to the ORM."""
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    compiled_lists._compiled.clear()
    assert sub_agreements(agreement=agreement) and action_plans_near(agreement=agreement)
    for name in ("agreements.children", "agreements.children-versions", "agreements.action-plans"):
        shapes = _compiled_shapes(name)
        assert shapes and compiled_lists._UNCOMPILABLE not in shapes, name


def test_restricted_sub_agreements_and_plans_are_left_out(demo):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    children = [child for child, _version in sub_agreements(agreement=agreement)]
    plans = action_plans_near(agreement=agreement)
    assert children and plans
    PageViewRestriction.objects.create(page=children[0], restriction_type="login")
    PageViewRestriction.objects.create(page=plans[0], restriction_type="login")
    after = [child.pk for child, _version in sub_agreements(agreement=agreement)]
    assert after == [child.pk for child in children[1:]]
    assert [plan.pk for plan in action_plans_near(agreement=agreement)] == [
        plan.pk for plan in plans[1:]
    ]


def test_hearings_below_an_unpublished_page_are_left_out(demo):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    hearings = hearings_of_agreement(agreement=agreement)
    assert hearings
    index = hearings[0].page.get_parent()
    index.unpublish()
    assert hearings_of_agreement(agreement=agreement) == []
