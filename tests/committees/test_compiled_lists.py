"""`committees.compiled_lists`: a list's SQL is built once per process and run with new values;
what comes back is what the ORM gives for the same queryset, and a queryset the sentinels do not
fit goes through the ORM every time."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samhandling.committees import selectors
from samhandling.committees.pages import CommitteeIndexPage, CommitteePage, MeetingPage
from samhandling.committees.people import Membership, Person
from samhandling.core import compiled_lists
from samhandling.core.compiled_lists import compiled_count, compiled_list
from samhandling.core.visibility import public_live, published

pytestmark = pytest.mark.django_db


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def _meetings_below(*, path, depth):
    meetings = MeetingPage.objects.filter(path__startswith=path, depth__gt=depth)
    return published(meetings).order_by("start", "pk")


def test_the_same_instances_as_the_orm_for_each_value(demo):
    compiled_lists._compiled.clear()
    for committee in CommitteePage.objects.order_by("path"):
        values = {"path": committee.path, "depth": committee.depth}
        found = compiled_list("test-meetings", (), _meetings_below, **values)
        expected = list(_meetings_below(**values))
        assert [type(m) for m in found] == [type(m) for m in expected]
        assert [_fields(m) for m in found] == [_fields(m) for m in expected]
    assert list(compiled_lists._compiled.values()) != [compiled_lists._UNCOMPILABLE]
    assert len(compiled_lists._compiled) == 1


def test_each_call_after_the_first_runs_one_query_with_its_values(demo):
    structure = CommitteeIndexPage.objects.first()

    def build(*, path, depth, now):
        return _meetings_below(path=path, depth=depth).filter(start__lt=now)

    values = {"path": structure.path, "depth": structure.depth, "now": timezone.now()}
    compiled_list("test-past", (), build, **values)
    with CaptureQueriesContext(connection) as queries:
        found = compiled_list("test-past", (), build, **values)
    assert len(queries) == 1 and structure.path in str(queries[0]["sql"])
    assert [m.pk for m in found] == [m.pk for m in build(**values)]
    assert found and all(m.start < values["now"] for m in found)


def test_related_objects_values_rows_and_dates(demo):
    committee = CommitteePage.objects.annotate(n=Count("memberships")).order_by("-n").first()
    today = timezone.localdate()

    def memberships(*, committee_id, today):
        return (
            Membership.objects.filter(committee_id=committee_id)
            .current(on=today)
            .select_related("person", "organisation")
            .order_by("person__name", "pk")
        )

    def counts(*, committee_id, today):
        rows = Membership.objects.filter(committee_id=committee_id).current(on=today)
        return rows.values("represents").annotate(n=Count("pk")).order_by("represents")

    values = {"committee_id": committee.pk, "today": today}
    found = compiled_list("test-memberships", (), memberships, **values)
    expected = list(memberships(**values))
    assert found and [_fields(m) for m in found] == [_fields(m) for m in expected]
    with CaptureQueriesContext(connection) as queries:
        assert [_fields(m.person) for m in found] == [_fields(m.person) for m in expected]
        assert [m.organisation_id for m in found] == [m.organisation_id for m in expected]
    assert len(queries) == 0  # read with the memberships
    assert compiled_list("test-counts", (), counts, **values) == list(counts(**values))


def test_a_value_made_into_another_is_not_baked_in(demo):
    """A queryset that computes with a value (a depth plus one) is not compiled: the SQL would
    keep what was made from the sentinel."""
    compiled_lists._compiled.clear()

    def children(*, path, depth):
        return MeetingPage.objects.filter(path__startswith=path, depth=depth + 1).order_by("pk")

    for committee in CommitteePage.objects.all():
        values = {"path": committee.path, "depth": committee.depth}
        found = compiled_list("test-children", (), children, **values)
        assert [m.pk for m in found] == [m.pk for m in children(**values)]
    assert list(compiled_lists._compiled.values()) == [compiled_lists._UNCOMPILABLE]


def test_a_pattern_value_that_needs_escaping_goes_through_the_orm(demo):
    def titled(*, start):
        return Person.objects.filter(name__startswith=start).order_by("pk")

    first = Person.objects.order_by("pk").first()
    assert [p.pk for p in compiled_list("test-names", (), titled, start=first.name[:3])] == [
        p.pk for p in titled(start=first.name[:3])
    ]
    assert compiled_list("test-names", (), titled, start="%") == []


def test_a_count_is_the_orms_count(demo):
    for committee in CommitteePage.objects.all():
        values = {"path": committee.path, "depth": committee.depth}
        assert compiled_count("test-count", (), _meetings_below, **values) == (
            _meetings_below(**values).count()
        )


def test_the_committee_selectors_read_what_they_did(demo):
    """The selectors now compiled give what their ORM querysets give."""
    for committee in CommitteePage.objects.all():
        upcoming, past = selectors.meetings_upcoming_and_past(committee=committee)
        assert [m.pk for m in upcoming] == [
            m.pk for m in selectors.meetings_upcoming(committee=committee)
        ]
        assert [m.pk for m in past] == [m.pk for m in selectors.meetings_past(committee=committee)]
        groups, former = selectors.members_current_and_former(committee=committee)
        assert [(label, [m.pk for m in members]) for label, members in groups] == [
            (label, [m.pk for m in members])
            for label, members in selectors.members_by_role(committee=committee)
        ]
        assert {m.pk for m in former} == {
            m.pk for m in selectors.former_memberships(committee=committee)
        }
        assert [p.pk for p in selectors.subcommittees(committee=committee)] == [
            p.pk for p in public_live(committee.get_children().type(CommitteePage))
        ]
        for year in selectors.meeting_years(committee=committee):
            years, meetings = selectors.meeting_archive(committee=committee, year=year)
            assert years == selectors.meeting_years(committee=committee)
            assert [m.pk for m in meetings] == [
                m.pk for m in selectors.meetings_in_year(committee=committee, year=year)
            ]


def test_a_previews_agenda_is_the_revisions(demo):
    """The meeting page reads its agenda compiled, but a meeting whose agenda is held in memory
    (a preview of a revision) shows that agenda."""
    from samhandling.committees.agenda import AgendaItem

    meeting = MeetingPage.objects.filter(agenda_items__isnull=False).distinct().first()
    stored = [item.pk for item in meeting.agenda_items.all()]
    assert [i.pk for i in selectors.meeting_agenda_items(meeting=meeting)] == stored
    meeting.agenda_items.add(AgendaItem(title="Ei ny sak i utkastet"))
    titles = [item.title for item in selectors.meeting_agenda_items(meeting=meeting)]
    assert "Ei ny sak i utkastet" in titles and len(titles) == len(stored) + 1
