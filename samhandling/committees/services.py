"""Business rules of committees: case numbering, follow-up of decisions and publishing minutes."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samhandling.audit.services import audit_log

from .choices import FollowUpStatus


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


def agenda_item_number_label(*, item) -> None:
    """Keep the case's label in the ledger ("SSU 9/2023 Rapportering på avvik") in step with
    the published item, for lists of cases such as "follows up case"."""
    from .agenda import AgendaItemNumber
    from .pages import CommitteePage

    committee = CommitteePage.objects.filter(pk=item.committee_id).values_list(
        "short_name", "title"
    )
    short, title = committee.first() or ("", "")
    label = f"{short or title} {item.case_number} {item.title}".strip()[:400]
    AgendaItemNumber.objects.filter(key=item.key).exclude(label=label).update(label=label)


def meeting_is_held(*, start) -> bool:
    """A meeting has been held once it has started: only then can it have minutes."""
    return start <= timezone.now()


NOT_FOLLOWED_UP = gettext_lazy("This decision is not marked for follow-up (any longer).")


def _lock_meeting_for(*, meeting_id: int, user):
    """The meeting, locked, if the user may publish it and nobody else holds the page."""
    from .pages import MeetingPage

    meeting = MeetingPage.objects.select_for_update().get(pk=meeting_id)
    permissions = meeting.permissions_for_user(user)
    if not permissions.can_publish():
        raise PermissionDenied
    if permissions.page_locked():
        raise ValidationError(_("The meeting is locked for editing; ask whoever locked it."))
    if meeting.workflow_in_progress:
        raise ValidationError(
            _("The meeting is in a moderation workflow; finish or cancel the workflow first.")
        )
    return meeting


def _publish(page, *, user):
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return revision


def follow_up_update(*, item_key, status: str, owner: str, due: datetime.date | None, user):
    """Change the follow-up of a decision (status, who is responsible, due date) without opening
    the meeting in the editor: a new revision of the meeting by the user, published at once.

    Wagtail re-creates a page's agenda items from its revision when it is published, so the
    change is made to the latest revision, never to the live rows alone. A meeting with
    unpublished changes is refused: publishing would publish someone's draft with it."""
    from .agenda import AgendaItem

    try:
        item_key = uuid.UUID(str(item_key))
    except ValueError:
        raise ValidationError(NOT_FOLLOWED_UP) from None
    if status not in FollowUpStatus.values:
        raise ValidationError(_("Choose the status of the follow-up: open or done."))
    owner = (owner or "").strip()
    if not owner:
        raise ValidationError(_("Say who is responsible for the follow-up."))
    row = AgendaItem.objects.filter(key=item_key, follow_up=True).only("meeting_id").first()
    if row is None:
        raise ValidationError(NOT_FOLLOWED_UP)
    with transaction.atomic():
        meeting = _lock_meeting_for(meeting_id=row.meeting_id, user=user)
        if not meeting.live:
            raise ValidationError(
                _("The meeting is not published; change the follow-up in the meeting's editor.")
            )
        if (
            meeting.has_unpublished_changes
            or meeting.latest_revision_id != meeting.live_revision_id
        ):
            raise ValidationError(
                _("The meeting has unpublished changes; publish or discard them first.")
            )
        draft = meeting.get_latest_revision_as_object()
        # Work on a list: for a meeting without draft changes Wagtail hands back the live page,
        # whose agenda_items.all() reads the rows again each time.
        items = list(draft.agenda_items.all())
        draft.agenda_items = items
        item = next((i for i in items if i.key == item_key), None)
        if item is None or not item.follow_up:
            raise ValidationError(NOT_FOLLOWED_UP)
        before = (item.follow_up_status, item.follow_up_owner, item.follow_up_due)
        item.follow_up_status, item.follow_up_owner, item.follow_up_due = status, owner, due
        names = ("follow_up_status", "follow_up_owner", "follow_up_due")
        changed = [
            name for name, old in zip(names, before, strict=True) if getattr(item, name) != old
        ]
        item.clean_fields(
            exclude=[
                f.name
                for f in AgendaItem._meta.fields
                if f.name not in {"follow_up_status", "follow_up_owner", "follow_up_due"}
            ]
        )
        item.clean()
        revision = _publish(draft, user=user)
        _log_follow_up(meeting=meeting, item=item, user=user, fields=changed, revision=revision.pk)
    return AgendaItem.objects.filter(meeting_id=meeting.pk, key=item.key).first() or item


def meeting_minutes_publish(*, meeting, user):
    """Publish the minutes of a meeting that has been held, in one step: tick "minutes are
    published" in the latest revision and publish it, by the user. Unpublished changes (the
    minutes just written, most often) are published with it, as the confirmation page says."""
    from .agenda import has_text

    with transaction.atomic():
        meeting = _lock_meeting_for(meeting_id=meeting.pk, user=user)
        if not meeting_is_held(start=meeting.start):
            raise ValidationError(
                _("Minutes cannot be published before the meeting has been held.")
            )
        draft = meeting.get_latest_revision_as_object()
        if draft.minutes_published and meeting.live and not meeting.has_unpublished_changes:
            raise ValidationError(_("The minutes of this meeting are already published."))
        if not has_text(draft.minutes) and not any(
            item.has_minutes for item in draft.agenda_items.all()
        ):
            raise ValidationError(
                _("Write the minutes or the decisions in the meeting's editor before publishing.")
            )
        draft.minutes_published = True
        revision = _publish(draft, user=user)
        audit_log(
            instance=meeting,
            action="samhandling.minutes.publish",
            actor=user,
            data={"revision": revision.pk},
        )
        return revision


FOLLOW_UP_FIELDS = ("follow_up_status", "follow_up_owner", "follow_up_due")


def _previous_live_version(meeting):
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(
            page_id=meeting.pk, action="wagtail.publish", revision__isnull=False
        )
        .exclude(revision_id=meeting.live_revision_id)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry is not None else None


def _log_follow_up(*, meeting, item, user, fields: list[str], revision: int) -> None:
    """The audit trail's entry for a decision whose follow-up changed: its case, the agenda
    item's key, the revision and the changed field names (of the agenda item)."""
    audit_log(
        instance=meeting,
        action="samhandling.decision.follow_up",
        actor=user,
        fields=fields,
        data={
            "case": item.case_number,
            "item": str(item.key),
            "revision": revision,
            "fields_of": "committees.agendaitem",
        },
    )


def meeting_published_log(*, meeting, user) -> None:
    """After a meeting is published in the page editor: note in the audit trail that its minutes
    were published, and each decision whose follow-up changed (field names only), as the
    one-step screens do."""
    before = _previous_live_version(meeting)
    if meeting.minutes_published and not (before and before.minutes_published):
        audit_log(
            instance=meeting,
            action="samhandling.minutes.publish",
            actor=user,
            data={"revision": meeting.live_revision_id},
        )
    old = {item.key: item for item in (before.agenda_items.all() if before else [])}
    for item in meeting.agenda_items.all():
        previous = old.get(item.key)
        if not item.follow_up or previous is None:
            continue
        changed = [f for f in FOLLOW_UP_FIELDS if getattr(item, f) != getattr(previous, f)]
        if changed:
            _log_follow_up(
                meeting=meeting,
                item=item,
                user=user,
                fields=changed,
                revision=meeting.live_revision_id,
            )
