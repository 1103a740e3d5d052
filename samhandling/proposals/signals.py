"""Wagtail's moderation decisions, told to the proposer: a proposal's page published (by
approving the workflow, or by publishing it directly), or changes requested in the workflow
(the secretariat's comment is the reason the proposer gets)."""

from wagtail.models import TaskState
from wagtail.signals import page_published, workflow_rejected


def _on_page_published(sender, instance, **kwargs):
    from .models import Proposal
    from .services import proposal_published

    if Proposal.objects.filter(page_id=instance.pk).exists():
        proposal_published(page=instance)


def _on_workflow_rejected(sender, instance, user=None, **kwargs):
    from .models import Proposal
    from .services import proposal_declined

    if instance.base_content_type.model != "page":
        return
    page_id = int(instance.object_id)
    if not Proposal.objects.filter(page_id=page_id).exists():
        return
    rejected = (
        TaskState.objects.filter(workflow_state=instance, status=TaskState.STATUS_REJECTED)
        .order_by("-finished_at", "-pk")
        .first()
    )
    proposal_declined(page=instance.content_object, reason=rejected.comment if rejected else "")


def connect_signals() -> None:
    page_published.connect(_on_page_published, dispatch_uid="proposals_page_published")
    workflow_rejected.connect(_on_workflow_rejected, dispatch_uid="proposals_workflow_rejected")
