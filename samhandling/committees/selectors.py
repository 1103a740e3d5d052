"""Reads for the committee pages, the person page, follow-up lists and the home page."""

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from samhandling.core.compiled_lists import compiled_list
from samhandling.core.upcoming import UpcomingItem
from samhandling.core.visibility import public_live, published

from .agenda import follow_up_state as _state_of
from .choices import MEMBER_ROLE_PLURALS, FollowUpState, FollowUpStatus, MemberRole, Represents

# The columns a page needs to be listed as a link (`pageurl`, `lang_attr`, its title, the page
# cache's tags): the rest of Wagtail's wide page row is not read for a list.
PAGE_LINK_FIELDS = ("id", "title", "path", "depth", "url_path", "locale_id", "live")
# The columns `{% organisation_link %}` reads (its name, Sámi name and the language of that).
ORGANISATION_LINK_FIELDS = ("id", "name", "sami_name", "municipality_number")
# A membership as the committee page lists it: its person in full, its organisation named.
MEMBERSHIP_FIELDS = (
    "id",
    "person_id",
    "committee_id",
    "role",
    "represents",
    "term_start",
    "term_end",
    *(f"organisation__{name}" for name in ORGANISATION_LINK_FIELDS),
)
# A meeting as committees/includes/meeting_list.html lists it.
MEETING_LISTED_FIELDS = (
    *PAGE_LINK_FIELDS,
    "start",
    "end",
    "place",
    "theme",
    "minutes_published",
)
# A membership as the person page lists it: its committee as a link, its organisation named.
MEMBERSHIP_LISTED_FIELDS = (
    "id",
    "person_id",
    "role",
    "represents",
    "term_start",
    "term_end",
    *(f"committee__{name}" for name in PAGE_LINK_FIELDS),
    *(f"organisation__{name}" for name in ORGANISATION_LINK_FIELDS),
)


def _hashable(paths) -> tuple:
    return tuple(tuple(group) for group in paths)


def _committees(root: Page):
    from .pages import CommitteePage

    return published(CommitteePage.objects.descendant_of(root))


def _committees_below(*, path: str, depth: int):
    """`_committees` of the page with that path and depth, from the values alone (for
    `compiled_list`): its descendants are the pages whose path starts with its own and are
    deeper."""
    from .pages import CommitteePage

    return published(CommitteePage.objects.filter(path__startswith=path, depth__gt=depth))


def _meetings(parent: Page, *, descendants: bool = False):
    from .pages import MeetingPage

    meetings = published(MeetingPage.objects.all())
    return meetings.descendant_of(parent) if descendants else meetings.child_of(parent)


@dataclass
class CommitteeNode:
    page: Page
    counts: list[tuple[str, int]]
    total: int
    children: list["CommitteeNode"] = field(default_factory=list)


def committee_tree(*, root: Page) -> list[CommitteeNode]:
    """The live committees below root as a tree, with current members counted per kind of
    representation (in the order of `Represents`)."""
    from samhandling.core.visibility import hidden_paths

    from .people import Membership

    def committees_below(*, path, depth):
        return _committees_below(path=path, depth=depth).only(*PAGE_LINK_FIELDS, "level")

    def counts_below(*, path, depth, today):
        return (
            Membership.objects.current(on=today)
            .filter(committee__in=_committees_below(path=path, depth=depth).values("pk"))
            .values("committee", "represents")
            .annotate(n=Count("person", distinct=True))
        )

    # Their SQL depends on the hidden paths besides the values (compiled_lists.py).
    hidden = _hashable(hidden_paths())
    below = {"path": root.path, "depth": root.depth}
    committees = compiled_list(
        "committee-tree", hidden, lambda **v: committees_below(**v).order_by("path"), **below
    )
    rows = compiled_list(
        "committee-tree-counts", hidden, counts_below, **below, today=timezone.localdate()
    )
    counted: dict[int, dict[str, int]] = {}
    for row in rows:
        counted.setdefault(row["committee"], {})[row["represents"]] = row["n"]
    labels = dict(Represents.choices)
    kinds = Represents.values
    nodes: dict[str, CommitteeNode] = {}
    top: list[CommitteeNode] = []
    for committee in committees:
        per_kind = counted.get(committee.pk, {})
        node = CommitteeNode(
            page=committee,
            counts=[(labels[k], per_kind[k]) for k in kinds if per_kind.get(k)],
            total=sum(per_kind.values()),
        )
        nodes[committee.path] = node
        parent = nodes.get(committee.path[: -committee.steplen])
        (parent.children if parent else top).append(node)
    return top


