"""The whole way of a proposal: the form, the confirmation link (GET shows, POST confirms), the
draft page in the secretariat's workflow, approval (published, the proposer told with the link)
and a decline with the secretariat's reason (the proposer told it)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Page, TaskState, WorkflowState

from samhandling.events.pages import EventPage
from samhandling.news.models import NewsArticlePage
from samhandling.organisations.models import HealthCommunity
from samhandling.proposals.models import MailStatus, Proposal, ProposalMail, ProposalStatus
from samhandling.proposals.workflow import secretariat_group
from tests.form_guard import guard_fields

from .helpers import MR_HOST, committed, mails_to, path_of, post_proposal, the_link, visitor

pytestmark = pytest.mark.django_db
EMAIL = "kari.forslag@example.org"


def submit_and_confirm(**fields) -> Proposal:
    client = visitor()
    response = post_proposal(client, **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    email = fields.get("email", EMAIL)
    link = path_of(the_link(mails_to(email)[-1].body))
    assert client.post(link, guard_fields()).status_code == 302
    return Proposal.objects.get(email=email)


def workflow_state(page) -> WorkflowState:
    return WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )


def test_a_date_goes_from_the_form_to_a_draft_event_in_the_secretariats_workflow(demo):
    client = visitor()
    response = post_proposal(client)
    assert response.status_code == 302 and response["Location"].startswith("/send-inn/sendt/")
    page = client.get(response["Location"])
    assert "Stadfest forslaget i e-posten" in page.content.decode()
    proposal = Proposal.objects.get(email=EMAIL)
    assert proposal.status == ProposalStatus.UNCONFIRMED and proposal.page is None

    (message,) = mails_to(EMAIL)
    assert message.subject == "Stadfest forslaget ditt – Helsefellesskap Møre og Romsdal"
    assert "Helsefellesskap Møre og Romsdal" in message.from_email
    link = path_of(the_link(message.body))

    # Opening the link (as a mail scanner does) changes nothing; the button confirms.
    shown = client.get(link)
    assert shown.status_code == 200 and "Stadfest forslaget" in shown.content.decode()
    assert shown["Cache-Control"] == "private, no-store"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNCONFIRMED
    confirmed = client.post(link, guard_fields())
    assert confirmed.status_code == 302
    assert "er stadfesta" in client.get(confirmed["Location"]).content.decode()

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    event = proposal.page.specific
    assert isinstance(event, EventPage) and not event.live
    assert event.title == "Fagdag om kvardagsrehabilitering"
    assert event.registration_enabled is False
    assert event.venue_name == "Kristiansund rådhus"
    assert event.start.astimezone().strftime("%Y-%m-%d") == "2031-03-14"
    assert event.lead == "Kommunen inviterer til fagdag."
    site_root = demo[MR_HOST].root_page
    assert event.get_parent().specific_class.__name__ == "EventIndexPage"
    assert event.path.startswith(site_root.path)
    state = workflow_state(event)
    task = state.current_task_state.task.specific
    community = HealthCommunity.objects.get(site=demo[MR_HOST])
    assert list(task.groups.all()) == [secretariat_group(community=community)]

    receipt = mails_to(EMAIL)[-1]
    assert receipt.subject == "Vi har fått forslaget ditt – Helsefellesskap Møre og Romsdal"
    # The stored confirmation e-mail no longer holds a working link.
    stored = ProposalMail.objects.get(proposal=proposal, kind="confirm")
    assert "/send-inn/stadfest/" not in stored.body and stored.status == MailStatus.SENT

    # A second press, and a replay of the link, change nothing and send nothing.
    sent_before = len(mail.outbox)
    again = client.post(link, guard_fields())
    assert again.status_code == 302
    assert len(mail.outbox) == sent_before
    assert Page.objects.filter(title=event.title).count() == 1


def test_approving_publishes_the_page_and_tells_the_proposer_with_its_link(demo):
    proposal = submit_and_confirm()
    secretary = get_user_model().objects.create_user("sekretaer", "sek@example.org", "pw")
    community = HealthCommunity.objects.get(site=demo[MR_HOST])
    secretary.groups.add(secretariat_group(community=community))
    page = proposal.page.specific
    task_state = workflow_state(page).current_task_state.specific
    assert task_state in TaskState.objects.reviewable_by(secretary)

    with committed():
        task_state.approve(user=secretary)
    page.refresh_from_db()
    assert page.live
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED
    note = mails_to(EMAIL)[-1]
    assert note.subject == "Forslaget ditt er publisert – Helsefellesskap Møre og Romsdal"
    assert page.get_full_url() in note.body
    # Published again later (an edit): no second note.
    count = len(mails_to(EMAIL))
    with committed():
        page.save_revision().publish()
    assert len(mails_to(EMAIL)) == count
    # The public page shows it; the link page says so.
    response = visitor().get(path_of(page.get_full_url()))
    assert response.status_code == 200 and "Fagdag om kvardagsrehabilitering" in (
        response.content.decode()
    )


def test_a_declined_proposal_tells_the_proposer_the_secretariats_reason(demo):
    proposal = submit_and_confirm(kind="news", date="", time="", email="ola.nyhende@example.org")
    page = proposal.page.specific
    assert isinstance(page, NewsArticlePage) and not page.live
    admin = get_user_model().objects.create_superuser("leiar", "l@example.org", "pw")
    task_state = workflow_state(page).current_task_state.specific
    with committed():
        task_state.reject(user=admin, comment="Dette høyrer heime på kommunen si eiga side.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert proposal.decision_reason == "Dette høyrer heime på kommunen si eiga side."
    note = mails_to("ola.nyhende@example.org")[-1]
    assert note.subject == "Forslaget ditt vart ikkje publisert – Helsefellesskap Møre og Romsdal"
    assert "Dette høyrer heime på kommunen si eiga side." in note.body
    page.refresh_from_db()
    assert not page.live


def test_the_form_offers_the_communitys_organisations_and_saves_the_one_chosen(demo):
    community = HealthCommunity.objects.get(site=demo[MR_HOST])
    molde = community.members.get(municipality_number="1506")
    page = visitor().get("/send-inn/").content.decode()
    assert f'<option value="{molde.pk}">Molde</option>' in page
    assert "Tromsø" not in page  # not a member of this community
    proposal = submit_and_confirm(
        organisation=str(molde.pk), organisation_other="", email="molde@example.org"
    )
    assert proposal.organisation == molde and proposal.organisation_other == ""
    assert proposal.page.specific.organiser == molde
