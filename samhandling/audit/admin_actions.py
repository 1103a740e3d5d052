"""The admin's create, edit and delete actions for audited records (Wagtail 8 actions, chosen
per model by the `register_actions` hook). An edit is logged with the names of the fields that
changed, not their values."""

from django.db import transaction
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction

from .services import audit_log

# A registration edited in the admin is logged as the participant's own changes are.
CHANGE_ACTIONS = {"events.registration": "samhandling.registration.change"}


class AuditedEditAction(EditAction):
    def __init__(self, instance, user=None, *, log_action="wagtail.edit", **kwargs):
        super().__init__(instance, user, log_action=False, **kwargs)
        if log_action == "wagtail.edit":
            log_action = CHANGE_ACTIONS.get(instance._meta.label_lower, "samhandling.record.change")
        self.audit_action = log_action

    @transaction.atomic
    def _edit(self, skip_permission_checks=False):
        fields = list(self.form.changed_data) if self.form is not None else []
        instance = super()._edit(skip_permission_checks=skip_permission_checks)
        if self.audit_action and (fields or self.form is None):
            audit_log(instance=instance, action=self.audit_action, actor=self.user, fields=fields)
        return instance


class SilentCreateAction(CreateAction):
    """For records whose every change is logged by a signal (memberships)."""

    def __init__(self, instance, user=None, *, log_action=None, **kwargs):
        super().__init__(instance, user, log_action=None, **kwargs)


class SilentEditAction(EditAction):
    def __init__(self, instance, user=None, *, log_action=None, **kwargs):
        super().__init__(instance, user, log_action=None, **kwargs)


class SilentDeleteAction(DeleteAction):
    def __init__(self, instance, user=None, *, log_action=None, **kwargs):
        super().__init__(instance, user, log_action=None, **kwargs)
