"""Demo input (seed 000, Helse Nord, bokmål): the group work at the dialogue conferences in Tromsø
and Bodø, autumn 2023, tagged by theme, with a published summary per theme for the board of
Helse Nord RHF across the whole series, and a couple of input from participants. Idempotent: a
second run changes nothing."""

from samhandling.events.models import (
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
    hash_token,
)
from samhandling.organisations.models import HealthCommunity, Organisation

from .models import Input, InputSource, InputStatus, Theme, ThemeSummary

SERIES_SLUG = "dialogkonferanser-hosten-2023"
TROMSO_SLUG = "dialogkonferanse-i-tromso-med-kommuner"
BODO_SLUG = "dialogkonferanse-i-bodo-med-kommuner"
HEARING_SLUG = "plan-for-funksjons-og-oppgavedeling"

DISCHARGE = "Samhandling ved utskrivning"
RECRUITMENT = "Rekruttering og kompetanse"
DIGITAL = "Digital samhandling"
EMERGENCY = "Akuttberedskap"
THEMES = [DISCHARGE, RECRUITMENT, DIGITAL, EMERGENCY]

USED, FOLLOW_UP, NOT_TAKEN, NEW = (
    InputStatus.USED,
    InputStatus.FOLLOW_UP,
    InputStatus.NOT_TAKEN,
    InputStatus.NEW,
)

# (group, themes, status, text)
GROUP_INPUT = {
    TROMSO_SLUG: [
        (
            "Gruppe 1",
            [DISCHARGE],
            USED,
            "Utskrivningsklare pasienter må meldes tidligere, helst "
            "dagen før. Kommunene trenger tid til å skaffe plass og bemanning.",
        ),
        (
            "Gruppe 1",
            [RECRUITMENT],
            FOLLOW_UP,
            "Felles stillinger mellom sykehus og kommune kan "
            "gjøre det lettere å rekruttere sykepleiere til små kommuner.",
        ),
        (
            "Gruppe 2",
            [DIGITAL],
            USED,
            "Pleie- og omsorgsmeldinger må fungere likt i alle "
            "kommunene. I dag ringer vi for å sjekke at meldingen er lest.",
        ),
        (
            "Gruppe 2",
            [EMERGENCY],
            FOLLOW_UP,
            "Lange avstander gjør at ambulansen ofte er borte "
            "fra kommunen i mange timer. Planen må si hvordan beredskapen holdes oppe.",
        ),
        (
            "Gruppe 3",
            [DISCHARGE, DIGITAL],
            USED,
            "Epikrisen må følge pasienten ved utskrivning, ikke komme dager etterpå.",
        ),
        (
            "Gruppe 4",
            [RECRUITMENT],
            NEW,
            "Legevakt i distriktene hviler på få leger. Vi trenger "
            "en felles plan for turnusleger og LIS1.",
        ),
        (
            "Gruppe 5",
            [EMERGENCY],
            NOT_TAKEN,
            "Ønsker eget luftambulansefly stasjonert i Nord-Troms.",
        ),
    ],
    BODO_SLUG: [
        (
            "Gruppe 1",
            [DISCHARGE],
            USED,
            "Utskrivningsklare pasienter bør meldes dagen før, slik "
            "at kommunen rekker å forberede mottaket.",
        ),
        (
            "Gruppe 2",
            [DIGITAL],
            FOLLOW_UP,
            "Videokonsultasjon mellom fastlege, sykehjem og "
            "spesialist bør bli vanlig, særlig for pasienter med lang reisevei.",
        ),
        (
            "Gruppe 2",
            [RECRUITMENT],
            USED,
            "Desentralisert sykepleierutdanning i Lofoten og "
            "Vesterålen har gitt folk som blir. Det bør videreføres.",
        ),
        (
            "Gruppe 3",
            [EMERGENCY],
            USED,
            "Akuttfunksjonen ved lokalsykehusene må beholdes; "
            "kommunene planlegger sin beredskap ut fra den.",
        ),
        (
            "Gruppe 4",
            [DISCHARGE],
            FOLLOW_UP,
            "Faste kontaktpersoner i kommunen og på sykehuset ville gjort utskrivningen tryggere.",
        ),
        (
            "Gruppe 5",
            [DIGITAL, EMERGENCY],
            NEW,
            "Felles kjernejournal og e-resept fungerer; "
            "neste steg er deling av kritisk informasjon med legevakt.",
        ),
    ],
}
# Said by two groups in the same words: the later one is merged into the first (Tromsø, group 1).
DUPLICATE = (BODO_SLUG, "Gruppe 1")

