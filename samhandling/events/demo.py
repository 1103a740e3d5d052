"""Demo events. Helse Nord (bokmål): the dialogue conferences of autumn 2023 (seed 000), shown as
past, and a new round with the same rules dated relative to today, with a few sign-ups.
Helsefellesskap Møre og Romsdal (nynorsk): dialogue meetings on the draft cooperation agreement,
open for sign-up, so that the whole sign-up journey exists in nynorsk too.

Idempotent: a second run creates no rows or revisions. Dates relative to today are set only when
the page is created, so the upcoming round does not move (and make a revision) every day."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page

from samhandling.core.demo.builder import block_id, ensure_page, stream
from samhandling.organisations.models import Organisation

from .models import (
    EventFormat,
    EventIndexPage,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationKind,
    RegistrationStatus,
    hash_token,
)

OSLO = ZoneInfo("Europe/Oslo")

BODO_2023_VENUE = "Scandic Havet"
# The end of seed 000's page: a pointer to Helse Nord's pages on change and restructuring.
CHANGE_WORK_LINK = {
    "title": "Endring og omstilling i Helse Nord",
    "page": None,
    "url": "https://www.helse-nord.no/endring-og-omstilling-i-helse-nord",
    "description": (
        "Vi kan ikke lenger drive spesialisthelsetjenesten i Nord-Norge på samme måte som nå. "
        "Les hvorfor og få en oversikt over pågående endringsarbeid."
    ),
}


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


def meeting_day(day: datetime.date, *, after: datetime.date | None = None) -> datetime.date:
    """For demo events dated relative to today: the first Tuesday, Wednesday or Thursday from
    `day`, later than `after` (the previous event of the series), outside the Christmas break."""
    if after is not None and day <= after:
        day = after + datetime.timedelta(days=1)
    while day.weekday() not in (1, 2, 3) or not ((1, 4) <= (day.month, day.day) <= (12, 19)):
        day += datetime.timedelta(days=1)
    return day


def program(key: str) -> list[dict]:
    """The program of seed 000: two parts with a coffee break between them."""

    def items(part: str, titles: list[str]) -> list[dict]:
        return [
            {
                "type": "item",
                "value": {"time": None, "title": title, "speaker": ""},
                "id": block_id(key, part, str(n)),
            }
            for n, title in enumerate(titles)
        ]

    return stream(
        key,
        [
            (
                "part",
                {
                    "heading": "Del 1 Status for arbeidet",
                    "items": items(
                        "del-1",
                        [
                            "Innledning ved Helse Nord",
                            "Status for utredningsarbeidet",
                            "Presentasjon av status for arbeidet i gruppe 1-5, mer informasjon om "
                            "arbeidsgruppene",
                            "Presentasjon fra kommunalt koordineringsorgan",
                            "Spørmål fra salen til Helse Nord og kommunalt koordineringsorgan",
                        ],
                    ),
                },
            ),
            ("pause", {"time": None, "text": "pause med kaffe og noe å bite i"}),
            (
                "part",
                {
                    "heading": "Del 2 Dialog",
                    "items": items(
                        "del-2",
                        [
                            "Fortsetter med spørsmål fra salen",
                            "Åpen talerstol",
                            "Avslutning ved Marit Lind",
                        ],
                    ),
                },
            ),
        ],
    )


def _ensure_event(parent: Page, *, slug: str, dates: dict, **fields) -> EventPage:
    """Like ensure_page, but `dates` are only used when the page is created."""
    exists = parent.get_children().filter(slug=slug).exists()
    return ensure_page(parent, EventPage, slug=slug, **fields, **({} if exists else dates))


def _ensure_events_index(home: Page, *, slug: str, **fields) -> EventIndexPage:
    """The events index; an older demo had a plain content page here, which is replaced."""
    old = home.get_children().filter(slug=slug).first()
    if old is not None and old.specific_class is not EventIndexPage:
        old.delete()
    return ensure_page(home, EventIndexPage, slug=slug, **fields)


def _ensure_registrations(
    event: EventPage, people: list[tuple], *, language: str = "nb", other: str = "Nordlys"
) -> None:
    """people: (name, email, municipality number or "", job title, kind, status); someone
    without a municipality comes from the organisation `other` (the press)."""
    for name, email, municipality_number, title, kind, status in people:
        if Registration.objects.filter(event=event, email=email).exists():
            continue
        organisation = (
            Organisation.objects.filter(municipality_number=municipality_number).first()
            if municipality_number
            else None
        )
        Registration.objects.create(
            event=event,
            name=name,
            email=email,
            organisation=organisation,
            organisation_other="" if organisation else other,
            job_title=title,
            kind=kind,
            status=status,
            consent=True,
            language=language,
            token_hash=hash_token(f"demo/{event.slug}/{email}"),
        )


def build(*, home: Page, body_text: str, participants: str, summary: str) -> dict:
    organiser = Organisation.objects.filter(reference_key="helse-nord-rhf").first()
    index = _ensure_events_index(
        home,
        slug="arrangementer",
        title="Arrangementer",
        show_in_menus=True,
        lead="Dialogkonferanser og andre arrangementer for kommunene i Nord-Norge.",
    )
    common = {
        "format": EventFormat.ON_SITE,
        "streamed": False,
        "organiser": organiser,
        "contact_name": "Medievakt Helse Nord",
        "contact_email": "medievakt@helse-nord.no",
        "organiser_participants": participants,
        "program_may_change": True,
        "program_note": "Med forbehold om endringer i programmet.",
    }

    def pointer(slug: str) -> dict:
        # Like seed 000, each conference page ends with the pointer to Helse Nord's change work.
        return {"related_links": stream(f"hn/{slug}/lenker", [("link", CHANGE_WORK_LINK)])}

    lead = (
        "Helse Nord inviterer alle kommunene i Nord-Norge til dialogkonferanse om det pågående "
        "arbeidet med endring og omstilling i regionen."
    )
    autumn = ensure_page(
        index,
        EventSeriesPage,
        slug="dialogkonferanser-hosten-2023",
        title="Dialogkonferanser høsten 2023",
        lead=lead,
        max_per_organisation=2,
        one_event_per_organisation=True,
        body=stream("hn/dialog-2023", [("rich_text", body_text)]),
    )
    tromso = _ensure_event(
        autumn,
        slug="dialogkonferanse-i-tromso-med-kommuner",
        title="Dialogkonferanse i Tromsø med kommuner",
        lead=lead,
        dates={},
        start=at(datetime.date(2023, 10, 30), 12),
        end=at(datetime.date(2023, 10, 30), 15, 30),
        signup_deadline=at(datetime.date(2023, 10, 25), 23, 59),
        venue_name="Radisson Blu Hotel",
        venue_city="Tromsø",
        body=stream("hn/dialog-2023/tromso", [("rich_text", body_text + summary)]),
        program=program("hn/dialog-2023/tromso/program"),
        **pointer("dialog-2023/tromso"),
        **common,
    )
    bodo = _ensure_event(
        autumn,
        slug="dialogkonferanse-i-bodo-med-kommuner",
        title="Dialogkonferanse i Bodø med kommuner",
        lead=lead,
        dates={},
        start=at(datetime.date(2023, 11, 3), 12),
        end=at(datetime.date(2023, 11, 3), 15, 30),
        signup_deadline=at(datetime.date(2023, 10, 30), 23, 59),
        # Seed 000 names no venue in Bodø; the demo places it at a real conference hotel there.
        venue_name=BODO_2023_VENUE,
        venue_city="Bodø",
        body=stream("hn/dialog-2023/bodo", [("rich_text", body_text + summary)]),
        program=program("hn/dialog-2023/bodo/program"),
        **pointer("dialog-2023/bodo"),
        **common,
    )

    today = timezone.localdate()
    next_round = ensure_page(
        index,
        EventSeriesPage,
        slug="dialogkonferanser-ny-runde",
        title="Dialogkonferanser – ny runde",
        lead=(
            "Helse Nord inviterer kommunene til en ny runde dialogkonferanser om planen for "
            "funksjons- og oppgavedeling."
        ),
        max_per_organisation=2,
        one_event_per_organisation=True,
        body=stream(
            "hn/dialog-ny",
            [
                (
                    "rich_text",
                    "<p>Vi ber om at kommunene deltar med to deltakere, og velger selv hvilken "
                    "konferanse de ønsker å delta på (i Tromsø eller Bodø).</p>",
                )
            ],
        ),
    )
    upcoming = []
    day = None
    for slug, city, venue, days in [
        ("dialogkonferanse-tromso", "Tromsø", "Radisson Blu Hotel", 30),
        ("dialogkonferanse-bodo", "Bodø", BODO_2023_VENUE, 35),
    ]:
        day = meeting_day(today + datetime.timedelta(days=days), after=day)
        upcoming.append(
            _ensure_event(
                next_round,
                slug=slug,
                title=f"Dialogkonferanse i {city}",
                lead=f"Ny dialogkonferanse for kommunene i Nord-Norge, i {city}.",
                dates={
                    "start": at(day, 12),
                    "end": at(day, 15, 30),
                    "signup_deadline": at(day - datetime.timedelta(days=5), 23, 59),
                },
                venue_name=venue,
                venue_city=city,
                capacity=120,
                program=program(f"hn/dialog-ny/{slug}/program"),
                **pointer(f"dialog-ny/{slug}"),
                **common,
            )
        )
    participant, press = RegistrationKind.PARTICIPANT, RegistrationKind.PRESS
    confirmed, pending = RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING
    _ensure_registrations(
        upcoming[0],
        [
            (
                "Kari Nordmann",
                "kari.nordmann@tromso.example",
                "5501",
                "Kommuneoverlege",
                participant,
                confirmed,
            ),
            (
                "Ole Hansen",
                "ole.hansen@tromso.example",
                "5501",
                "Helse- og omsorgssjef",
                participant,
                confirmed,
            ),
            (
                "Ingrid Johansen",
                "ingrid.johansen@alta.example",
                "5601",
                "Kommunalsjef helse",
                participant,
                confirmed,
            ),
            (
                "Máret Sara",
                "maret.sara@karasjok.example",
                "5610",
                "Enhetsleder",
                participant,
                confirmed,
            ),
            ("Per Pressefolk", "per@nordlys.example", "", "Journalist", press, pending),
        ],
    )
    _ensure_registrations(
        upcoming[1],
        [
            ("Anne Berg", "anne.berg@bodo.example", "1804", "Kommunalsjef", participant, confirmed),
            ("Tor Nilsen", "tor.nilsen@narvik.example", "1806", "Fastlege", participant, confirmed),
        ],
    )
    return {
        "index": index,
        "series": autumn,
        "conference": tromso,
        "bodo": bodo,
        "next_round": next_round,
        "upcoming": upcoming,
    }


# Helsefellesskap Møre og Romsdal (nynorsk): dialogue meetings on the draft cooperation agreement.

MR_SERIES_TEXT = (
    "<p>Forhandlingsutvalet reviderer samarbeidsavtalen mellom Helse Møre og Romsdal HF og "
    "kommunane, med delavtalane. Før utkastet går på høyring hos partane, vil vi høyre korleis "
    "kommunane, helseføretaket, fastlegane og brukarrepresentantane ser på det.</p>"
    "<p>Vi held to like dialogmøte, i Molde og i Ålesund. Kvar kommune kan melde på to "
    "deltakarar, og vel sjølv kva for eitt av møta dei vil delta på.</p>"
    "<p>Innspela frå gruppearbeidet blir samla og lagde fram for forhandlingsutvalet og "
    "Strategisk samarbeidsutval (SSU).</p>"
)


def mr_program(key: str) -> list[dict]:
    """The program of a dialogue meeting, in nynorsk: two parts with lunch between them."""

    def items(part: str, rows: list[tuple[str, str, str]]) -> list[dict]:
        return [
            {
                "type": "item",
                "value": {"time": time, "title": title, "speaker": speaker},
                "id": block_id(key, part, str(n)),
            }
            for n, (time, title, speaker) in enumerate(rows)
        ]

    return stream(
        key,
        [
            (
                "part",
                {
                    "heading": "Del 1 Utkastet til ny samarbeidsavtale",
                    "items": items(
                        "del-1",
                        [
                            ("10:00:00", "Velkomen", "Felles samarbeidssekretariat"),
                            ("10:15:00", "Kva er nytt i hovudavtalen?", "Forhandlingsutvalet"),
                            (
                                "10:45:00",
                                "Delavtalane: kva endrar seg for kommunane og helseføretaket?",
                                "Forhandlingsutvalet",
                            ),
                        ],
                    ),
                },
            ),
            ("pause", {"time": "11:30:00", "text": "Lunsj"}),
            (
                "part",
                {
                    "heading": "Del 2 Dialog",
                    "items": items(
                        "del-2",
                        [
                            (
                                "12:15:00",
                                "Gruppearbeid: kva manglar, og kva må bli tydelegare?",
                                "",
                            ),
                            ("13:30:00", "Oppsummering frå gruppene", ""),
                            (
                                "14:00:00",
                                "Vegen vidare: høyring, tilråding i SSU og vedtak hos partane",
                                "Forhandlingsutvalet",
                            ),
                        ],
                    ),
                },
            ),
        ],
    )


def build_dialogue_meetings(*, home: Page) -> dict:
    """The events of Helsefellesskap Møre og Romsdal: a series of two dialogue meetings, dated
    relative to today when first created, open for sign-up, with a few sign-ups in nynorsk."""
    organiser = Organisation.objects.filter(reference_key="helse-more-og-romsdal-hf").first()
    index = _ensure_events_index(
        home,
        slug="arrangement",
        title="Arrangement",
        show_in_menus=True,
        lead="Dialogmøte og andre arrangement i Helsefellesskap Møre og Romsdal.",
    )
    series = ensure_page(
        index,
        EventSeriesPage,
        slug="dialogmote-om-samarbeidsavtalen",
        title="Dialogmøte om utkastet til ny samarbeidsavtale",
        lead=(
            "Forhandlingsutvalet inviterer kommunane og helseføretaket til dialogmøte om utkastet "
            "til revidert samarbeidsavtale, før avtalen går på høyring."
        ),
        max_per_organisation=2,
        one_event_per_organisation=True,
        body=stream("mr/dialogmote", [("rich_text", MR_SERIES_TEXT)]),
    )
    common = {
        "format": EventFormat.ON_SITE,
        "streamed": False,
        "organiser": organiser,
        "contact_name": "Felles samarbeidssekretariat",
        "contact_email": "sekretariat@more-og-romsdal.helsefellesskap.example",
        "organiser_participants": (
            "Frå forhandlingsutvalet deltek representantar for kommunane og helseføretaket."
        ),
        "program_may_change": True,
        "program_note": "Med atterhald om endringar i programmet.",
        "capacity": 80,
    }
    today = timezone.localdate()
    meetings = []
    day = None
    for slug, city, venue, days, area in [
        ("dialogmote-molde", "Molde", "Scandic Seilet", 28, "Romsdal og Nordmøre"),
        ("dialogmote-alesund", "Ålesund", "Scandic Parken", 35, "Sunnmøre"),
    ]:
        day = meeting_day(today + datetime.timedelta(days=days), after=day)
        meetings.append(
            _ensure_event(
                series,
                slug=slug,
                title=f"Dialogmøte i {city}",
                lead=(
                    f"Dialogmøte om utkastet til ny samarbeidsavtale, i {city}. Passar godt for "
                    f"kommunane i {area}, men alle kommunane kan velje dette møtet."
                ),
                dates={
                    "start": at(day, 10),
                    "end": at(day, 14, 30),
                    "signup_deadline": at(day - datetime.timedelta(days=7), 23, 59),
                },
                venue_name=venue,
                venue_city=city,
                program=mr_program(f"mr/dialogmote/{slug}/program"),
                **common,
            )
        )
    participant, press = RegistrationKind.PARTICIPANT, RegistrationKind.PRESS
    confirmed, pending = RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING
    _ensure_registrations(
        meetings[0],
        [
            (
                "Silje Rekdal",
                "silje.rekdal@molde.example",
                "1506",
                "Kommunalsjef helse og omsorg",
                participant,
                confirmed,
            ),
            (
                "Arne Strand",
                "arne.strand@molde.example",
                "1506",
                "Kommuneoverlege",
                participant,
                confirmed,
            ),
            (
                "Randi Eide",
                "randi.eide@hustadvika.example",
                "1579",
                "Einingsleiar heimetenesta",
                participant,
                confirmed,
            ),
            (
                "Knut Gjerde",
                "knut.gjerde@kristiansund.example",
                "1505",
                "Helse- og omsorgssjef",
                participant,
                confirmed,
            ),
        ],
        language="nn",
    )
    _ensure_registrations(
        meetings[1],
        [
            (
                "Ingvild Hjelle",
                "ingvild.hjelle@alesund.example",
                "1508",
                "Kommunalsjef",
                participant,
                confirmed,
            ),
            (
                "Oddvar Myklebust",
                "oddvar.myklebust@volda.example",
                "1577",
                "Fastlege",
                participant,
                confirmed,
            ),
            ("Eli Vik", "eli.vik@smp.example", "", "Journalist", press, pending),
        ],
        language="nn",
        other="Sunnmørsposten",
    )
    return {"index": index, "series": series, "events": meetings}
