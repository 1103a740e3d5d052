"""Helse Nord (bokmål): the region of seed 000. Its dialogue conferences are event pages in a
series (built by samhandling.events.demo) with the seed's text and program."""

import datetime

from wagtail.models import Page

from samhandling.core.pages import HomePage, StandardPage
from samhandling.events.demo import build as events_demo_build
from samhandling.hearings import demo as hearings_demo
from samhandling.news.models import NewsArticlePage, NewsIndexPage

from .builder import ensure_page, stream

CONFERENCE_TEXT = """
<p>Helse Nord har som første helseregion i Norge fått i oppdrag fra Helse- og omsorgsdepartementet å utrede funksjons- og oppgavedeling i landsdelen.</p>
<p>Utredningsarbeidet er i full gang og vil ende i en samlet plan for funksjons- og oppgavedeling som behandles på styremøte i Helse Nord 20. desember 2023. Et høringsutkast av planen vil deretter bli sendt på en åtte ukers bred høring.</p>
<p>God samhandling og kommunikasjon mellom primær- og spesialisthelsetjenesten er sentralt for å lykkes med å skape en bærekraftig helse- og omsorgstjeneste i Nord-Norge i dag og i framtiden.</p>
<p>I mai 2023 ble det gjennomført dialogkonferanser der alle kommunene i regionen var invitert. Innspillene fra dialogkonferansene er benyttet i utredningsarbeidet så langt.</p>
<p>Med dette vil Helse Nord invitere til nye dialogkonferanser.</p>
<p>Vi ber om at kommunene deltar med to deltakere, og velger selv hvilken konferanse de ønsker å delta på (i Tromsø eller Bodø).</p>
<ul><li>Dialogkonferanse i Tromsø 30. oktober 2023</li><li>Dialogkonferanse i Bodø 3. november 2023.</li></ul>
<p><b>Deltakelse fra media:</b> Journalister og fotografer velkomne til å følge konferansene. Dersom dere ønsker dette, send en e-post til <a href="mailto:medievakt@helse-nord.no">medievakt@helse-nord.no</a> i forkant. Konferansene gjennomføres fysisk og vil ikke bli streamet.</p>
""".strip()

PARTICIPANTS = (
    "Fra Helse Nord deltar blant annet adm. direktør Marit Lind og leder for koordineringsgruppa "
    "for utredningsarbeidet i Helse Nord, Tonje Hansen."
)

# The program itself (parts, items, the coffee break) is a StreamField: see events.demo.program.
SUMMARY = (
    "<p>En oppsummering av innspill og forslag fra gruppearbeidene vil videreformidles til styret "
    "i Helse Nord RHF.</p>"
)


def build(*, root: Page, locale) -> dict:
    home = ensure_page(
        root,
        HomePage,
        slug="helse-nord",
        title="Helse Nord",
        locale=locale,
        lead=(
            "Helse Nord og kommunene i Nordland, Troms og Finnmark samarbeider om helsetjenestene "
            "i landsdelen."
        ),
    )
    news_index = ensure_page(
        home,
        NewsIndexPage,
        slug="nyheter",
        title="Nyheter",
        show_in_menus=True,
        lead="Nyheter om samhandling i Nord-Norge.",
    )
    events_demo = events_demo_build(
        home=home, body_text=CONFERENCE_TEXT, participants=PARTICIPANTS, summary=SUMMARY
    )
    events, conference = events_demo["index"], events_demo["conference"]
    open_round = events_demo["next_round"]
    hearings = hearings_demo.build_helse_nord(home=home)["index"]  # the plan's hearing (seed 000)
    ensure_page(
        news_index,
        NewsArticlePage,
        slug="invitasjon-til-dialogkonferanser",
        title="Invitasjon til dialogkonferanser i Tromsø og Bodø",
        lead=(
            "Helse Nord inviterer kommunene i Nord-Norge til nye dialogkonferanser om funksjons- og "
            "oppgavedeling, i Tromsø 30. oktober og i Bodø 3. november 2023."
        ),
        date=datetime.date(2023, 10, 2),
        body=stream(
            "hn/invitasjon",
            [
                (
                    "rich_text",
                    "<p>Vi ber om at kommunene deltar med to deltakere, og velger selv hvilken "
                    "konferanse de ønsker å delta på (i Tromsø eller Bodø).</p>"
                    f'<p><a linktype="page" id="{conference.pk}">Les mer og se programmet</a></p>',
                )
            ],
        ),
    )
    accessibility = ensure_page(
        home,
        StandardPage,
        slug="tilgjengelighetserklaering",
        title="Tilgjengelighetserklæring",
        lead="Hvordan nettstedet oppfyller kravene til universell utforming.",
        body=stream(
            "hn/uu",
            [
                (
                    "rich_text",
                    "<p>Nettstedet skal oppfylle kravene i WCAG 2.1 på nivå A og AA, slik forskrift "
                    "om universell utforming av IKT-løsninger krever. Alle sider testes automatisk "
                    "med axe i en nettleser, og kan brukes med tastatur alene og uten "
                    "JavaScript.</p>",
                ),
            ],
        ),
    )
    home = ensure_page(
        root,
        HomePage,
        slug="helse-nord",
        title=home.title,
        shortcuts=stream(
            "hn/snarveier",
            [
                ("link", {"title": "", "page": page.pk, "url": "", "description": page.lead})
                # The round open for sign-up first, not the past conferences of seed 000.
                for page in (open_round, events, hearings, news_index)
            ],
        ),
    )
    return {"home": home, "accessibility": accessibility, "conference": conference}