SUMMARIES = {
    DISCHARGE: "Kommunene ber om tidligere varsel om utskrivningsklare pasienter, helst dagen "
    "før, og at epikrisen følger pasienten. Faste kontaktpersoner foreslås. Innspillene er tatt "
    "inn i planens kapittel om pasientforløp.",
    RECRUITMENT: "Rekruttering er den største bekymringen i de minste kommunene. Gruppene peker "
    "på felles stillinger, desentralisert utdanning og en felles plan for leger i spesialisering.",
    DIGITAL: "Meldingsutvekslingen må fungere likt overalt før nye løsninger tas i bruk. "
    "Videokonsultasjon og deling av kritisk informasjon med legevakt ønskes.",
    EMERGENCY: "Kommunene ber om at akuttfunksjonen ved lokalsykehusene beholdes og at planen "
    "beskriver hvordan ambulanseberedskapen holdes oppe over lange avstander.",
}

PARTICIPANTS = [
    # (event slug, name, e-mail, municipality number, text, theme, status, published)
    (
        TROMSO_SLUG,
        "Sara Eira",
        "sara.eira@kautokeino.example",
        "5612",
        "Samiske pasienter må få tilbud om tolk ved utskrivning, og samtalen må planlegges.",
        DISCHARGE,
        FOLLOW_UP,
        True,
    ),
    (
        BODO_SLUG,
        "Jonas Lund",
        "jonas.lund@vagan.example",
        "1865",
        "Kommunene bør være med når sykehuset planlegger nye digitale løsninger, ikke etterpå.",
        DIGITAL,
        NEW,
        False,
    ),
]


def _community():
    return HealthCommunity.objects.filter(site__hostname="helse-nord.localhost").first()


def _themes(community) -> dict[str, Theme]:
    themes = {}
    for order, name in enumerate(THEMES, start=1):
        themes[name], _created = Theme.objects.get_or_create(
            community=community, name=name, defaults={"order": order}
        )
    return themes


def _registration(event, name, email, municipality_number):
    registration = Registration.objects.filter(event=event, email=email).first()
    if registration is None:
        organisation = Organisation.objects.filter(municipality_number=municipality_number).first()
        registration = Registration.objects.create(
            event=event,
            name=name,
            email=email,
            organisation=organisation,
            organisation_other="" if organisation else "Kommune",
            job_title="Rådgiver",
            status=RegistrationStatus.CONFIRMED,
            consent=True,
            language="nb",
            attended=True,
            token_hash=hash_token(f"demo/{event.slug}/{email}"),
        )
    return registration


def build() -> dict:
    series = EventSeriesPage.objects.filter(slug=SERIES_SLUG).first()
    events = {e.slug: e for e in EventPage.objects.filter(slug__in=[TROMSO_SLUG, BODO_SLUG])}
    if series is None or len(events) < 2:
        return {}
    themes = _themes(_community())
    from samhandling.hearings.pages import HearingPage

    hearing = HearingPage.objects.filter(slug=HEARING_SLUG).first()
    kept = None
    for slug, items in GROUP_INPUT.items():
        event = events[slug]
        for group, theme_names, status, text in items:
            item, created = Input.objects.get_or_create(
                event=event,
                source=InputSource.GROUP,
                group=group,
                text=text,
                defaults={
                    "status": status,
                    "published": True,
                    "hearing": hearing if status == USED else None,
                },
            )
            if created:
                item.themes.set([themes[name] for name in theme_names])
            if (slug, group) == (TROMSO_SLUG, "Gruppe 1") and DISCHARGE in theme_names:
                kept = item
            elif (slug, group) == DUPLICATE and kept is not None and created:
                Input.objects.filter(pk=item.pk).update(merged_into=kept, published=False)
    for slug, name, email, number, text, theme, status, published in PARTICIPANTS:
        registration = _registration(events[slug], name, email, number)
        item, created = Input.objects.get_or_create(
            event=events[slug],
            source=InputSource.PARTICIPANT,
            text=text,
            defaults={"registration": registration, "status": status, "published": published},
        )
        if created:
            item.themes.set([themes[theme]])
    for name, text in SUMMARIES.items():
        ThemeSummary.objects.get_or_create(
            theme=themes[name], series=series, defaults={"text": text, "published": True}
        )
    return {"series": series, "themes": themes}
