"""Forgetting proposers: an unconfirmed proposal is deleted when its link expires
(PROPOSALS_UNCONFIRMED_DAYS), and a decided one PROPOSALS_RETENTION_DAYS after the decision (the
page it became stays: it is the secretariat's content now). Run daily by
`manage.py proposals_purge` (settings.SAMHANDLING_PERIODIC_JOBS)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samhandling.audit.services import audit_log_deleted

from .models import Proposal, ProposalMail, ProposalStatus


def retention_days() -> int:
    return getattr(settings, "PROPOSALS_RETENTION_DAYS", 180)


def _delete(ids: list[int], *, action: str) -> int:
    if not ids:
        return 0
    ProposalMail.objects.filter(proposal_id__in=ids).delete()
    Proposal.objects.filter(pk__in=ids).delete()
    audit_log_deleted(model=Proposal, pks=ids, action=action)
    return len(ids)


def proposals_purge(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Delete expired unconfirmed proposals and decided ones past retention, with their e-mails.
    Returns (unconfirmed, decided) counts."""
    now = now or timezone.now()
    with transaction.atomic():
        unconfirmed = list(
            Proposal.objects.select_for_update()
            .filter(status=ProposalStatus.UNCONFIRMED, link_expires_at__lt=now)
            .values_list("pk", flat=True)
        )
        decided = list(
            Proposal.objects.select_for_update()
            .filter(
                status__in=[ProposalStatus.PUBLISHED, ProposalStatus.DECLINED],
                decided_at__lt=now - dt.timedelta(days=retention_days()),
            )
            .values_list("pk", flat=True)
        )
        return (
            _delete(unconfirmed, action="samhandling.proposal.purge"),
            _delete(decided, action="samhandling.proposal.purge"),
        )
