"""Business rules of committees: case numbering and follow-up of decisions."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _


def _lock_committee(committee):
    from .pages import CommitteePage

    return CommitteePage.objects.select_for_update().get(pk=committee.pk)


def agenda_item_number_next(*, committee, year: int, key=None, meeting=None) -> int:
    """Hand out the next case number of the committee in the year ("Sak 12/2023").

    Locks the committee row, then counts in the ledger of numbers, whose rows outlive deleted
    agenda items: a number is never handed out twice. The ledger's unique constraint on
    (committee, year, number) backs this up in the database."""
    from .agenda import AgendaItemNumber

    with transaction.atomic():
        _lock_committee(committee)
        last = AgendaItemNumber.objects.filter(committee=committee, year=year).aggregate(
            last=Max("number")
        )["last"]
        number = (last or 0) + 1
        AgendaItemNumber.objects.create(
            committee_id=committee.pk,
            year=year,
            number=number,
            key=key or uuid.uuid4(),
            meeting_id=meeting.pk if meeting else None,
        )
    return number


def agenda_item_number_reserve(*, committee, year: int, number: int, key, meeting=None):
    """Record a number given outside Samhandling (minutes from before it was in use)."""
    from .agenda import AgendaItemNumber

    with transaction.atomic():
        _lock_committee(committee)
        taken = AgendaItemNumber.objects.filter(committee=committee, year=year, number=number)
        if taken.exists():
            raise ValidationError(
                _("Case %(number)s/%(year)s is already taken in this committee.")
                % {"number": number, "year": year}
            )
        return AgendaItemNumber.objects.create(
            committee_id=committee.pk,
            year=year,
            number=number,
            key=key,
            meeting_id=meeting.pk if meeting else None,
        )


def agenda_item_number_assign(*, item) -> None:
    """Give an agenda item its case number before it is saved: the number it already has (found
    by its key, as publishing a revision re-creates the rows), or the next free one."""
    from .agenda import AgendaItemNumber

    meeting = item.meeting
    allocation = AgendaItemNumber.objects.filter(key=item.key).first()
    if allocation is not None and allocation.meeting_id not in (None, meeting.pk):
        # Copied from another meeting: this is a new case.
        item.key = uuid.uuid4()
        item.number = None
        allocation = None
    if allocation is None:
        committee = meeting.get_parent().specific
        year = timezone.localtime(meeting.start).year
        if item.number is None:
            item.number = agenda_item_number_next(
                committee=committee, year=year, key=item.key, meeting=meeting
            )
        else:
            agenda_item_number_reserve(
                committee=committee, year=year, number=item.number, key=item.key, meeting=meeting
            )
        item.committee_id, item.year = committee.pk, year
    else:
        item.committee_id = allocation.committee_id
        item.year, item.number = allocation.year, allocation.number