def committee_structure_page(*, committee: Page):
    """The live committee structure page above the committee (kept in the structure cache)."""
    from samhandling.core.structure_cache import cached

    from .pages import CommitteeIndexPage

    return cached(
        "committee-structure",
        committee.path,
        build=lambda: CommitteeIndexPage.objects.ancestor_of(committee).live().last(),
    )


def members_current_and_former(*, committee) -> tuple[list[tuple[str, list]], list]:
    """`members_by_role` and `former_memberships` with one query."""
    from .people import Membership

    def build(*, committee_id, today):
        return (
            Membership.objects.filter(committee_id=committee_id, term_start__lte=today)
            .select_related("person", "organisation")
            .only(*MEMBERSHIP_FIELDS)
            .order_by("person__name")  # the database's collation, as before
        )

    today = timezone.localdate()
    memberships = compiled_list(
        "committee-memberships", (), build, committee_id=committee.pk, today=today
    )
    current = [m for m in memberships if m.term_end is None or m.term_end >= today]
    former = [m for m in memberships if m.term_end is not None and m.term_end < today]
    former.sort(key=lambda m: m.term_end, reverse=True)  # stable: by name within a day
    return _grouped_by_role(current), former


def members_by_role(*, committee) -> list[tuple[str, list]]:
    """Current members grouped by role: leader first, secretariat last; empty roles left out."""
    memberships = list(
        committee.memberships.current()
        .select_related("person", "organisation")
        .order_by("person__name")
    )
    return _grouped_by_role(memberships)


def _grouped_by_role(memberships: list) -> list[tuple[str, list]]:
    groups = []
    for role in MemberRole:
        members = [m for m in memberships if m.role == role]
        if members:
            groups.append((MEMBER_ROLE_PLURALS[role], members))
    return groups


def former_memberships(*, committee):
    return (
        committee.memberships.past()
        .select_related("person", "organisation")
        .order_by("-term_end", "person__name")
    )


def meetings_upcoming(*, committee):
    meetings = _meetings(committee).filter(start__gte=timezone.now())
    return meetings.only(*MEETING_LISTED_FIELDS).order_by("start")


def meetings_past(*, committee):
    meetings = _meetings(committee).filter(start__lt=timezone.now())
    return meetings.only(*MEETING_LISTED_FIELDS).order_by("-start")


def meetings_upcoming_and_past(*, committee) -> tuple[list, list]:
    """`meetings_upcoming` and `meetings_past` (each in its order) with one query."""
    from samhandling.core.visibility import hidden_paths

    from .pages import MeetingPage

    def build(*, path, depth):
        meetings = published(MeetingPage.objects.filter(path__startswith=path, depth=depth))
        return meetings.only(*MEETING_LISTED_FIELDS).order_by("start")

    now = timezone.now()
    # The committee's meetings are the pages one level below it (`_meetings(committee)`).
    meetings = compiled_list(
        "committee-meetings",
        _hashable(hidden_paths()),
        build,
        path=committee.path,
        depth=committee.depth + 1,
    )
    upcoming = [m for m in meetings if m.start >= now]
    past = [m for m in meetings if m.start < now]
    past.sort(key=lambda m: m.start, reverse=True)  # newest first, as `meetings_past`
    return upcoming, past


def meetings_all(*, committee):
    return _meetings(committee).order_by("start")


def meeting_years(*, committee) -> list[int]:
    """The years the committee has held meetings, newest first (for the archive)."""
    starts = meetings_past(committee=committee).values_list("start", flat=True)
    return sorted({timezone.localtime(start).year for start in starts}, reverse=True)


