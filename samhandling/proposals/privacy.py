"""Proposals as a source of personal data (samhandling.privacy): the proposer finds them by
e-mail address; erasure deletes the proposal rows and the e-mails about them. The pages they
became are the secretariat's content and stay (they never carry the proposer's name or address)."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samhandling.audit.services import audit_log_deleted
from samhandling.privacy.registry import PersonalDataSource, Record, register_source


def _of_email(email: str):
    from .models import Proposal

    return Proposal.objects.filter(email__iexact=(email or "").strip())


def _iso(value):
    return value.isoformat() if value else None


def proposal_records(*, email: str) -> list[Record]:
    records = []
    for proposal in _of_email(email).select_related("organisation").order_by("created_at", "pk"):
        fields = [
            (_("Title"), proposal.title),
            (_("Text"), proposal.text),
            (_("Name"), proposal.name),
            (_("Organisation"), proposal.organisation_name),
            (_("E-mail"), proposal.email),
            (_("Status"), proposal.get_status_display()),
        ]
        data = {
            "id": proposal.pk,
            "kind": proposal.kind,
            "title": proposal.title,
            "text": proposal.text,
            "date": _iso(proposal.date),
            "time": _iso(proposal.time),
            "place": proposal.place,
            "link": proposal.link,
            "name": proposal.name,
            "organisation": proposal.organisation_name,
            "email": proposal.email,
            "status": proposal.status,
            "created_at": _iso(proposal.created_at),
            "confirmed_at": _iso(proposal.confirmed_at),
            "decided_at": _iso(proposal.decided_at),
            "decision_reason": proposal.decision_reason,
        }
        records.append(Record(title=proposal.title, fields=fields, data=data))
    return records


def proposals_erase(*, email: str, now=None) -> dict[str, int]:
    from .models import Proposal, ProposalMail

    counts = {"deleted": 0, "messages_deleted": 0}
    if not (email or "").strip():
        return counts
    with transaction.atomic():
        ids = list(_of_email(email).select_for_update().values_list("pk", flat=True))
        counts["messages_deleted"], _details = ProposalMail.objects.filter(
            proposal_id__in=ids
        ).delete()
        counts["deleted"], _details = Proposal.objects.filter(pk__in=ids).delete()
        audit_log_deleted(model=Proposal, pks=ids, action="samhandling.proposal.erase")
    return counts


def _retention() -> str:
    from .purge import retention_days
    from .services import unconfirmed_days

    return _(
        "An unconfirmed proposal is deleted after %(unconfirmed)s days; your details with a "
        "confirmed one %(days)s days after the secretariat's decision. The page it became stays, "
        "without your name or address."
    ) % {"unconfirmed": unconfirmed_days(), "days": retention_days()}


def register_proposal_source() -> None:
    register_source(
        PersonalDataSource(
            key="proposals",
            label=gettext_lazy("Proposals of news and dates"),
            find=proposal_records,
            erase=proposals_erase,
            purpose=gettext_lazy(
                "To let the secretariat read your proposal and ask you about it, and to send you "
                "the link to confirm it and the secretariat's decision."
            ),
            retention=_retention,
            order=70,
        )
    )
