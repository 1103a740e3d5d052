"""Demo of the subscriber side: each community's mailing lists, a few confirmed subscribers and
one waiting for confirmation, and the newsletter archive page in each site's tree (under the
news index: /nyhende/nyhendebrev/ and /nyheter/nyhetsbrev/; the subscribe form itself lives at
/nyhendebrev/). Called once the communities exist (core/demo/sites.py). Safe to run again."""

from django.utils import timezone

from samhandling.core.demo.builder import ensure_page
from samhandling.news.models import NewsIndexPage

from .issues import NewsletterIndexPage
from .lists import MailingList
from .subscribers import Subscriber, Subscription

LISTS = {
    "nn": [
        ("nyhendebrev", "Nyhendebrev", "Nyhende, datoar og saker frå helsefellesskapet.", True),
        (
            "invitasjonar",
            "Invitasjonar til dialogkonferansar",
            "Invitasjon og program når ein dialogkonferanse er lyst ut.",
            False,
        ),
    ],
    "nb": [
        ("nyhetsbrev", "Nyhetsbrev", "Nyheter, datoer og saker fra helsefellesskapet.", True),
        (
            "invitasjoner",
            "Invitasjoner til dialogkonferanser",
            "Invitasjon og program når en dialogkonferanse blir lyst ut.",
            False,
        ),
    ],
}
ARCHIVES = {
    "nn": ("nyhendebrev", "Nyhendebrev", "Nyhendebreva frå helsefellesskapet, det nyaste først."),
    "nb": ("nyhetsbrev", "Nyhetsbrev", "Nyhetsbrevene fra helsefellesskapet, det nyeste først."),
}
SUBSCRIBERS = {
    "nn": {
        "confirmed": [
            ("kari.nordmann@example.no", ["nyhendebrev", "invitasjonar"]),
            ("fastlege.aalesund@example.no", ["nyhendebrev"]),
            ("brukarrepresentant@example.no", ["nyhendebrev", "invitasjonar"]),
        ],
        "unconfirmed": [("ny.abonnent@example.no", ["nyhendebrev"])],
    },
    "nb": {
        "confirmed": [
            ("per.hansen@example.no", ["nyhetsbrev", "invitasjoner"]),
            ("kommuneoverlege.bodo@example.no", ["nyhetsbrev"]),
            ("samhandlingskoordinator@example.no", ["nyhetsbrev", "invitasjoner"]),
        ],
        "unconfirmed": [("venter.bekreftelse@example.no", ["nyhetsbrev"])],
    },
}


def give_mailing_lists(*, community) -> dict[str, MailingList]:
    """The community's lists (by its default language), subscribers and archive page."""
    language = "nb" if community.default_language == "nb" else "nn"
    lists = {}
    for order, (slug, name, description, default) in enumerate(LISTS[language]):
        lists[slug], _created = MailingList.objects.update_or_create(
            community=community,
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "chosen_by_default": default,
                "public": True,
                "sort_order": order,
            },
        )
    now = timezone.now()
    for state, people in SUBSCRIBERS[language].items():
        for email, slugs in people:
            subscriber, _created = Subscriber.objects.get_or_create(
                community=community,
                email=email,
                defaults={
                    "language": language,
                    "consented_at": now,
                    "confirmed_at": now if state == "confirmed" else None,
                },
            )
            for slug in slugs:
                Subscription.objects.get_or_create(subscriber=subscriber, mailing_list=lists[slug])
    _archive(community=community, language=language)
    return lists


def _archive(*, community, language: str) -> NewsletterIndexPage:
    home = community.site.root_page
    parent = NewsIndexPage.objects.child_of(home).first() or home
    slug, title, lead = ARCHIVES[language]
    return ensure_page(parent, NewsletterIndexPage, slug=slug, title=title, lead=lead)


def give_mailing_lists_to_demo_sites() -> None:
    from samhandling.organisations.models import HealthCommunity

    for community in HealthCommunity.objects.select_related("site__root_page"):
        give_mailing_lists(community=community)
