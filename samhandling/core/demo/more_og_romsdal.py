"""Helsefellesskap Møre og Romsdal (nynorsk): seed 002, reproduced faithfully as a news article,
with its committees, agreements and dialogue meetings open for sign-up."""

import datetime

from wagtail.models import Page

from samhandling.agreements import demo as agreements_demo
from samhandling.committees import demo as committees_demo
from samhandling.core.pages import HomePage, StandardPage
from samhandling.events import demo as events_demo
from samhandling.hearings import demo as hearings_demo
from samhandling.news.models import NewsArticlePage, NewsIndexPage

from .builder import ensure_image, ensure_page, ensure_pdf_document, stream

ARTICLE_TITLE = "Haustens nyheiter frå Helsefellesskapa"
ARTICLE_LEAD = (
    "Lurer du på kva som skjer i helsefellesskapa? Her kan du lese status i Helsefellesskap "
    "Møre og Romsdal samt haustens nyhendebrev om helsefellesskapa frå Helsedirektoratet."
)
IMAGE_ALT = "En gruppe mennesker som sitter rundt et bord med bærbare datamaskiner"
IMAGE_CAPTION = "Frå møte i SSU tidlegare i 2023"
# The seed's "ta kontakt med …" asks, linked to the subscribe form and the proposal form.
SUBSCRIBE_URL = "/nyhendebrev/"
PROPOSE_URL = "/send-inn/"


