"""Committees, meetings with their agenda items, decisions and case papers, and people with their
memberships. Minutes and decisions are indexed only once the meeting's minutes are published, case
papers only where the committee's papers are public (as the meeting page shows them)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samhandling.committees.agenda import has_text
from samhandling.committees.pages import CommitteeIndexPage, CommitteePage, MeetingPage
from samhandling.committees.people import Membership, Person

from .. import registry
from ..context import local_date
from ..registry import BOOST, Entry
from ..text import html_text, join, listing
from .documents import document_entry

registry.register_kind(
    "committee", pgettext_lazy("search result type", "Committee"), _("Committees"), boost=BOOST
)
registry.register_kind(
    "meeting", pgettext_lazy("search result type", "Meeting"), _("Meetings"), boost=BOOST
)
registry.register_kind("agenda_item", pgettext_lazy("search result type", "Case"), _("Cases"))
registry.register_kind("decision", pgettext_lazy("search result type", "Decision"), _("Decisions"))
registry.register_kind(
    "person", pgettext_lazy("search result type", "Person"), _("People"), boost=BOOST
)


def person_key(person_id) -> str:
    return f"person:{person_id}"


def _membership_text(membership) -> str:
    organisation = membership.organisation.display_name if membership.organisation_id else ""
    return join(membership.get_role_display(), membership.committee.title, organisation, sep=", ")


def _committee_people(page) -> set[str]:
    return {person_key(pk) for pk in page.memberships.values_list("person_id", flat=True)}


@registry.page_source(CommitteePage, related_owners=_committee_people, descendants_depend=True)
def committee_entries(page, context):
    parent = page.get_parent().specific
    with translation.override(context.language(page) or None):
        members = [
            join(
                m.person.name,
                m.get_role_display(),
                m.organisation.display_name if m.organisation_id else "",
                sep=", ",
            )
            for m in page.memberships.current().select_related("person", "organisation")
        ]
        level = page.get_level_display()
    yield context.page_entry(
        page,
        kind="committee",
        title=page.title,
        body=listing(
            page.short_name,
            level,
            page.lead,
            html_text(page.mandate),
            html_text(page.contact),
            *members,
        ),
        date=None,
        context=[context.link(parent)] if isinstance(parent, CommitteePage) else [],
    )


def _case_title(committee, item) -> str:
    return join(committee.short_name, item.case_number, item.title)


@registry.page_source(MeetingPage)
def meeting_entries(page, context):
    committee = page.get_parent().specific
    date = local_date(page.start)
    language = context.language(page)
    meeting_url = context.url(page)
    items = list(page.agenda_items.all())
    minutes = page.minutes_published
    yield context.page_entry(
        page,
        kind="meeting",
        body=listing(
            page.theme,
            page.lead,
            page.place,
            *(_case_title(committee, item) for item in items),
            html_text(page.minutes) if minutes else "",
        ),
        date=date,
        context=[context.link(committee)],
    )
    for item in items:
        title = _case_title(committee, item)
        url = meeting_url + (f"#sak-{item.number}-{item.year}" if item.number else "")
        where = [context.link(committee), context.link(page)]
        common = {"page": page, "url": url, "date": date, "language": language}
        yield Entry(
            key=f"agenda:{item.key}",
            kind="agenda_item",
            title=title,
            body=join(html_text(item.description), html_text(item.minutes) if minutes else ""),
            context=where,
            **common,
        )
        if minutes and has_text(item.decision):
            yield Entry(
                key=f"decision:{item.key}",
                kind="decision",
                title=title,
                body=html_text(item.decision),
                context=where,
                **common,
            )
        if not committee.papers_public:
            continue
        for block in item.papers:
            document = block.value.get("document")
            if document is None or not context.document_public(document, as_case_paper=True):
                continue
            yield document_entry(
                document,
                title=block.value.get("title") or "",
                description=block.value.get("description") or "",
                context=[*where, (title, url)],
                page=page,
                where=f"agenda:{item.key}",
                date=date,
                language=language,
            )


def _visible_committee_ids(context) -> set[int]:
    if not hasattr(context, "_committee_ids"):
        ids = CommitteePage.objects.descendant_of(context.root).values_list("pk", flat=True)
        context._committee_ids = {pk for pk in ids if pk in context.visible_ids}
    return context._committee_ids


def people_ids(context):
    committees = _visible_committee_ids(context)
    rows = Membership.objects.filter(committee_id__in=committees).values_list(
        "person_id", flat=True
    )
    return set(rows)


def person_entries(person_id: int, context):
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return
    memberships = [
        m
        for m in person.memberships.select_related("committee", "organisation").order_by(
            "-term_start"
        )
        if m.committee_id in _visible_committee_ids(context)
    ]
    if not memberships:
        return
    current = [m for m in memberships if m.is_current()]
    structure = CommitteeIndexPage.objects.ancestor_of(memberships[0].committee).live().last()
    if structure is None or not context.visible(structure):
        return
    language = context.language(structure)
    with translation.override(language or None):
        body = listing(person.title, *(_membership_text(m) for m in current or memberships))
    committees = list(dict.fromkeys(m.committee for m in (current + memberships)))
    yield Entry(
        key=person_key(person.pk),
        kind="person",
        title=person.name,
        url=context.url(structure) + structure.reverse_subpage("person", args=[person.pk]),
        page=structure,
        body=body,
        context=[context.link(committee) for committee in committees],
        language=language,
    )


registry.register_record_source("person", build=person_entries, ids=people_ids)


def _person_and_committees(person):
    committees = person.memberships.values_list("committee_id", flat=True) if person.pk else []
    return {person_key(person.pk), *(f"page:{pk}" for pk in committees)}


def _membership_owners(membership):
    return {person_key(membership.person_id), f"page:{membership.committee_id}"}


registry.watch(Person, _person_and_committees)
registry.watch(Membership, _membership_owners)
