"""Contact details of committee members: erased on request and when membership has ended.

A membership of a committee is a public record (name, role, organisation, period) and stays; the
person's e-mail address is contact data, and goes."""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from .notices import MinutesNotice
from .people import Membership, Person


def people_of_email(*, email: str):
    return Person.objects.filter(email__iexact=email.strip()).exclude(email="")


def people_erase_contact(*, email: str) -> dict[str, int]:
    """Remove the e-mail address from every person record that has it, and the notices of
    minutes sent or queued to it. Returns counts only."""
    email = email.strip()
    if not email:
        return {"people": 0, "notices_deleted": 0}
    with transaction.atomic():
        notices, _details = MinutesNotice.objects.filter(to_email__iexact=email).delete()
        people = people_of_email(email=email).update(email="", show_email=False)
    return {"people": people, "notices_deleted": notices}


def people_contact_purge(*, ended_before: date) -> int:
    """Erase the e-mail address of people all of whose memberships ended before the given day
    (people without any membership are left alone: the secretariat may be adding them). Returns
    how many people lost their address."""
    open_or_recent = Membership.objects.filter(person=OuterRef("pk")).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=ended_before)
    )
    any_membership = Membership.objects.filter(person=OuterRef("pk"))
    people = (
        Person.objects.exclude(email="")
        .filter(Exists(any_membership))
        .exclude(Exists(open_or_recent))
    )
    return people.update(email="", show_email=False)
