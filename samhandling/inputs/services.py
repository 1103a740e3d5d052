"""The business rules of input: who may send it and when, and the secretariat's work on it
(themes, status, merging duplicates, publishing, summaries per theme). Every change is logged
(samhandling.audit) by ids and field names only, never by what a person wrote."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log
from samhandling.events.models import ACTIVE_STATUSES, EventPage, EventSeriesPage, Registration

from .models import (
    TEXT_MAX_LENGTH,
    Input,
    InputSource,
    InputStatus,
    Theme,
    ThemeSummary,
    Topic,
)

# A participant may send this many pieces of input per sign-up (a limit against a runaway form).
MAX_INPUTS_PER_REGISTRATION = 20


class InputRefused(Exception):
    """A rule says no; `message` says why, in the visitor's language."""

    def __init__(self, message: str, *, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code


def open_days_after_event() -> int:
    return int(getattr(settings, "INPUTS_OPEN_DAYS_AFTER_EVENT", 14))


def group_labels(*, event=None) -> list[str]:
    """The group labels the secretariat chooses from (settings.INPUTS_GROUPS)."""
    return list(getattr(settings, "INPUTS_GROUPS", None) or ["Gruppe 1"])


def input_closes_at(*, event: EventPage) -> datetime.datetime:
    return (event.end or event.start) + datetime.timedelta(days=open_days_after_event())


def input_window_open(*, event: EventPage, now: datetime.datetime | None = None) -> bool:
    """Participants send input while the event is upcoming and up to N days after it."""
    now = now or timezone.now()
    return event.live and now <= input_closes_at(event=event)


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InputRefused(_("Write your input before you send it."), code="empty")
    if len(text) > TEXT_MAX_LENGTH:
        raise InputRefused(
            _("The input is too long: at most %(max)s characters.")
            % {"max": f"{TEXT_MAX_LENGTH:,}"},
            code="too_long",
        )
    return text


def input_send(*, registration: Registration, text: str) -> Input:
    """A participant sends input from the private link of their sign-up."""
    text = _clean_text(text)
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        event = EventPage.objects.get(pk=registration.event_id)
        if registration.status not in ACTIVE_STATUSES:
            raise InputRefused(
                _("This sign-up is cancelled, so it cannot send input."), code="inactive"
            )
        if not input_window_open(event=event):
            raise InputRefused(
                _("The event no longer takes input: it closed %(days)s days after the event.")
                % {"days": open_days_after_event()},
                code="closed",
            )
        if Input.objects.filter(registration=registration).count() >= MAX_INPUTS_PER_REGISTRATION:
            raise InputRefused(
                _("You have sent as much input as one sign-up can. Write to the organiser."),
                code="limit",
            )
        item = Input.objects.create(
            event=event, registration=registration, source=InputSource.PARTICIPANT, text=text
        )
        audit_log(
            instance=item, action="samhandling.input.send", data={"event": event.pk}, public=True
        )
    return item


def input_register_for_group(
    *,
    group: str,
    text: str,
    event: EventPage | None = None,
    topic: Topic | None = None,
    themes: Iterable[Theme] = (),
    actor=None,
) -> Input:
    """The secretariat types up a group's input (from the flip chart) for an event or topic."""
    text = _clean_text(text)
    if (event is None) == (topic is None):
        raise InputRefused(_("Choose an event or a topic."), code="scope")
    group = (group or "").strip()
    if not group:
        raise InputRefused(_("Choose the group."), code="group")
    with transaction.atomic():
        item = Input.objects.create(
            event=event,
            topic=topic,
            source=InputSource.GROUP,
            group=group[:60],
            text=text,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        item.themes.set(list(themes))
        audit_log(instance=item, action="samhandling.input.create", actor=actor)
    return item


def input_set_themes(*, item: Input, themes: Iterable[Theme], actor=None) -> Input:
    with transaction.atomic():
        item.themes.set(list(themes))
        audit_log(instance=item, action="samhandling.input.themes", actor=actor, fields=["themes"])
    return item


def input_set_status(*, item: Input, status: str, hearing=None, actor=None) -> Input:
    if status not in InputStatus.values:
        raise InputRefused(_("Choose a status from the list."), code="status")
    with transaction.atomic():
        item.status = status
        item.hearing = hearing if status == InputStatus.USED else None
        item.save(update_fields=["status", "hearing"])
        audit_log(
            instance=item,
            action="samhandling.input.status",
            actor=actor,
            fields=["status", "hearing"],
            data={"status": status},
        )
    return item


def input_publish(*, item: Input, published: bool, actor=None) -> Input:
    if published and item.merged_into_id:
        raise InputRefused(
            _("Merged input is counted under the input it was merged into and is not published."),
            code="merged",
        )
    with transaction.atomic():
        item.published = published
        item.save(update_fields=["published"])
        action = "samhandling.input.publish" if published else "samhandling.input.unpublish"
        audit_log(instance=item, action=action, actor=actor, fields=["published"])
    return item


def input_merge(*, kept: Input, duplicates: Iterable[Input], actor=None) -> int:
    """Merge duplicates into `kept`: they are hidden, counted under it, and their themes are
    added to it. Returns how many were merged."""
    duplicates = [d for d in duplicates if d.pk != kept.pk]
    if kept.merged_into_id:
        raise InputRefused(_("Keep input that is not itself merged."), code="kept_merged")
    if not duplicates:
        raise InputRefused(_("Choose at least one other input to merge."), code="none")
    with transaction.atomic():
        ids = [d.pk for d in duplicates]
        rows = list(Input.objects.select_for_update().filter(pk__in=ids + [kept.pk]))
        themes = set(kept.themes.all())
        for duplicate in duplicates:
            themes.update(duplicate.themes.all())
        # Input merged earlier into a duplicate now counts under the kept one.
        Input.objects.filter(merged_into_id__in=ids).update(merged_into=kept)
        Input.objects.filter(pk__in=ids).update(merged_into=kept, published=False)
        kept.themes.set(themes)
        for row in rows:
            if row.pk != kept.pk:
                audit_log(
                    instance=row,
                    action="samhandling.input.merge",
                    actor=actor,
                    fields=["merged_into"],
                    data={"kept": kept.pk},
                )
    return len(duplicates)


def input_unmerge(*, item: Input, actor=None) -> Input:
    with transaction.atomic():
        item.merged_into = None
        item.save(update_fields=["merged_into"])
        audit_log(
            instance=item, action="samhandling.input.unmerge", actor=actor, fields=["merged_into"]
        )
    return item


def summary_save(
    *,
    theme: Theme,
    text: str,
    event: EventPage | None = None,
    series: EventSeriesPage | None = None,
    topic: Topic | None = None,
    published: bool | None = None,
    actor=None,
) -> ThemeSummary:
    """Write (or rewrite) the summary of one theme for an event, a series or a topic."""
    text = _clean_text(text)
    if sum(scope is not None for scope in (event, series, topic)) != 1:
        raise InputRefused(_("Choose an event, a series or a topic."), code="scope")
    with transaction.atomic():
        summary, _created = ThemeSummary.objects.select_for_update().get_or_create(
            theme=theme, event=event, series=series, topic=topic, defaults={"text": text}
        )
        summary.text = text
        fields = ["text"]
        if published is not None:
            summary.published = published
            fields.append("published")
        summary.save()
        audit_log(
            instance=summary, action="samhandling.input_summary.save", actor=actor, fields=fields
        )
    return summary


def summary_publish(*, summary: ThemeSummary, published: bool, actor=None) -> ThemeSummary:
    with transaction.atomic():
        summary.published = published
        summary.save(update_fields=["published", "updated_at"])
        action = (
            "samhandling.input_summary.publish"
            if published
            else "samhandling.input_summary.unpublish"
        )
        audit_log(instance=summary, action=action, actor=actor, fields=["published"])
    return summary
