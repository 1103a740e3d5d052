"""Wagtail hooks: the project's log actions and log model, and the admin's create, edit and
delete actions on audited records, which note the names of the fields that changed."""

from wagtail import hooks

from . import registry
from .admin_actions import (
    AuditedEditAction,
    SilentCreateAction,
    SilentDeleteAction,
    SilentEditAction,
)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    registry.register(actions)


@hooks.register("register_actions")
def register_actions(actions):
    from samhandling.committees.people import Membership

    for model in registry.audited_models():
        actions.register(model, AuditedEditAction)
    # Memberships are logged by signals whichever way they change (their own screen or inline
    # on a person): the admin's own entries would say the same twice.
    for action in (SilentCreateAction, SilentEditAction, SilentDeleteAction):
        actions.register(Membership, action)
