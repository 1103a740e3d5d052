"""Memberships change in two admin screens (their own, and inline on a person) and in code: the
audit log hears of every change from the model's signals. A new end date is logged as the
membership ending; other changes with the names of the fields that changed."""

from django.db.models.signals import post_delete, post_save, pre_save

from .services import audit_log


def _tracked_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


def _before_save(sender, instance, raw=False, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    instance._audit_before = (
        sender._default_manager.filter(pk=instance.pk).values(*_tracked_fields(sender)).first()
    )


def _ids(instance) -> dict:
    return {"person": instance.person_id, "committee": instance.committee_id}


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if created or before is None:
        audit_log(instance=instance, action="samhandling.membership.create", data=_ids(instance))
        return
    changed = [name for name, old in before.items() if getattr(instance, name) != old]
    if not changed:
        return
    fields = [sender._meta.get_field(name).name for name in changed]
    ended = "term_end" in fields and instance.term_end is not None
    action = "samhandling.membership.end" if ended else "samhandling.membership.change"
    audit_log(instance=instance, action=action, fields=fields, data=_ids(instance))


def _after_delete(sender, instance, **kwargs):
    audit_log(instance=instance, action="samhandling.membership.delete", data=_ids(instance))


def connect_signals() -> None:
    from samhandling.committees.people import Membership

    uid = "samhandling.audit.memberships"
    pre_save.connect(_before_save, sender=Membership, dispatch_uid=f"{uid}.pre_save")
    post_save.connect(_after_save, sender=Membership, dispatch_uid=f"{uid}.post_save")
    post_delete.connect(_after_delete, sender=Membership, dispatch_uid=f"{uid}.post_delete")