def meeting_committee(*, meeting):
    """The meeting's committee (its parent page) with what the meeting page shows of it: its
    link and whether its case papers are public."""
    from .pages import CommitteePage

    def build(*, path):
        committees = CommitteePage.objects.filter(path=path)
        return committees.only(*PAGE_LINK_FIELDS, "papers_public")[:1]  # as `.first()`

    found = compiled_list("meeting-committee", (), build, path=meeting.path[: -meeting.steplen])
    return found[0] if found else None


def meeting_agenda_items(*, meeting) -> list:
    """`list(meeting.agenda_items.select_related("follows_up__meeting"))`: the agenda in its
    order, each item with the meeting it belongs to and the case it follows up."""
    from .agenda import AgendaItem

    if meeting.pk is None or "agenda_items" in getattr(meeting, "_cluster_related_objects", {}):
        # A preview (a revision's meeting): its agenda as in the revision, not the database.
        return list(meeting.agenda_items.select_related("follows_up__meeting"))

    def build(*, meeting_id):
        return AgendaItem.objects.filter(meeting_id=meeting_id).select_related(
            "follows_up__meeting"
        )

    items = compiled_list("meeting-agenda-items", (), build, meeting_id=meeting.pk)
    for item in items:  # as the related manager does
        item.meeting = meeting
    return items


def subcommittees(*, committee) -> list:
    """The live, public committees right below the committee, as links (plain pages), in
    order: `public_live(committee.get_children().type(CommitteePage))`."""
    from samhandling.core.visibility import hidden_paths

    from .pages import CommitteePage

    def build(*, path, depth):
        pages = Page.objects.filter(path__startswith=path, depth=depth).type(CommitteePage)
        return public_live(pages).only(*PAGE_LINK_FIELDS)

    restricted, _unpublished, _aliases = hidden_paths()  # all `public_live` reads of them
    return compiled_list(
        "subcommittees",
        tuple(restricted),
        build,
        path=committee.path,
        depth=committee.depth + 1,
    )


def years_of(*, meetings) -> list[int]:
    """`meeting_years` of meetings already read (the past meetings on the committee page)."""
    return sorted({timezone.localtime(m.start).year for m in meetings}, reverse=True)


def meeting_archive(*, committee, year: int) -> tuple[list[int], list]:
    """`meeting_years` and `meetings_in_year` with one query (the committee's past meetings,
    newest first, through SQL compiled once per process)."""
    from samhandling.core.visibility import hidden_paths

    from .pages import MeetingPage

    def build(*, path, depth, now):
        meetings = published(MeetingPage.objects.filter(path__startswith=path, depth=depth))
        meetings = meetings.filter(start__lt=now).only(*MEETING_LISTED_FIELDS)
        return meetings.order_by("-start")

    # The committee's meetings are the pages one level below it (`_meetings(committee)`).
    past = compiled_list(
        "committee-past-meetings",
        _hashable(hidden_paths()),
        build,
        path=committee.path,
        depth=committee.depth + 1,
        now=timezone.now(),
    )
    in_year = [m for m in past if timezone.localtime(m.start).year == year]
    return years_of(meetings=past), in_year


def meetings_in_year(*, committee, year: int):
    meetings = meetings_past(committee=committee)
    return [m for m in meetings if timezone.localtime(m.start).year == year]


def person_in_structure(*, root: Page, person_id: int):
    """The person if they are or were a member of a live committee below root, else None."""
    from samhandling.core.visibility import hidden_paths

    from .people import Person

    def build(*, person_id, path, depth):
        committees = _committees_below(path=path, depth=depth)
        people = Person.objects.filter(pk=person_id, memberships__committee__in=committees)
        people = people.distinct()
        return (people if people.ordered else people.order_by("pk"))[:1]  # as `.first()`

    found = compiled_list(
        "person-in-structure",
        _hashable(hidden_paths()),
        build,
        person_id=person_id,
        path=root.path,
        depth=root.depth,
    )
    return found[0] if found else None


