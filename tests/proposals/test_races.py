"""Confirming one proposal from several browsers at the same moment, against PostgreSQL: one
draft page, one workflow, one receipt (the row lock on the proposal). SQLite serialises writers
anyway, so this runs only when DATABASE_URL points at PostgreSQL."""

import datetime

from django.core import mail
from wagtail.models import Page, WorkflowState

from samhandling.proposals.models import MailKind, Proposal, ProposalMail, ProposalStatus
from samhandling.proposals.services import proposal_confirm, proposal_submit
from tests.concurrency import POSTGRES_RACE, race

from .helpers import MR_HOST

pytestmark = POSTGRES_RACE
PARALLEL = 6


def test_confirming_at_once_from_several_browsers_makes_one_page_and_one_receipt(demo):
    proposal, _token = proposal_submit(
        site=demo[MR_HOST],
        kind="date",
        title="Samtidig stadfesta",
        text="Tekst.",
        date=datetime.date(2031, 5, 5),
        name="Rask",
        email="rask@example.org",
        language="nn",
    )
    outcomes = race(lambda n: proposal_confirm(proposal=proposal), PARALLEL)
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == ProposalStatus.PENDING
    assert {outcome.page_id for outcome in outcomes} == {proposal.page_id}
    assert Page.objects.filter(title="Samtidig stadfesta").count() == 1
    states = WorkflowState.objects.filter(object_id=str(proposal.page_id))
    assert states.count() == 1
    assert ProposalMail.objects.filter(proposal=proposal, kind=MailKind.RECEIPT).count() == 1
    receipts = [m for m in mail.outbox if "rask@example.org" in m.to and "fått" in m.subject]
    assert len(receipts) == 1
