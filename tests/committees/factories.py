"""Test data for committees: a small structure of pages, people and memberships."""

import datetime
from zoneinfo import ZoneInfo

import factory
from wagtail.models import Page

from samhandling.committees.agenda import AgendaItem
from samhandling.committees.choices import CommitteeLevel, MemberRole, Represents
from samhandling.committees.pages import CommitteeIndexPage, CommitteePage, MeetingPage
from samhandling.committees.people import Membership, Person

OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)


def admin_client(user=None):
    """A test client logged in to the admin as `user` (by default a new superuser, "sekretariat"),
    whose admin speaks English."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.users.models import UserProfile

    if user is None:
        user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    from tests.staff_login import admin_login

    return admin_login(Client(), user)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Rådgjevar"
    email = factory.LazyAttribute(lambda p: f"{p.name.replace(' ', '.').lower()}@example.org")
    show_email = False


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    role = MemberRole.MEMBER
    represents = Represents.MUNICIPALITIES
    term_start = datetime.date(2023, 1, 1)


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def structure(parent: Page | None = None, slug: str = "utval-test") -> CommitteeIndexPage:
    parent = parent or Page.get_first_root_node()
    page = parent.add_child(instance=CommitteeIndexPage(title="Utval", slug=slug))
    return publish(page)


def committee(parent: Page, slug: str = "ssu", **fields) -> CommitteePage:
    fields.setdefault("title", f"Utval {slug}")
    fields.setdefault("level", CommitteeLevel.STRATEGIC)
    page = parent.add_child(instance=CommitteePage(slug=slug, **fields))
    return publish(page)


def meeting(parent: CommitteePage, slug: str, start: datetime.datetime, items=(), **fields):
    fields.setdefault("title", f"Møte {slug}")
    page = MeetingPage(slug=slug, start=start, **fields)
    page.agenda_items = [AgendaItem(title=title) for title in items]
    parent.add_child(instance=page)
    return publish(page)


def case_numbers(page: MeetingPage) -> list[str]:
    items = AgendaItem.objects.filter(meeting=page).order_by("sort_order", "pk")
    return [item.case_number for item in items]