def person_memberships(*, person, root: Page) -> dict[str, list]:
    from samhandling.core.visibility import hidden_paths

    from .people import Membership

    def memberships(*, person_id, path, depth):
        return (
            Membership.objects.filter(
                person_id=person_id, committee__in=_committees_below(path=path, depth=depth)
            )
            .select_related("committee", "organisation")
            .only(*MEMBERSHIP_LISTED_FIELDS)
        )

    def current(*, today, **values):
        return memberships(**values).current(on=today).order_by("committee__path")

    def former(*, today, **values):
        return memberships(**values).past(on=today).order_by("-term_end")

    hidden = _hashable(hidden_paths())
    values = {"person_id": person.pk, "path": root.path, "depth": root.depth}
    today = timezone.localdate()
    return {
        "current": compiled_list("person-current", hidden, current, **values, today=today),
        "former": compiled_list("person-former", hidden, former, **values, today=today),
    }


def _agenda_item_with_meeting_link(model) -> list[str]:
    """`only()` of agenda items read with their meeting: the item in full, of the meeting what
    links to it and its date."""
    return [
        *(f.name for f in model._meta.concrete_fields),
        *(f"meeting__{name}" for name in PAGE_LINK_FIELDS),
        "meeting__start",
    ]


def follow_ups(*, committee) -> dict[str, list]:
    """Decisions marked for follow-up in the committee's meetings with published minutes:
    open (not yet due), overdue, and done."""
    from samhandling.core.visibility import hidden_paths

    from .agenda import AgendaItem
    from .pages import MeetingPage

    def followed_up(*, path, depth):
        # The committee's meetings (`_meetings(committee)`) with their minutes published.
        meetings = MeetingPage.objects.filter(path__startswith=path, depth=depth)
        meetings = published(meetings).filter(minutes_published=True)
        return AgendaItem.objects.filter(follow_up=True, meeting__in=meetings)

    def items_query(**values):
        return (
            followed_up(**values)
            .select_related("meeting")
            .only(*_agenda_item_with_meeting_link(AgendaItem))
            .order_by("follow_up_due", "year", "number")
        )

    def later_query(**values):
        # The later cases of these items, their keys read by the database.
        return _later_cases_query(keys=followed_up(**values).values("key"))

    hidden = _hashable(hidden_paths())
    values = {"path": committee.path, "depth": committee.depth + 1}
    items = compiled_list("follow-ups", hidden, items_query, **values)
    later: dict = {}
    if items:
        for case in compiled_list("follow-ups-later", hidden, later_query, **values):
            later.setdefault(case.follows_up.key, []).append(case)
    today = timezone.localdate()
    lists: dict[str, list] = {"overdue": [], "open": [], "done": []}
    for item in items:
        item.followed_up_in = later.get(item.key, [])
        lists[follow_up_state(item, today=today)].append(item)
    return lists


def minutes_notice_preview(*, meeting) -> dict:
    """What publishing the meeting's minutes now would e-mail, for the confirmation page:
    {"state": "off" | "before" | "on", "count": members to be told}."""
    from .emails import minutes_recipients
    from .notices import MinutesPublication

    committee = meeting.get_parent().specific
    if MinutesPublication.objects.filter(meeting_id=meeting.pk).exists():
        return {"state": "before", "count": 0}
    if not committee.notify_members_of_minutes:
        return {"state": "off", "count": 0}
    return {"state": "on", "count": len(minutes_recipients(committee=committee))}


def minutes_notices_queued(*, meeting) -> int:
    """How many members the first publication of the meeting's minutes e-mails."""
    from .notices import MinutesNotice

    return MinutesNotice.objects.filter(publication__meeting_id=meeting.pk).count()


def _later_cases_query(*, keys):
    """The cases of published meetings that follow up the cases with these keys, oldest
    first (each with `follows_up`, whose key tells which case it follows up)."""
    from .agenda import AgendaItem
    from .pages import MeetingPage

    referring = AgendaItem.objects.filter(
        follows_up__key__in=keys, meeting__in=published(MeetingPage.objects.all())
    ).select_related("meeting", "follows_up")
    referring = referring.only(*_agenda_item_with_meeting_link(AgendaItem))
    return referring.order_by("year", "number")


