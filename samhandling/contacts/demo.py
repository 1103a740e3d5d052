"""Demo contact persons (kontaktpersonar) for a few municipalities on each site, one open
invitation, and what "Min organisasjon" for Alta needs to show: its sign-ups for a dialogue
conference, an open hearing it is invited to, and its committee seats.

Called by the demo loader (core/demo/sites.py) after the sites and their content exist. Every
step is idempotent: a second run changes nothing. The users are not staff and have the published
password `DEMO_PASSWORD`; the demo login page (`/innlogging/demo/`, accounts) lets them in where
the settings allow the demo, and production settings refuse both the demo and that page."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, Site

from samhandling.core.tokens import hash_token
from samhandling.organisations.models import HealthCommunity, Organisation

from .models import ContactInvitation, ContactSource, OrganisationContact

DEMO_PASSWORD = "samhandling-demo"  # noqa: S105  # nosec B105 (published on purpose: demo only)
MR_HOST, HN_HOST = "more-og-romsdal.localhost", "helse-nord.localhost"
# username, municipality number, first name, last name
DEMO_CONTACTS = [
    ("kontakt-molde", "1506", "Marit", "Kontaktperson (Molde)"),
    ("kontakt-volda", "1577", "Ola", "Kontaktperson (Volda)"),
    ("kontakt-alta", "5601", "Áile", "Kontaktperson (Alta)"),
    ("kontakt-tromso", "5501", "Trond", "Kontaktperson (Tromsø)"),
    ("kontakt-bodo", "1804", "Bodil", "Kontaktperson (Bodø)"),
]
# The open invitation's token is published here so the demo's link can be tried:
# http://more-og-romsdal.localhost:8000/kontaktperson/invitasjon/demo-invitasjon-kristiansund/
DEMO_INVITATION_TOKEN = "demo-invitasjon-kristiansund"  # noqa: S105  # nosec B105 (published)
DEMO_INVITATION_EMAIL = "kontakt-kristiansund@demo.helsefellesskap.example"
ALTA = "5601"
# The open hearing and the committee this module adds to the Helse Nord site (the seed's own
# hearing there is from 2023 and decided, and the seed has no committees there).
HN_OPEN_HEARING_SLUG = "horing-utskrivningsklare-pasienter"
HN_COMMITTEE_SLUG = "samarbeidsutvalg-finnmark"


def _email(username: str) -> str:
    return f"{username}@demo.helsefellesskap.example"


def ensure_contact_users() -> list:
    User = get_user_model()
    roles = []
    for username, number, first, last in DEMO_CONTACTS:
        organisation = Organisation.objects.filter(municipality_number=number).first()
        if organisation is None:
            continue
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, _email(username), DEMO_PASSWORD, first_name=first, last_name=last
            )
        role = OrganisationContact.objects.filter(
            user=user, organisation=organisation, revoked_at__isnull=True
        ).first()
        if role is None:
            role = OrganisationContact.objects.create(
                user=user, organisation=organisation, source=ContactSource.SECRETARIAT
            )
        roles.append(role)
    return roles


def ensure_open_invitation() -> ContactInvitation | None:
    community = HealthCommunity.objects.filter(site__hostname=MR_HOST).first()
    organisation = Organisation.objects.filter(municipality_number="1505").first()  # Kristiansund
    if community is None or organisation is None:
        return None
    token_hash = hash_token(DEMO_INVITATION_TOKEN)
    invitation = ContactInvitation.objects.filter(token_hash=token_hash).first()
    if invitation is None:
        invitation = ContactInvitation.objects.create(
            organisation=organisation,
            community=community,
            email=DEMO_INVITATION_EMAIL,
            language="nn",
            token_hash=token_hash,
            expires_at=timezone.now() + datetime.timedelta(days=365),
        )
    return invitation


def _site_root(hostname: str) -> Page | None:
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    return site.root_page if site else None


def ensure_alta_sign_ups(*, alta: Organisation, root: Page) -> int:
    """A sign-up from Alta at each coming dialogue conference of Helse Nord that has none."""
    from samhandling.events.demo import _ensure_registrations
    from samhandling.events.models import EventPage, RegistrationKind, RegistrationStatus

    added = 0
    coming = EventPage.objects.descendant_of(root).filter(start__gte=timezone.now())
    for event in coming.order_by("start"):
        if event.registrations.filter(organisation=alta).exists():
            continue
        _ensure_registrations(
            event,
            [
                (
                    "Siv Kontaktperson-Demo",
                    f"siv.alta.{event.pk}@demo.helsefellesskap.example",
                    ALTA,
                    "Kommuneoverlege",
                    RegistrationKind.PARTICIPANT,
                    RegistrationStatus.CONFIRMED,
                )
            ],
            language="nb",
        )
        added += 1
    return added


def ensure_open_hearing(*, root: Page):
    """An open hearing on the Helse Nord site that invites the members (Alta among them). Made
    once, with dates from the day it is made; left as it is afterwards."""
    from samhandling.core.demo.builder import ensure_page
    from samhandling.hearings.choices import CommentModeration, Publication
    from samhandling.hearings.demo import HN_INDEX_SLUG, _sections
    from samhandling.hearings.pages import HearingPage

    index = root.get_children().filter(slug=HN_INDEX_SLUG).first()
    if index is None:
        return None
    slug = HN_OPEN_HEARING_SLUG
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    today = timezone.localdate()
    return ensure_page(
        index,
        HearingPage,
        slug=slug,
        title="Høring: Retningslinje for utskrivningsklare pasienter",
        lead="Utkast til felles retningslinje for utskrivningsklare pasienter i Helse Nord.",
        asked="Vi ber kommunene og helseforetakene om innspill til utkastet.",
        sections=_sections(
            "hn/horing/utskrivningsklare",
            [
                ("1 Formål", "<p>Retningslinjen skal gi trygge og gode overganger.</p>"),
                ("2 Varsling", "<p>Kommunen varsles så tidlig som mulig.</p>"),
            ],
        ),
        opens_on=today - datetime.timedelta(days=7),
        deadline=today + datetime.timedelta(days=42),
        publication=Publication.AFTER_DEADLINE,
        comment_moderation=CommentModeration.BEFORE,
        invite_members=True,
        contact_name="Samhandlingsavdelingen, Helse Nord RHF",
        contact_email="samhandling@helse-nord.helsefellesskap.example",
        contact_phone="",
    )


def ensure_alta_committee_seats(*, alta: Organisation, root: Page):
    """A committee on the Helse Nord site in which Alta has a member and a deputy."""
    from samhandling.committees.choices import CommitteeLevel, MemberRole, Represents
    from samhandling.committees.pages import CommitteeIndexPage, CommitteePage
    from samhandling.committees.people import Membership, Person
    from samhandling.core.demo.builder import ensure_page

    structure = ensure_page(
        root,
        CommitteeIndexPage,
        slug="utvalg",
        title="Utvalg",
        show_in_menus=False,
        lead="Utvalgene i samarbeidet mellom Helse Nord og kommunene.",
        intro="<p>Kommunene og helseforetakene møtes fast i utvalgene.</p>",
    )
    committee = ensure_page(
        structure,
        CommitteePage,
        slug=HN_COMMITTEE_SLUG,
        title="Strategisk samarbeidsutvalg Finnmark",
        short_name="SSU Finnmark",
        level=CommitteeLevel.STRATEGIC,
        lead="Kommunene i Finnmark og Finnmarkssykehuset samarbeider om tjenestene.",
        mandate="<p>Utvalget følger opp samarbeidsavtalen i Finnmark.</p>",
        contact="<p>Samhandlingsavdelingen, Helse Nord RHF</p>",
        papers_public=True,
    )
    seats = [
        ("Anne Alta-Demo", MemberRole.MEMBER),
        ("Jon Alta-Demo", MemberRole.DEPUTY_MEMBER),
    ]
    for name, role in seats:
        person = Person.objects.filter(name=name).first() or Person.objects.create(
            name=name, title="Kommunalsjef helse, Alta kommune"
        )
        if not Membership.objects.filter(person=person, committee=committee).exists():
            Membership.objects.create(
                person=person,
                committee=committee,
                organisation=alta,
                role=role,
                represents=Represents.MUNICIPALITIES,
                term_start=datetime.date(2024, 1, 1),
            )
    return committee


def build() -> dict:
    """Everything above; returns what it made (for the loader's tests)."""
    roles = ensure_contact_users()
    invitation = ensure_open_invitation()
    alta = Organisation.objects.filter(municipality_number=ALTA).first()
    hn_root = _site_root(HN_HOST)
    result = {"roles": roles, "invitation": invitation}
    if alta is not None and hn_root is not None:
        result["sign_ups_added"] = ensure_alta_sign_ups(alta=alta, root=hn_root)
        result["hearing"] = ensure_open_hearing(root=hn_root)
        result["committee"] = ensure_alta_committee_seats(alta=alta, root=hn_root)
    return result