def _page_link(page: Page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def article_body(*, organisation_page: Page, newsletter) -> str:
    return f"""
<h2>Status Helsefellesskap Møre og Romsdal</h2>
<ul>
<li>Første møte i haust i Strategisk samarbeidsutval (SSU) vert gjennomført 20.september 2023. I SSU sit den administrative og faglege leiinga i kommunar innan helsefeltet og helseføretak saman med brukarrepresentantar og praksiskonsulent/fastlege.</li>
<li>Saker som skal opp i SSU er vidare arbeid med felles handlingsplan for Helsefellesskap Møre og Romsdal. Ein skal fremover ha ei meir temabasert tilnærming til møta. Tema for komande møte er samhandling knytt til e-Helse og teknologi.</li>
<li>Forhandlingsutvalet er godt i gang med revisjon av samarbeidsavtalen med jamlege møte etter beslutta plan og milepælar. Det er mål om ferdigstilling av utkast til hovudavtalen og tilhøyrande delavtalar til høyring i første halvdel av 2024.</li>
<li>Dei faglege samarbeidsutvala og Lokale samarbeidsutvala har sine faste møte utover hausten. Du kan finne meir informasjon, lese referat og finne navn på medlemar på {_page_link(organisation_page, "nettsidene til Helsefellesskap Møre og Romsdal")}</li>
</ul>
<h2>Nyhendebrev frå Helsedirektoratet</h2>
<p>Helsedirektoratet gir ut nyhendebrev fire gongar årleg for at alle skal få lese nyhende og få innsyn i prosjekt på tvers av helseføretaka. Nyhendebrevet inneheld oppdatert informasjon frå alle dei ulike helsefellesskapa i landet. Her finn du også aktuell informasjon frå Direktoratet for e-helse, KS, dei regionale helseføretaka og Helsedirektoratet:</p>
<p><a linktype="document" id="{newsletter.pk}">Les siste nyhendebrevet om Helsefellesskap september 2023 (pdf)</a></p>
<p>I tillegg oppdaterer Helsedirektoratet temasidene sine vedrørande helsefelleskap jamnleg.</p>
<h2>Meir om Helsefellesskap Møre og Romsdal</h2>
<p>Samarbeidsstrukturen Helsefellesskap Møre og Romsdal består av helseføretaket og kommunane i opptaksområdet. Der over 200 representantar frå alle dei 26 kommunane, helseføretaket, fastlegar og ulike brukarrepresentantar møtast fast for å planlegge og utvikle tenester saman og sikre prioritering av tenester til dei pasientane som treng det mest.</p>
<p>Vi oppfordrar også deltaktige i heile Helsefellesskap Møre og Romsdal om å dele nyheiter og viktige datoar og informasjon om relevante samankomstar fortløpande.</p>
<ul>
<li>Dersom du har innspel, datoar eller nyheiter du ønsker å få med i det nasjonale nyhendebrevet frå Helsedirektoratet eller ynskjer å motta nyhendebrevet sjølv, ta kontakt med Kathrine Syse, e-post: <a href="mailto:kathrine.syse@helsedir.no">kathrine.syse@helsedir.no</a>. Nyhendebrevet frå Helsefellesskap Møre og Romsdal kan du <a href="{SUBSCRIBE_URL}">abonnere på her</a>.</li>
<li>Dersom du har spørsmål knytt til Helsefellesskap Møre og Romsdal eller innspel til nyhende eller oppdateringar på nettsidene ta kontakt med Felles samarbeidssekretariat. Nyheiter og datoar kan du også <a href="{PROPOSE_URL}">sende inn til sekretariatet her</a>.</li>
</ul>
""".strip()


def build(*, root: Page, locale) -> dict:
    home = ensure_page(
        root,
        HomePage,
        slug="helsefellesskap-more-og-romsdal",
        title="Helsefellesskap Møre og Romsdal",
        locale=locale,
        lead=(
            "Helseføretaket og kommunane i Møre og Romsdal planlegg og utviklar helsetenester "
            "saman, med fastlegar og brukarrepresentantar."
        ),
        intro=(
            "<p>Over 200 representantar frå alle kommunane, helseføretaket, fastlegar og ulike "
            "brukarrepresentantar møtest fast i utval og arbeidsgrupper.</p>"
        ),
    )
    news_index = ensure_page(
        home,
        NewsIndexPage,
        slug="nyhende",
        title="Nyhende",
        show_in_menus=True,
        lead="Nyhende frå Helsefellesskap Møre og Romsdal.",
    )
    # The committee structure (samhandling.committees) replaces the plain page of the first demo.
    for stale in home.get_children().filter(slug="organisering"):
        stale.delete()
    organisation = committees_demo.build(home=home)["structure"]
    # The agreements (samhandling.agreements) replace the plain page of the first demo.
    agreement = agreements_demo.build(home=home)["agreement"]
    hearings = hearings_demo.build_more_og_romsdal(home=home)["index"]  # the revised agreement
    # Dialogue meetings open for sign-up: the whole sign-up journey in nynorsk.
    dialogue_meetings = events_demo.build_dialogue_meetings(home=home)["series"]
    about = ensure_page(
        home,
        StandardPage,
        slug="om-helsefellesskapet",
        title="Om helsefellesskapet",
        show_in_menus=True,
        lead="Samarbeidsstrukturen Helsefellesskap Møre og Romsdal.",
        body=stream(
            "mr/om",
            [
                (
                    "rich_text",
                    "<p>Samarbeidsstrukturen Helsefellesskap Møre og Romsdal består av "
                    "helseføretaket og kommunane i opptaksområdet.</p>",
                ),
                (
                    "contact",
                    {
                        "name": "Felles samarbeidssekretariat",
                        "role": "Sekretariat for helsefellesskapet",
                        "organisation": "Helse Møre og Romsdal HF og kommunane",
                        "email": "sekretariat@more-og-romsdal.helsefellesskap.example",
                        "phone": "",
                    },
                ),
            ],
        ),
    )
    accessibility = ensure_page(
        home,
        StandardPage,
        slug="tilgjengelegheitserklaering",
        title="Tilgjengelegheitserklæring",
        lead="Korleis nettstaden oppfyller krava til universell utforming.",
        body=stream(
            "mr/uu",
            [
                (
                    "rich_text",
                    "<p>Nettstaden skal oppfylle krava i WCAG 2.1 på nivå A og AA, slik forskrift om "
                    "universell utforming av IKT-løysingar krev. Alle sider blir testa automatisk "
                    "med axe i ein nettlesar, og kan brukast med tastatur åleine og utan "
                    "JavaScript.</p><p>Finn du noko som ikkje verkar, skriv til sekretariatet.</p>",
                ),
            ],
        ),
    )
    image = ensure_image(
        title="Frå møte i SSU (illustrasjon)",
        drawing="meeting_table",
        description=IMAGE_ALT,
        credit="Illustrasjon: Samhandling",
    )
    newsletter = ensure_pdf_document(
        title="Nyhendebrev om helsefellesskap september 2023",
        lines=[
            "Nyhendebrev om helsefellesskap",
            "September 2023",
            "",
            "Demo: plasshaldar for nyhendebrevet frå Helsedirektoratet,",
            "som kjem ut fire gongar i året.",
        ],
    )
    article = ensure_page(
        news_index,
        NewsArticlePage,
        slug="haustens-nyheiter-fra-helsefellesskapa",
        title=ARTICLE_TITLE,
        lead=ARTICLE_LEAD,
        date=datetime.date(2023, 10, 16),
        image=image,
        image_alt_text="",
        image_caption=IMAGE_CAPTION,
        image_credit="",
        body=stream(
            "mr/haustens-nyheiter",
            [("rich_text", article_body(organisation_page=organisation, newsletter=newsletter))],
        ),
        related_links=stream(
            "mr/haustens-nyheiter/lenker",
            [
                ("link", {"title": "", "page": organisation.pk, "url": "", "description": ""}),
                ("link", {"title": "", "page": agreement.pk, "url": "", "description": ""}),
            ],
        ),
    )
    home = ensure_page(
        root,
        HomePage,
        slug="helsefellesskap-more-og-romsdal",
        title=home.title,
        shortcuts=stream(
            "mr/snarvegar",
            [
                ("link", {"title": "", "page": page.pk, "url": "", "description": page.lead})
                for page in (
                    dialogue_meetings,
                    news_index,
                    organisation,
                    agreement,
                    hearings,
                    about,
                )
            ],
        ),
    )
    return {"home": home, "article": article, "accessibility": accessibility}
