"""Writing and pruning the audit trail. One call logs an action:

    audit_log(instance=registration, action="samhandling.registration.cancel", actor=user)

Call it after the write, inside the same transaction, so that a change that is rolled back leaves
no entry. `actor` is the admin user who acted, or None for a participant acting through the
public pages (or a scheduled job). `fields` names the fields that changed; `data` may add ids
(`{"to_event": 12}`): never a name, an e-mail address or what a person wrote."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, log, registry

from .models import PARTICIPANT, AuditLogEntry, neutral_label
from .registry import ACTIONS


def _actor(actor):
    """A user who is logged in, else None (an anonymous visitor is nobody in the log)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def audit_log(
    *,
    instance,
    action: str,
    actor=None,
    fields: Iterable[str] = (),
    data=None,
    public: bool = False,
):
    """Record that `actor` did `action` to `instance`. Without an actor, the user of the admin
    request under way (Wagtail's log context) is taken, else nobody: `public=True` then says
    the person did it on the public pages (shown as "the participant"), otherwise the system."""
    user, payload = _who_and_what(actor=actor, fields=fields, data=data, public=public)
    return log(instance=instance, action=action, user=user, data=payload)


def _who_and_what(*, actor, fields: Iterable[str], data, public: bool) -> tuple:
    """The entry's user and data, as `audit_log` and `audit_entry` record them."""
    payload = dict(data or {})
    fields = sorted(set(fields))
    if fields:
        payload["fields"] = fields
    user = _actor(actor) or _actor(get_active_log_context().user)
    if user is None and public:
        payload["by"] = PARTICIPANT
    return user, payload


def audit_entry(
    *,
    instance,
    action: str,
    actor=None,
    fields: Iterable[str] = (),
    data=None,
    public: bool = False,
) -> AuditLogEntry | None:
    """The entry `audit_log` would write, made and validated but not saved, for a caller that
    writes it itself (the sign-up sends its INSERTs in one round trip under the seat lock).
    Mirrors Wagtail's `log` and `log_action` with the same arguments; None where those would
    not write an entry of this model (no log model for the instance, or another one), and the
    caller then uses `audit_log`. `tests/events/test_rush_path.py` compares the two rows."""
    user, payload = _who_and_what(actor=actor, fields=fields, data=data, public=public)
    registry.scan_for_actions()
    user = user or get_active_log_context().user  # as `registry.log`
    if registry.get_log_model_for_instance(instance) is not AuditLogEntry:
        return None
    if instance.pk is None:
        raise ValueError(f"Attempted to log an action for {instance!r} with empty primary key")
    entry = AuditLogEntry(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        label=AuditLogEntry.objects.get_instance_title(instance),
        action=action,
        timestamp=timezone.now(),
        data=payload,
        user=user,
        uuid=get_active_log_context().uuid,
        object_id=str(instance.pk),
    )
    entry.full_clean(exclude=["content_type", "user"])  # as `AuditLogEntry.save`
    return entry


def audit_log_deleted(*, model, pks: Iterable[int], action: str, actor=None, data=None) -> int:
    """Record an action on many records at once (a purge deletes them in bulk): one entry each,
    written in one query. Returns how many were written."""
    if action not in ACTIONS:
        raise ValueError(f"Unregistered audit action {action!r}")
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    now = timezone.now()
    user = _actor(actor)
    entries = [
        AuditLogEntry(
            content_type=content_type,
            object_id=str(pk),
            label=neutral_label(model(pk=pk)),
            action=action,
            timestamp=now,
            data=dict(data or {}),
            user=user,
            deleted=True,
        )
        for pk in pks
    ]
    AuditLogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def audit_entries_purge(*, older_than: datetime) -> int:
    """Delete the project's log entries written before `older_than` (the retention period).
    Wagtail's own page history is left alone. Returns how many were deleted."""
    with transaction.atomic():
        deleted, _details = AuditLogEntry.objects.filter(timestamp__lt=older_than).delete()
    return deleted
