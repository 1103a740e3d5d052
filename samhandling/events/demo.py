"""Demo events for Helse Nord (bokmål): the dialogue conferences of autumn 2023 (seed 000), shown
as past, and a new round with the same rules dated relative to today, with a few sign-ups.

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


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


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


def _ensure_events_index(home: Page, **fields) -> EventIndexPage:
    """The events index; an older demo had a plain content page here, which is replaced."""
    old = home.get_children().filter(slug="arrangementer").first()
    if old is not None and old.specific_class is not EventIndexPage:
        old.delete()
    return ensure_page(home, EventIndexPage, slug="arrangementer", **fields)


def _ensure_registrations(event: EventPage, people: list[tuple]) -> None:
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
            organisation_other="" if organisation else "Nordlys",
            job_title=title,
            kind=kind,
            status=status,
            consent=True,
            language="nb",
            token_hash=hash_token(f"demo/{event.slug}/{email}"),
        )


def build(*, home: Page, body_text: str, participants: str, summary: str) -> dict:
    organiser = Organisation.objects.filter(reference_key="helse-nord-rhf").first()
    index = _ensure_events_index(
        home,
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
        venue_city="Bodø",
        body=stream("hn/dialog-2023/bodo", [("rich_text", body_text + summary)]),
        program=program("hn/dialog-2023/bodo/program"),
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
    for slug, city, venue, days in [
        ("dialogkonferanse-tromso", "Tromsø", "Radisson Blu Hotel", 30),
        ("dialogkonferanse-bodo", "Bodø", "Scandic Havet", 35),
    ]:
        day = today + datetime.timedelta(days=days)
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
        "upcoming": upcoming,
    }
