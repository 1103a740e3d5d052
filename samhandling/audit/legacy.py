"""Entries Wagtail wrote about audited records before the audit app existed (in its
`ModelLogEntry`, labelled with the record's str(): a participant's name) are moved into the
project's log by migration 0002, labelled by id where the record concerns a person, so that the
retention period holds for them and no name is left behind. Takes a migration's `apps`."""

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

# (app label, model): the model's verbose name (as in its Meta), or None for records that are
# not about a person and keep their label.
AUDITED = {
    ("events", "registration"): "registration",
    ("committees", "person"): "person",
    ("committees", "membership"): "membership",
    ("organisations", "organisation"): None,
    ("organisations", "healthcommunity"): None,
}


def adopt_wagtail_entries(apps, schema_editor=None) -> int:
    """Move the entries; returns how many were moved."""
    content_types = apps.get_model("contenttypes", "ContentType")
    wagtail_entries = apps.get_model("wagtailcore", "ModelLogEntry")
    audit_entries = apps.get_model("audit", "AuditLogEntry")
    moved = 0
    with translation.override(settings.LANGUAGE_CODE):
        for (app_label, model), verbose_name in AUDITED.items():
            content_type = content_types.objects.filter(app_label=app_label, model=model).first()
            if content_type is None:
                continue
            old = wagtail_entries.objects.filter(content_type_id=content_type.pk)
            rows = [
                audit_entries(
                    content_type_id=content_type.pk,
                    object_id=entry.object_id,
                    label=(
                        f"{capfirst(gettext(verbose_name))} #{entry.object_id}"
                        if verbose_name
                        else entry.label
                    ),
                    action=entry.action,
                    data=entry.data,
                    timestamp=entry.timestamp,
                    uuid=entry.uuid,
                    user_id=entry.user_id,
                    revision_id=entry.revision_id,
                    content_changed=entry.content_changed,
                    deleted=entry.deleted,
                )
                for entry in old.order_by("pk").iterator()
            ]
            audit_entries.objects.bulk_create(rows, batch_size=500)
            old.delete()
            moved += len(rows)
    return moved
