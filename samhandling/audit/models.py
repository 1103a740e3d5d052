"""The project's own log entries: Wagtail's audit log (`BaseLogEntry`) for records that concern
a person (registrations, people, memberships) and for organisations, so that they can be kept
for a limited time (`SAMHANDLING_AUDIT_RETENTION_DAYS`) and never carry a person's name.

Wagtail's site history report and each object's history read them with Wagtail's own log
entries: the models are registered in `wagtail_hooks.register_log_actions`."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

# `data["by"]` of an action a person took on the public pages (no user).
PARTICIPANT = "participant"


def neutral_label(instance) -> str:
    """A label that names the kind of record and its id, never the person ("Påmelding #123"),
    in the installation's default language (the label is stored as text)."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{capfirst(instance._meta.verbose_name)} #{instance.pk}"


class AuditLogEntryManager(BaseLogEntryManager):
    def get_instance_title(self, instance):
        from .registry import is_personal

        if is_personal(type(instance)):
            return neutral_label(instance)
        return super().get_instance_title(instance)

    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )


class AuditLogEntry(BaseLogEntry):
    """Who did what, when, to a registration, person, membership or organisation. `data` holds
    ids and field names only (`{"fields": ["email", "dietary_needs"]}`), never their values."""

    object_id = models.CharField(max_length=255, db_index=True)

    objects = AuditLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")

    def save(self, *args, **kwargs):
        """Wagtail's `BaseLogEntry.save` runs `full_clean`, whose ForeignKey checks ask the
        database whether the content type and the user exist: a query per entry, inside the
        caller's transaction (a sign-up's, under the event's row lock). Both come from objects
        in hand (Django's content-type cache, the acting user) and the database's foreign keys
        hold anyway, so they are left out; everything else is validated as before, the action's
        registration included (`clean`)."""
        self.full_clean(exclude=["content_type", "user"])
        return models.Model.save(self, *args, **kwargs)

    @cached_property
    def user_display_name(self):
        if not self.user_id and (self.data or {}).get("by") == PARTICIPANT:
            return _("the participant (public page)")
        return super().user_display_name

    def __str__(self) -> str:
        return f"AuditLogEntry {self.pk}: {self.action} on {self.content_type_id}/{self.object_id}"
