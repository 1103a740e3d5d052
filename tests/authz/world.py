"""The records the authorisation matrix looks for, built once per module on top of the demo.

Community X is Møre og Romsdal, community Y is Helse Nord. Organisation A and B are two member
municipalities of X. Participant P signed up for an event of X on behalf of A; A answered a
hearing of X; someone commented on a section; P sent input; a subscriber of X's newsletter; a
committee member of X; a proposal sent to X; P asked for their personal data. Each record carries
a name or an e-mail address nobody else has (the `MARK_*` strings), so a body can be searched for
it: present where the role may see the record, absent where it may not."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, Site

from samhandling.core.tokens import hash_token
from tests.conftest import HN_HOST, MR_HOST

# What only the records of community X contain.
MARK_PARTICIPANT = "Pernille Matrisesen"
MARK_PARTICIPANT_EMAIL = "pernille.matrise@example.org"
MARK_RESPONDENT = "Ragnhild Svarstad"
MARK_RESPONDENT_EMAIL = "ragnhild.svar@example.org"
MARK_ANSWER = "Kommunen stottar utkastet i matrisa"
MARK_COMMENTER = "Kaare Kommentarsen"
MARK_INPUT = "Matrise-innspel om ventetider i samhandlinga"
MARK_SUBSCRIBER_EMAIL = "sigrid.abonnent.matrise@example.org"
MARK_MEMBER = "Mons Medlemsen"
MARK_PROPOSER = "Petra Forslagsen"
MARK_OUTBOX_SUBJECT = "Matrise-stadfesting til Pernille"

TOKEN_REGISTRATION = "matrise-paamelding-lenkje-0001"
TOKEN_RESPONSE = "matrise-hoyringssvar-lenkje-0001"
TOKEN_COMMENT = "matrise-kommentar-lenkje-0001"
TOKEN_PROPOSAL = "matrise-forslag-lenkje-0001"
TOKEN_DATA_REQUEST = "matrise-innsyn-lenkje-0001"
TOKEN_INVITATION = "matrise-invitasjon-lenkje-0001"
MARK_INVITED_EMAIL = "ines.invitert.matrise@example.org"
WRONG_TOKEN = "matrise-feil-lenkje-9999"

PASSWORD = "matrise-passord-123"


@dataclass
class World:
    x: object  # HealthCommunity X
    y: object  # HealthCommunity Y
    organisation_a: object
    organisation_b: object
    series: object
    event: object
    registration: object
    registration_to_cancel: object
    contact_to_revoke: object
    invitation: object
    invitation_to_withdraw: object
    outbox_message: object
    hearing: object
    response: object
    comment: object
    input: object
    subscriber: object
    subscriber_token: str
    subscriber_confirmation_token: str
    mailing_list: object
    issue: object | None
    newsletter_send: object | None
    person: object
    membership: object
    meeting: object | None
    proposal: object
    data_request: object
    users: dict = field(default_factory=dict)


def _child_of_type(root: Page, model):
    return model.objects.descendant_of(root).live().order_by("path").first()


def _event_pages(root: Page):
    from samhandling.events.models import EventIndexPage, EventPage, EventSeriesPage

    index = _child_of_type(root, EventIndexPage)
    number = uuid.uuid4().hex[:6]
    series = EventSeriesPage(
        title=f"Matriseserien {number}", slug=f"matriseserien-{number}", max_per_organisation=3
    )
    index.add_child(instance=series)
    series.save_revision().publish()
    start = (timezone.now() + datetime.timedelta(days=40)).replace(microsecond=0)
    event = EventPage(
        title=f"Matrisekonferansen {number}",
        slug=f"matrisekonferansen-{number}",
        start=start,
        end=start + datetime.timedelta(hours=3),
        venue_name="Scandic Seilet",
        venue_city="Molde",
        capacity=50,
    )
    series.add_child(instance=event)
    event.save_revision().publish()
    series.refresh_from_db()
    event.refresh_from_db()
    return series, event


def _users(x, y, organisation_a, organisation_b) -> dict:
    from samhandling.contacts.models import ContactSource, OrganisationContact
    from samhandling.organisations.roles import grant_secretariat_permissions
    from samhandling.proposals.workflow import secretariat_group

    users = {}
    make = get_user_model().objects.create_user
    for role, organisation in (("contact_a", organisation_a), ("contact_b", organisation_b)):
        user = make(f"matrise-{role}", f"{role}@matrise.example.org", PASSWORD)
        OrganisationContact.objects.create(
            user=user, organisation=organisation, source=ContactSource.SECRETARIAT
        )
        users[role] = user
    for role, community in (("secretariat_x", x), ("secretariat_y", y)):
        group = secretariat_group(community=community)
        grant_secretariat_permissions(group=group)
        user = make(f"matrise-{role}", f"{role}@matrise.example.org", PASSWORD)
        user.groups.add(group)
        users[role] = user
    users["administrator"] = get_user_model().objects.create_superuser(
        "matrise-administrator", "administrator@matrise.example.org", PASSWORD
    )
    return users


def _contact_records(x, organisation_a):
    """A second contact of A (for the cell that revokes a role) and two open invitations to be
    A's contact (one to open by its link, one for the cell that withdraws it)."""
    from samhandling.contacts.models import ContactInvitation, ContactSource, OrganisationContact

    user = get_user_model().objects.create_user(
        "matrise-trekkast", "trekkast@matrise.example.org", PASSWORD
    )
    contact = OrganisationContact.objects.create(
        user=user, organisation=organisation_a, source=ContactSource.SECRETARIAT
    )
    expires = timezone.now() + datetime.timedelta(days=14)
    invitations = [
        ContactInvitation.objects.create(
            organisation=organisation_a,
            community=x,
            email=email,
            token_hash=hash_token(token),
            expires_at=expires,
        )
        for email, token in (
            (MARK_INVITED_EMAIL, TOKEN_INVITATION),
            ("ola.trekt.matrise@example.org", "matrise-invitasjon-trekt-0001"),
        )
    ]
    return contact, *invitations


