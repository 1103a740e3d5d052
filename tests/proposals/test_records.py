"""Forgetting proposers (the periodic purge), the proposer's data through the privacy pages'
sources, the outbox's retries, the demo's pending proposal and seed 002's links."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import TaskState

from samhandling.news.models import NewsArticlePage
from samhandling.privacy.registry import sources
from samhandling.proposals.models import MailStatus, Proposal, ProposalMail, ProposalStatus
from samhandling.proposals.services import proposal_submit

from .helpers import MR_HOST, committed, visitor

pytestmark = pytest.mark.django_db


def submit(demo, *, email="glemt@example.org", now=None) -> Proposal:
    with committed():
        proposal, _token = proposal_submit(
            site=demo[MR_HOST],
            kind="news",
            title="Gammalt forslag",
            text="Tekst.",
            name="Gunn",
            email=email,
            language="nn",
            now=now,
        )
    return proposal


def test_unconfirmed_proposals_are_forgotten_when_the_link_expires(demo, settings, capsys):
    settings.PROPOSALS_UNCONFIRMED_DAYS = 7
    old = submit(demo, now=timezone.now() - dt.timedelta(days=8))
    fresh = submit(demo, email="fersk@example.org")
    call_command("proposals_purge")
    assert "1 unconfirmed proposal(s)" in capsys.readouterr().out
    assert not Proposal.objects.filter(pk=old.pk).exists()
    assert not ProposalMail.objects.filter(to_email="glemt@example.org").exists()
    assert Proposal.objects.filter(pk=fresh.pk).exists()


def test_decided_proposals_lose_the_proposers_details_after_retention(demo, settings):
    settings.PROPOSALS_RETENTION_DAYS = 30
    proposal = submit(demo)
    Proposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.PUBLISHED, decided_at=timezone.now() - dt.timedelta(days=31)
    )
    call_command("proposals_purge")
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_the_proposer_finds_and_erases_their_proposals_through_the_privacy_source(demo):
    proposal = submit(demo, email="Finn.Meg@example.org")
    source = next(source for source in sources() if source.key == "proposals")
    (record,) = source.find(email="finn.meg@example.org")
    assert record.title == "Gammalt forslag" and record.data["email"] == "Finn.Meg@example.org"
    counts = source.erase(email="finn.meg@example.org", now=timezone.now())
    assert counts == {"deleted": 1, "messages_deleted": 1}
    assert not Proposal.objects.filter(pk=proposal.pk).exists()
    assert source.find(email="finn.meg@example.org") == []


def test_a_failed_email_is_sent_again_by_the_periodic_job(demo, monkeypatch):
    from samhandling.proposals import mail as proposal_mail

    def broken(self, *args, **kwargs):
        raise OSError("SMTP nede")

    monkeypatch.setattr(proposal_mail.EmailMessage, "send", broken)
    proposal = submit(demo)
    row = ProposalMail.objects.get(proposal=proposal)
    assert row.status == MailStatus.FAILED and "SMTP nede" in row.last_error
    assert not mail.outbox
    monkeypatch.undo()
    call_command("proposals_send_mail")
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and row.attempts == 2
    assert [m.to for m in mail.outbox] == [["glemt@example.org"]]
    call_command("proposals_send_mail")  # sent once only
    assert len(mail.outbox) == 1


def test_the_demo_has_a_date_from_a_municipality_waiting_for_the_secretariat(demo):
    proposal = Proposal.objects.get(site=demo[MR_HOST], email__startswith="kari.demo@")
    assert proposal.status == ProposalStatus.PENDING and proposal.kind == "date"
    assert proposal.organisation.kind == "kommune"
    assert proposal.organisation.county == "Møre og Romsdal"
    page = proposal.page.specific
    assert not page.live and page.registration_enabled is False
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    assert state.task.specific.groups.get().name == "Sekretariat: Helsefellesskap Møre og Romsdal"


def test_seed_002_asks_link_to_the_subscribe_and_proposal_forms(demo):
    article = NewsArticlePage.objects.get(slug="haustens-nyheiter-fra-helsefellesskapa")
    html = visitor().get(article.url).content.decode()
    assert '<a href="/nyhendebrev/">abonnere på her</a>' in html
    assert '<a href="/send-inn/">sende inn til sekretariatet her</a>' in html
    assert "ta kontakt med Kathrine Syse" in html
    assert "ta kontakt med Felles samarbeidssekretariat" in html
