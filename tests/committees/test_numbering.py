"""Case numbers ("Sak 12/2023") run per committee and year and are never handed out twice."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from samhandling.committees.agenda import AgendaItem, AgendaItemNumber
from samhandling.committees.services import (
    agenda_item_number_next,
    agenda_item_number_reserve,
)

from .factories import case_numbers, committee, meeting, oslo, publish, structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def ssu():
    return committee(structure(), "ssu")


def test_items_are_numbered_in_order_within_the_committee_and_year(ssu):
    first = meeting(ssu, "m1", oslo(2023, 3, 1, 10), items=["Referat", "Handlingsplan"])
    second = meeting(ssu, "m2", oslo(2023, 9, 20, 10), items=["E-helse"])
    assert case_numbers(first) == ["1/2023", "2/2023"]
    assert case_numbers(second) == ["3/2023"]


def test_numbering_starts_again_for_another_committee_and_another_year(ssu):
    other = committee(ssu.get_parent(), "fsu")
    meeting(ssu, "m1", oslo(2023, 3, 1, 10), items=["A", "B"])
    assert case_numbers(meeting(other, "m1", oslo(2023, 3, 2, 10), items=["C"])) == ["1/2023"]
    assert case_numbers(meeting(ssu, "m2", oslo(2024, 1, 10, 10), items=["D"])) == ["1/2024"]
    # A meeting on New Year's Eve evening in Oslo belongs to that year, though it is UTC's too.
    assert case_numbers(meeting(ssu, "m3", oslo(2023, 12, 31, 23, 30), items=["E"])) == ["3/2023"]


def test_a_deleted_items_number_is_not_handed_out_again(ssu):
    page = meeting(ssu, "m1", oslo(2023, 3, 1, 10), items=["A", "B"])
    draft = page.get_latest_revision_as_object()
    draft.agenda_items = [item for item in draft.agenda_items.all() if item.title == "A"]
    publish(draft)
    assert case_numbers(page) == ["1/2023"]

    draft = page.get_latest_revision_as_object()
    draft.agenda_items = [*draft.agenda_items.all(), AgendaItem(title="C")]
    publish(draft)
    assert case_numbers(page) == ["1/2023", "3/2023"]
    assert agenda_item_number_next(committee=ssu, year=2023) == 4


def test_publishing_again_keeps_the_numbers(ssu):
    page = meeting(ssu, "m1", oslo(2023, 3, 1, 10), items=["A"])
    # An item added to a live page is in the revision without a database id; Wagtail re-creates
    # such rows on every publish. The item keeps its number all the same.
    draft = page.get_latest_revision_as_object()
    draft.agenda_items = [*draft.agenda_items.all(), AgendaItem(title="B")]
    publish(draft)
    for _ in range(2):
        draft = page.get_latest_revision_as_object()
        draft.title += "!"
        publish(draft)
    assert case_numbers(page) == ["1/2023", "2/2023"]
    assert AgendaItemNumber.objects.filter(committee=ssu).count() == 2


def test_a_copied_meeting_starts_with_an_empty_agenda(ssu):
    page = meeting(ssu, "m1", oslo(2023, 3, 1, 10), items=["A"])
    copy = page.copy(update_attrs={"slug": "m1-kopi", "title": "Kopi"})
    assert list(copy.agenda_items.all()) == []
    assert case_numbers(page) == ["1/2023"]


def test_the_database_refuses_a_number_twice_in_a_committee_and_year(ssu):
    meeting(ssu, "m1", oslo(2023, 3, 1, 10), items=["A"])
    with translation.override("en"), pytest.raises(ValidationError, match="1/2023 is already"):
        agenda_item_number_reserve(committee=ssu, year=2023, number=1, key=AgendaItem().key)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemNumber.objects.create(committee=ssu, year=2023, number=1, key=AgendaItem().key)


def test_an_earlier_number_can_be_recorded_and_numbering_goes_on_from_the_highest(ssu):
    page = meeting(ssu, "m1", oslo(2023, 9, 20, 10))
    draft = page.get_latest_revision_as_object()
    draft.agenda_items = [AgendaItem(title="Frå før", number=9)]
    publish(draft)
    assert case_numbers(meeting(ssu, "m2", oslo(2023, 10, 1, 10), items=["Ny"])) == ["10/2023"]