def build_world() -> World:
    from django.core.management import call_command

    from samhandling.committees.pages import CommitteePage, MeetingPage
    from samhandling.committees.people import Membership, Person
    from samhandling.events.models import OutboxMessage, Registration, RegistrationStatus
    from samhandling.hearings.choices import CommentStatus
    from samhandling.hearings.comments import SectionComment
    from samhandling.inputs.models import Input, InputSource
    from samhandling.newsletters.deliveries import NewsletterSend
    from samhandling.newsletters.issues import NewsletterIssuePage
    from samhandling.newsletters.lists import MailingList
    from samhandling.newsletters.subscribers import Subscriber, Subscription
    from samhandling.newsletters.tokens import confirmation_token, subscriber_token
    from samhandling.organisations.models import HealthCommunity
    from samhandling.privacy.models import DataRequest, DataRequestStatus
    from samhandling.proposals.models import Proposal, ProposalKind, ProposalStatus
    from tests.hearings.factories import confirmed_response, make_hearing

    if not Site.objects.filter(hostname=MR_HOST).exists():  # after a flushing test
        call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    x = HealthCommunity.objects.get(site__hostname=MR_HOST)
    y = HealthCommunity.objects.get(site__hostname=HN_HOST)
    root = x.site.root_page
    members = list(x.members.order_by("name"))
    organisation_a, organisation_b = members[0], members[1]

    series, event = _event_pages(root)
    registration = Registration.objects.create(
        event=event,
        organisation=organisation_a,
        name=MARK_PARTICIPANT,
        email=MARK_PARTICIPANT_EMAIL,
        job_title="Kommuneoverlege",
        status=RegistrationStatus.CONFIRMED,
        consent=True,
        token_hash=hash_token(TOKEN_REGISTRATION),
    )
    # A second sign-up of A, for the one cell that cancels (so the others keep theirs).
    registration_to_cancel = Registration.objects.create(
        event=event,
        organisation=organisation_a,
        name="Anna Avmeldast",
        email="anna.avmeld@example.org",
        status=RegistrationStatus.CONFIRMED,
        consent=True,
        token_hash=hash_token("matrise-avmelding-token"),
    )
    outbox_message = OutboxMessage.objects.create(
        registration=registration,
        kind="confirmation",
        to_email=MARK_PARTICIPANT_EMAIL,
        subject=MARK_OUTBOX_SUBJECT,
        body=f"Hei {MARK_PARTICIPANT}",
        status="sent",
    )
    hearing = make_hearing(host=MR_HOST, title="Matrisehøyringa")
    response = confirmed_response(
        hearing,
        organisation=organisation_a,
        name=MARK_RESPONDENT,
        email=MARK_RESPONDENT_EMAIL,
        general_answer=f"{MARK_ANSWER}.",
    )
    response.token_hash = hash_token(TOKEN_RESPONSE)
    response.link_expires_at = timezone.now() + datetime.timedelta(days=30)
    response.save(update_fields=["token_hash", "link_expires_at"])
    comment = SectionComment.objects.create(
        hearing=hearing,
        section_key=hearing.draft_sections[0].key if hearing.draft_sections else "1",
        name=MARK_COMMENTER,
        email="kaare.kommentar@example.org",
        text="Ein kommentar til del 1 i matrisa.",
        status=CommentStatus.PENDING,
        token_hash=hash_token(TOKEN_COMMENT),
        confirmed_at=timezone.now(),
        link_expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    an_input = Input.objects.create(
        event=event,
        registration=registration,
        source=InputSource.PARTICIPANT,
        text=MARK_INPUT,
    )
    mailing_list = MailingList.objects.filter(community=x).order_by("pk").first()
    subscriber = Subscriber.objects.create(
        community=x, email=MARK_SUBSCRIBER_EMAIL, language="nn", confirmed_at=timezone.now()
    )
    Subscription.objects.create(subscriber=subscriber, mailing_list=mailing_list)
    issue = NewsletterIssuePage.objects.descendant_of(root).order_by("path").first()
    newsletter_send = (
        NewsletterSend.objects.filter(issue__path__startswith=root.path).order_by("pk").first()
    )
    committee = CommitteePage.objects.descendant_of(root).order_by("path").first()
    person = Person.objects.create(name=MARK_MEMBER, email="mons.medlem@example.org")
    membership = Membership.objects.create(
        person=person, committee=committee, organisation=organisation_a
    )
    meeting = MeetingPage.objects.descendant_of(root).order_by("path").first()
    proposal = Proposal.objects.create(
        site=x.site,
        kind=ProposalKind.NEWS,
        title="Matriseforslaget",
        text="Eit forslag til ei nyheit.",
        name=MARK_PROPOSER,
        email="petra.forslag@example.org",
        status=ProposalStatus.PENDING,
        token_hash=hash_token(TOKEN_PROPOSAL),
        link_expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    data_request = DataRequest.objects.create(
        email=MARK_PARTICIPANT_EMAIL,
        token_hash=hash_token(TOKEN_DATA_REQUEST),
        site=x.site,
        language="nn",
        status=DataRequestStatus.SENT,
        expires=timezone.now() + datetime.timedelta(days=1),
    )
    contact_to_revoke, invitation, invitation_to_withdraw = _contact_records(x, organisation_a)
    world = World(
        x=x,
        y=y,
        organisation_a=organisation_a,
        organisation_b=organisation_b,
        series=series,
        event=event,
        registration=registration,
        registration_to_cancel=registration_to_cancel,
        contact_to_revoke=contact_to_revoke,
        invitation=invitation,
        invitation_to_withdraw=invitation_to_withdraw,
        outbox_message=outbox_message,
        hearing=hearing,
        response=response,
        comment=comment,
        input=an_input,
        subscriber=subscriber,
        subscriber_token=subscriber_token(subscriber),
        subscriber_confirmation_token=confirmation_token(subscriber),
        mailing_list=mailing_list,
        issue=issue,
        newsletter_send=newsletter_send,
        person=person,
        membership=membership,
        meeting=meeting,
        proposal=proposal,
        data_request=data_request,
    )
    world.users = _users(x, y, organisation_a, organisation_b)
    return world
