"""The agreement pages' queries built once per process (`agreements.prepared`, `reads`): the same
rows and instances as the querysets run by the ORM, values escaped in LIKE patterns, a fallback
to the ORM where the SQL is not of the expected shape, and the restricted sections left out."""

import pytest
from django.db.models.signals import post_init
from wagtail.models import PageViewRestriction

from samhandling.agreements import reads
from samhandling.agreements.models import ActionPlanPage, AgreementPage
from samhandling.agreements.prepared import PreparedQuery
from samhandling.agreements.selectors import (
    action_plans_near,
    agreement_overview,
    sub_agreements,
)
from samhandling.hearings.selectors import hearings_of_agreement
from samhandling.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def rows(instances) -> list:
    """What an instance holds (its loaded fields) and what select_related set on it."""
    return [
        (
            type(instance),
            {k: v for k, v in vars(instance).items() if k != "_state"},
            sorted(instance._state.fields_cache),
        )
        for instance in instances
    ]


def test_each_prepared_read_returns_what_the_orm_returns(demo):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    plan = ActionPlanPage.objects.first()
    parent_path = AgreementPage._get_parent_path_from_path(agreement.path)
    cases = [
        (reads.PARTIES, {"community": 1}),
        (reads.VERSIONS, {"agreement": agreement.pk}),
        (reads.ADOPTIONS, {"agreement": agreement.pk}),
        (reads.MILESTONES, {"agreement": agreement.pk}),
        (
            reads.CHILDREN,
            {
                "path": agreement.path,
                "depth": agreement.depth,
                "pk": agreement.pk,
                "child_depth": agreement.depth + 1,
            },
        ),
        (reads.CHILDREN_VERSIONS, {"path": agreement.path, "child_depth": agreement.depth + 1}),
        (
            reads.ACTION_PLANS,
            {
                "parent_path": parent_path,
                "depth": agreement.depth,
                "path": agreement.path,
                "below_depth": agreement.depth,
                "pk": agreement.pk,
            },
        ),
        (reads.MEASURES, {"plan": plan.pk}),
    ]
    for prepared, values in cases:
        shape = () if prepared in (reads.CHILDREN, reads.ACTION_PLANS) else None
        by_orm = list(prepared.build(shape=shape, **values))
        assert by_orm, prepared.label  # the demo has rows for each
        assert rows(prepared.run(shape=shape, **values)) == rows(by_orm), prepared.label
        assert prepared._compiled[("default", shape)] is not None  # not the fallback


def test_the_page_reads_send_post_init_for_each_record(demo):
    """The page cache notes what a page shows by `post_init`: the prepared reads send it too."""
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    seen = []

    def note(sender, instance, **kwargs):
        seen.append((sender._meta.label_lower, instance.pk))

    post_init.connect(note)
    try:
        overview = agreement_overview(agreement=agreement)
    finally:
        post_init.disconnect(note)
    labels = {label for label, _pk in seen}
    assert {"agreements.agreementversion", "agreements.adoption", "agreements.agreementpage"} <= (
        labels
    )
    assert ("organisations.organisation", overview["latest_adoptions"].not_adopted[0].pk) in seen


def test_a_value_in_a_like_pattern_is_escaped(db):
    Organisation.objects.create(name="Zz_prepared a", kind="other")
    Organisation.objects.create(name="Zzxprepared b", kind="other")
    starting = PreparedQuery(
        "organisations.Organisation",
        lambda *, shape, start: Organisation.objects.filter(name__startswith=start),
        start=str,
    )
    assert [o.name for o in starting.run(start="Zz_")] == ["Zz_prepared a"]
    assert [o.name for o in starting.run(start="Zz%")] == []
    assert {o.name for o in starting.run(start="Zz")} == {"Zz_prepared a", "Zzxprepared b"}


def test_a_value_used_twice_falls_back_to_the_orm(db):
    organisation = Organisation.objects.create(name="Zz twice", kind="other")
    twice = PreparedQuery(
        "organisations.Organisation",
        lambda *, shape, pk: (
            Organisation.objects.filter(pk=pk)
            | Organisation.objects.filter(pk=pk + 0).filter(name__gte="", pk=pk)
        ),
        pk=int,
    )
    assert [o.pk for o in twice.run(pk=organisation.pk)] == [organisation.pk]
    assert twice._compiled[("default", None)] is None


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