def upcoming_meeting_items(*, root: Page, limit: int = 5) -> list[UpcomingItem]:
    """For the home page's "Upcoming" list: the next meetings of committees below root."""
    from samhandling.core.structure_cache import cached
    from samhandling.core.visibility import hidden_paths

    from .pages import MeetingPage

    def build(*, path, depth, now):
        meetings = published(MeetingPage.objects.filter(path__startswith=path, depth__gt=depth))
        meetings = meetings.filter(start__gte=now).only(*MEETING_LISTED_FIELDS)
        return meetings.order_by("start")[:limit]

    # The SQL depends on the limit and the hidden paths besides the values (compiled_lists.py).
    meetings = compiled_list(
        "upcoming-meetings",
        (limit, _hashable(hidden_paths())),
        build,
        path=root.path,
        depth=root.depth,
        now=timezone.now(),
    )

    site = cached("site-of-page", root.pk, build=root.get_site)
    return [
        UpcomingItem(
            title=meeting.title,
            url=meeting.get_url(current_site=site),
            start=meeting.start,
            end=meeting.end,
            kind=_("Meeting"),
            place=meeting.place,
        )
        for meeting in meetings
    ]


def case_paper_is_public(*, document) -> bool:
    """A document used as a case paper is public only while at least one meeting that uses it is
    live and public and its committee's papers are public. Documents that are no case paper are
    not this app's business (True)."""
    from .agenda import AgendaItem

    meetings = set()
    for item in AgendaItem.objects.only("id", "meeting_id", "papers"):
        for block in item.papers.raw_data:
            if (block.get("value") or {}).get("document") == document.pk:
                meetings.add(item.meeting_id)
    if not meetings:
        return True
    return any(meeting.committee.papers_public for meeting in _meetings_by_ids(meetings))


def _meetings_by_ids(ids):
    from .pages import MeetingPage

    return published(MeetingPage.objects.filter(pk__in=ids))


# --- The secretariat's follow-up screen in the admin -------------------------------------------

FOLLOW_UP_STATES = dict(FollowUpState.choices)


def follow_up_state(item, *, today=None) -> str:
    """ "done", "overdue" (open and past its due date) or "open": the rule of
    `agenda.follow_up_state`, which the meeting page shows too (`AgendaItem.follow_up_state`)."""
    return _state_of(status=item.follow_up_status, due=item.follow_up_due, today=today).value


def _follow_ups_the_user_may_publish(user):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    from .agenda import AgendaItem

    publishable = PagePermissionPolicy().instances_user_has_permission_for(user, "publish")
    return AgendaItem.objects.filter(follow_up=True, meeting_id__in=publishable.values("pk"))


def user_may_follow_up(*, user) -> bool:
    """Whether the user may publish any page, which is what changing a follow-up does."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return user.is_active and PagePermissionPolicy().user_has_permission(user, "publish")


def follow_up_committees(*, user):
    """The committees that have decisions for follow-up in meetings the user may publish."""
    from .pages import CommitteePage

    committee_ids = _follow_ups_the_user_may_publish(user).values("committee_id")
    return CommitteePage.objects.filter(pk__in=committee_ids).order_by("path")


def follow_ups_for_secretariat(*, user, committee_id: int | None = None, state: str = "") -> list:
    """Decisions marked for follow-up in every meeting the user may publish (live or not, minutes
    published or not), by due date, each with its `state`."""
    today = timezone.localdate()
    items = _follow_ups_the_user_may_publish(user).select_related("meeting", "committee")
    if committee_id:
        items = items.filter(committee_id=committee_id)
    if state == FollowUpState.DONE:
        items = items.filter(follow_up_status=FollowUpStatus.DONE)
    elif state in (FollowUpState.OPEN, FollowUpState.OVERDUE):
        items = items.exclude(follow_up_status=FollowUpStatus.DONE)
    items = items.order_by(
        F("follow_up_due").asc(nulls_last=True), "committee__path", "year", "number"
    )
    rows = []
    for item in items:
        item.state = follow_up_state(item, today=today)
        # Open and overdue are told apart by the one rule, not by a second query.
        if not state or item.state == state:
            rows.append(item)
    return rows
