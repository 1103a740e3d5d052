"""Puts the two demo health communities together: sites, communities, users."""

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from samhandling.accounts.services import demo_totp_device_ensure, totp_secret_text
from samhandling.contacts.demo import build as contacts_demo_build
from samhandling.hearings import demo as hearings_demo
from samhandling.inputs.demo import build as inputs_demo_build
from samhandling.newsletters.demo_issue import give_autumn_newsletter
from samhandling.newsletters.demo_subscribers import give_mailing_lists_to_demo_sites
from samhandling.organisations.models import HealthCommunity, Organisation
from samhandling.proposals.demo import build as proposals_demo_build

from . import helse_nord, more_og_romsdal
from .builder import ensure_image, ensure_locale, ensure_site, ensure_wagtail_roots

# bandit B105 (hard-coded password): the demo admin's login is published in the README on purpose;
# load_demo refuses settings without SAMHANDLING_DEMO_ALLOWED (production) unless forced.
DEMO_ADMIN = {"username": "admin", "password": "samhandling-demo", "email": "admin@example.org"}  # nosec B105
# The admin's account settings ask for a name before they save anything (the language too).
DEMO_ADMIN_NAME = {"first_name": "Demo", "last_name": "Sekretariat"}
# The demo admin's second factor: an authenticator with this published secret (load_demo prints it
# in base32, as apps take it: ONQW 22DB NZSG Y2LO M4WW IZLN N4WT EZTB). Never for production.
DEMO_ADMIN_TOTP_KEY = b"samhandling-demo-2fa".hex()


def demo_admin_totp_secret() -> str:
    """The demo admin's TOTP secret in base32, grouped as authenticator apps show it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return totp_secret_text(device=TOTPDevice(key=DEMO_ADMIN_TOTP_KEY))


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's first migration makes a placeholder site and page; the demo replaces them."""
    for page in Page.objects.filter(depth=2, slug="home", content_type__model="page"):
        Site.objects.filter(root_page=page).delete()
        page.delete()


def _ensure_community(*, site: Site, owner: Organisation, members, **values) -> HealthCommunity:
    community = HealthCommunity.objects.filter(site=site).first()
    if community is None:
        community = HealthCommunity(site=site, owner=owner, **values)
        community.save()
    else:
        changed = community.owner_id != owner.pk
        community.owner = owner
        for key, value in values.items():
            if getattr(community, key) != value:
                setattr(community, key, value)
                changed = True
        if changed:
            community.save()
    wanted = set(members.values_list("pk", flat=True))
    if set(community.members.values_list("pk", flat=True)) != wanted:
        community.members.set(wanted)
    return community


def ensure_admin_user() -> tuple[str, str, bool]:
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_ADMIN["username"]).first()
    created = user is None
    if created:
        user = user_model.objects.create_superuser(**DEMO_ADMIN, **DEMO_ADMIN_NAME)
    elif not (user.first_name and user.last_name):
        user_model.objects.filter(pk=user.pk).update(**DEMO_ADMIN_NAME)
    demo_totp_device_ensure(user=user, key_hex=DEMO_ADMIN_TOTP_KEY)
    return DEMO_ADMIN["username"], DEMO_ADMIN["password"], created


def load_demo(*, port: int = 8000) -> dict:
    root = ensure_wagtail_roots()
    _remove_wagtail_welcome_page()
    nn, nb = ensure_locale("nn"), ensure_locale("nb")
    ensure_locale("en")

    mr = more_og_romsdal.build(root=root, locale=nn)
    mr_site = ensure_site(
        hostname="more-og-romsdal.localhost",
        port=port,
        root_page=mr["home"],
        site_name="Helsefellesskap Møre og Romsdal",
        default=True,
    )
    mr_owner = Organisation.objects.get(reference_key="helse-more-og-romsdal-hf")
    mr_community = _ensure_community(
        site=mr_site,
        owner=mr_owner,
        members=Organisation.objects.filter(county="Møre og Romsdal", kind="kommune")
        | Organisation.objects.filter(pk=mr_owner.pk),
        name="Helsefellesskap Møre og Romsdal",
        short_name="HF MR",
        default_language="nn",
        contact_text="Felles samarbeidssekretariat",
        contact_email="sekretariat@more-og-romsdal.helsefellesskap.example",
        logo=ensure_image(
            title="Logo Helsefellesskap Møre og Romsdal",
            drawing="logo_more_og_romsdal",
            description="",
            credit="",
        ),
        accessibility_statement=Page.objects.get(pk=mr["accessibility"].pk),
    )
    hearings_demo.give_post_boxes(community=mr_community)  # so the hearing board can remind
    proposals_demo_build(community=mr_community)  # a date proposed, awaiting review (proposals/)

    hn = helse_nord.build(root=root, locale=nb)
    hn_site = ensure_site(
        hostname="helse-nord.localhost",
        port=port,
        root_page=hn["home"],
        site_name="Helse Nord",
        default=False,
    )
    hn_owner = Organisation.objects.get(reference_key="helse-nord-rhf")
    _ensure_community(
        site=hn_site,
        owner=hn_owner,
        members=Organisation.objects.filter(
            county__in=["Nordland", "Troms", "Finnmark"], kind__in=["kommune", "helseforetak"]
        )
        | Organisation.objects.filter(pk=hn_owner.pk),
        name="Helse Nord",
        short_name="Helse Nord",
        default_language="nb",
        contact_text="Samhandlingsavdelingen, Helse Nord RHF",
        contact_email="samhandling@helse-nord.helsefellesskap.example",
        logo=ensure_image(
            title="Logo Helse Nord", drawing="logo_helse_nord", description="", credit=""
        ),
        accessibility_statement=Page.objects.get(pk=hn["accessibility"].pk),
    )
    inputs_demo_build()  # seed 000: the conferences' input (samhandling/inputs/demo.py)
    give_mailing_lists_to_demo_sites()  # newsletter lists, subscribers and archive pages
    give_autumn_newsletter(community=mr_community)  # sent to those lists, with its history
    contacts_demo_build()  # contact persons, an invitation, Alta's page (contacts/demo.py)
    return {
        "sites": [mr_site, hn_site],
        "article": mr["article"],
        "conference": hn["conference"],
    }
