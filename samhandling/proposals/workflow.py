"""The secretariat of a health community as a Wagtail group, and its moderation workflow.

A community's secretariat is the Wagtail group linked as `HealthCommunity.secretariat_group`
(see `organisations.roles`); when none is linked, the group "Sekretariat: <community name>" is made
(or found) here and linked, idempotently (by the demo and when a proposal is confirmed). The
group may use the admin and add, edit and publish pages
in its site's tree. The workflow "Forslag: <community name>" has one step, a GroupApprovalTask for
that group: its members (and superusers) see the proposals in "Awaiting your review" on the
dashboard, approve (which publishes) or request changes with a comment (the proposer is told the
comment as the reason). The workflow is started on each proposal's draft page; it is not assigned
to any part of the tree, so the secretariat's own edits are not put through moderation."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowTask

from samhandling.organisations.roles import grant_secretariat_permissions

GROUP_PREFIX = "Sekretariat: "
WORKFLOW_PREFIX = "Forslag: "
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def _community_label(community) -> str:
    return community.name[: 150 - len(GROUP_PREFIX)]


@transaction.atomic
def secretariat_group(*, community) -> Group:
    """The community's secretariat group, with access to the admin and to its site's pages."""
    group = community.secretariat_group
    if group is None:
        group, _created = Group.objects.get_or_create(
            name=GROUP_PREFIX + _community_label(community)
        )
        community.secretariat_group = group
        community.save(update_fields=["secretariat_group"])
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(access)
    grant_secretariat_permissions(group=group)
    root = community.site.root_page
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    return group


@transaction.atomic
def secretariat_workflow(*, community) -> Workflow:
    """The community's workflow for proposals: one approval step by its secretariat group."""
    group = secretariat_group(community=community)
    name = WORKFLOW_PREFIX + _community_label(community)
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=GROUP_PREFIX + _community_label(community)).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=group.name, active=True)
    task.groups.add(group)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow
