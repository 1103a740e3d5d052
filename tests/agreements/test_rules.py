"""Business rules: milestone and measure states against a given day, adoptions refused when
they come twice or from the future, and a demo that loads twice without new rows."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from wagtail.models import Revision

from samhandling.agreements.choices import MeasureStatus
from samhandling.agreements.models import (
    ActionPlanPage,
    Adoption,
    AgreementPage,
    AgreementVersion,
    Measure,
    Milestone,
)
from samhandling.agreements.selectors import action_plan_progress, revision_plan
from samhandling.agreements.services import adoption_create
from samhandling.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 1, 10)


def test_milestone_states():
    due = datetime.date(2024, 1, 1)
    assert Milestone(due=due).state(today=DAY) == "late"
    assert Milestone(due=due).state(today=due) == "upcoming"
    assert Milestone(due=due, done_on=datetime.date(2024, 2, 1)).state(today=DAY) == "done"


def test_revision_plan_against_a_given_day(demo):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    states = [entry.state for entry in revision_plan(agreement=agreement, today=DAY)]
    assert states == ["done", "done", "done", "upcoming", "upcoming", "upcoming", "upcoming"]
    later = [e.state for e in revision_plan(agreement=agreement, today=datetime.date(2027, 3, 1))]
    assert later == ["done", "done", "done", "late", "late", "upcoming", "upcoming"]


def test_measure_overdue_only_while_open():
    deadline = datetime.date(2024, 1, 1)
    assert Measure(deadline=deadline, status=MeasureStatus.IN_PROGRESS).is_overdue(today=DAY)
    assert Measure(deadline=deadline, status=MeasureStatus.NOT_STARTED).is_overdue(today=DAY)
    assert not Measure(deadline=deadline, status=MeasureStatus.DONE).is_overdue(today=DAY)
    assert not Measure(deadline=deadline, status=MeasureStatus.CANCELLED).is_overdue(today=DAY)
    assert not Measure(deadline=None, status=MeasureStatus.IN_PROGRESS).is_overdue(today=DAY)


def test_action_plan_progress_counts_and_groups(demo):
    plan = ActionPlanPage.objects.get(slug="handlingsplan")
    progress = action_plan_progress(plan=plan, today=datetime.date(2023, 1, 1))
    assert progress.total == 6
    assert progress.count("in_progress") == 3 and progress.count("done") == 1
    assert progress.overdue == 0
    assert [group.theme for group in progress.groups][0] == "E-helse og teknologi"
    assert len(progress.groups[0].measures) == 2
    assert action_plan_progress(plan=plan, today=datetime.date(2024, 7, 1)).overdue == 2


def test_a_measure_needs_an_owner():
    with pytest.raises(ValidationError) as error:
        Measure(title="Tiltak", status=MeasureStatus.NOT_STARTED).clean()
    assert "owner_organisation" in error.value.message_dict


def _version_and_party():
    """Delavtale 2's revision, recommended by SSU and adopted by Molde, not yet by Ørsta."""
    version = AgreementVersion.objects.get(agreement__slug="delavtale-2", label="Revidert 2024")
    return version, Organisation.objects.get(municipality_number="1520")  # Ørsta


def test_adoption_is_recorded_once_per_party(demo):
    version, orsta = _version_and_party()
    adoption_create(
        version=version,
        organisation=orsta,
        adopted_on=datetime.date(2024, 12, 5),
        body="Kommunestyret",
    )
    with pytest.raises(ValidationError) as error:
        adoption_create(version=version, organisation=orsta, adopted_on=datetime.date(2024, 12, 6))
    assert error.value.messages == ["Denne parten har alt vedteke denne versjonen."]
    assert version.adoptions.filter(organisation=orsta).count() == 1


def test_the_database_refuses_a_second_adoption(demo):
    version, _orsta = _version_and_party()
    molde = Organisation.objects.get(municipality_number="1506")
    with pytest.raises(IntegrityError), transaction.atomic():
        Adoption.objects.create(version=version, organisation=molde, adopted_on=DAY)


def test_an_adoption_in_the_future_is_refused(demo):
    version, orsta = _version_and_party()
    with pytest.raises(ValidationError) as error:
        adoption_create(
            version=version,
            organisation=orsta,
            adopted_on=datetime.date(2024, 2, 1),
            today=DAY,
        )
    assert "adopted_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        Adoption(version=version, organisation=orsta, adopted_on=datetime.date(2024, 2, 1)).clean(
            today=DAY
        )


def test_loading_the_demo_again_creates_no_rows_or_revisions(demo):
    def counts():
        return (
            Revision.objects.count(),
            AgreementVersion.objects.count(),
            Adoption.objects.count(),
            Milestone.objects.count(),
            Measure.objects.count(),
        )

    before = counts()
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    assert counts() == before
    assert before[1:] == (12, 172, 7, 6)


def test_the_demo_replaces_the_plain_agreement_page_of_the_first_demo(demo):
    from samhandling.core.pages import StandardPage

    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    home = agreement.get_parent()
    agreement.delete()
    home.add_child(instance=StandardPage(title="Samarbeidsavtalen", slug="samarbeidsavtalen"))
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    pages = home.get_children().filter(slug="samarbeidsavtalen")
    assert [page.specific_class for page in pages] == [AgreementPage]
    home.refresh_from_db()
    shortcut_pages = [block.value["page"].pk for block in home.specific.shortcuts]
    assert pages[0].pk in shortcut_pages
