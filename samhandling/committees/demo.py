"""Demo committees of Helsefellesskap Møre og Romsdal (nynorsk, seed 002): the structure page
"Utval" with partnarskapsmøtet, SSU, forhandlingsutvalet, an FSU and four LSU, fictitious people
from real organisations, the SSU meeting of 20 September 2023, the minutes of the one before, and
SSU's next meeting, about five weeks after the day the demo is first loaded.

Idempotent like the rest of the demo: a second run creates no rows and no revisions. The next
meeting's date is set only when the page is created, so it does not move (and make a revision)
every day; once that day has passed it is simply a past meeting without minutes."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page

from samhandling.core.demo.builder import ensure_page, ensure_pdf_document, stream
from samhandling.organisations.models import Organisation

from .agenda import AgendaItem, AgendaItemNumber
from .choices import CommitteeLevel as Level
from .choices import MeetingFormat, Represents
from .choices import MemberRole as Role
from .pages import CommitteeIndexPage, CommitteePage, MeetingPage
from .people import Membership, Person

OSLO = ZoneInfo("Europe/Oslo")
MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
NEXT_MEETING_IN_DAYS = 35
TERM_START = datetime.date(2023, 1, 1)
HF = "helse-more-og-romsdal-hf"
SECRETARIAT = (
    "<p>Felles samarbeidssekretariat, e-post "
    '<a href="mailto:sekretariat@more-og-romsdal.helsefellesskap.example">'
    "sekretariat@more-og-romsdal.helsefellesskap.example</a></p>"
)

# slug, parent slug, title, short name, level, lead, mandate, papers public
COMMITTEES = [
    (
        "partnarskapsmotet",
        None,
        "Partnarskapsmøtet",
        "",
        Level.PARTNERSHIP,
        "Det øvste organet i helsefellesskapet. Møtest ein gong i året og set retning.",
        "<p>Partnarskapsmøtet er politisk og administrativ toppleiing i kommunane og "
        "helseføretaket, saman med brukarrepresentantar. Det vedtek felles mål og prioriteringar "
        "for helsefellesskapet.</p>",
        True,
    ),
    (
        "ssu",
        "partnarskapsmotet",
        "Strategisk samarbeidsutval (SSU)",
        "SSU",
        Level.STRATEGIC,
        "Den administrative og faglege leiinga i kommunar og helseføretak, med "
        "brukarrepresentantar og praksiskonsulent/fastlege.",
        "<p>I SSU sit den administrative og faglege leiinga i kommunar innan helsefeltet og "
        "helseføretak saman med brukarrepresentantar og praksiskonsulent/fastlege. SSU følgjer "
        "opp felles handlingsplan og tilrår samarbeidsavtalen for partane.</p>",
        True,
    ),
    (
        "forhandlingsutvalet",
        "ssu",
        "Forhandlingsutvalet",
        "",
        Level.NEGOTIATION,
        "Reviderer samarbeidsavtalen og delavtalane etter ein vedteken plan med milepælar.",
        "<p>Forhandlingsutvalet reviderer samarbeidsavtalen og delavtalane. Målet er utkast til "
        "høyring i første halvdel av 2024. Saksdokumenta er ikkje offentlege under "
        "forhandlingane.</p>",
        False,
    ),
    (
        "fsu-psykisk-helse-og-rus",
        "ssu",
        "Fagleg samarbeidsutval for psykisk helse og rus (FSU)",
        "FSU",
        Level.PROFESSIONAL,
        "Samarbeid om tenester til personar med psykiske lidingar og rusproblem.",
        "<p>FSU arbeider med ei av dei prioriterte pasientgruppene og gir råd til SSU.</p>",
        True,
    ),
    *[
        (
            f"lsu-{slug}",
            "ssu",
            f"Lokalt samarbeidsutval {town} (LSU)",
            "LSU",
            Level.LOCAL,
            f"Samarbeid mellom sjukehuset og kommunane i {area}.",
            f"<p>LSU {town} samordnar samarbeidet mellom sjukehuset og kommunane i {area}, og "
            "har faste møte utover hausten.</p>",
            True,
        )
        for slug, town, area in [
            ("kristiansund", "Kristiansund", "Nordmøre"),
            ("molde", "Molde", "Romsdal"),
            ("alesund", "Ålesund", "Sunnmøre nord"),
            ("volda", "Volda", "Søre Sunnmøre"),
        ]
    ],
]

# name, title, e-mail local part, show e-mail
PEOPLE = {
    "ingrid": ("Ingrid Leirvåg", "Kommunalsjef helse og omsorg", "ingrid.leirvag", True),
    "terje": ("Terje Brekkestø", "Fagdirektør", "terje.brekkesto", True),
    "solveig": ("Solveig Myklebust", "Brukarrepresentant", "", False),
    "anders": ("Anders Fjørtoft", "Praksiskonsulent og fastlege", "anders.fjortoft", False),
    "marit": ("Marit Hoem Sande", "Kommunalsjef", "marit.sande", True),
    "kjell": ("Kjell Aarseth", "Klinikksjef", "kjell.aarseth", False),
    "randi": ("Randi Vike", "Rådgjevar, felles samarbeidssekretariat", "randi.vike", True),
    "oddny": ("Oddny Skaar", "Hovudtillitsvald", "", False),
    "per": ("Per Ivar Lyngstad", "Kommunedirektør", "per.lyngstad", True),
    "hilde": ("Hilde Nerland", "Seniorrådgjevar, KS Møre og Romsdal", "", False),
    "jon": ("Jon Gjerde", "Einingsleiar psykisk helse og rus", "jon.gjerde", False),
    "lise": ("Lise Tafjord", "Avdelingssjef, psykisk helsevern", "", False),
    "eva": ("Eva Rønneberg", "Brukarrepresentant, Mental Helse", "", False),
    "bjorn": ("Bjørn Ulvestad", "Helse- og omsorgssjef", "bjorn.ulvestad", True),
    "gunn": ("Gunn Strand", "Fastlege", "", False),
    "nils": ("Nils Vartdal", "Kommunalsjef", "", False),
    "trude": ("Trude Ødegård", "Seksjonsleiar", "", False),
}

# committee slug, person, role, represents, organisation (municipality number or "hf"), start, end
MEMBERSHIPS = [
    ("partnarskapsmotet", "per", Role.LEADER, Represents.MUNICIPALITIES, "1506", None, None),
    ("partnarskapsmotet", "terje", Role.DEPUTY_LEADER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("partnarskapsmotet", "solveig", Role.MEMBER, Represents.USERS, None, None, None),
    ("partnarskapsmotet", "randi", Role.SECRETARY, Represents.OTHER, None, None, None),
    ("ssu", "ingrid", Role.LEADER, Represents.MUNICIPALITIES, "1508", None, None),
    ("ssu", "terje", Role.DEPUTY_LEADER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("ssu", "marit", Role.MEMBER, Represents.MUNICIPALITIES, "1505", None, None),
    ("ssu", "kjell", Role.MEMBER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("ssu", "anders", Role.MEMBER, Represents.GPS, None, None, None),
    ("ssu", "solveig", Role.MEMBER, Represents.USERS, None, None, None),
    ("ssu", "oddny", Role.MEMBER, Represents.EMPLOYEES, "hf", None, None),
    ("ssu", "nils", Role.DEPUTY_MEMBER, Represents.MUNICIPALITIES, "1577", None, None),
    ("ssu", "randi", Role.SECRETARY, Represents.OTHER, None, None, None),
    # Left SSU when the term of the municipalities' representatives changed: stays in history.
    (
        "ssu",
        "bjorn",
        Role.MEMBER,
        Represents.MUNICIPALITIES,
        "1577",
        datetime.date(2020, 1, 1),
        datetime.date(2022, 12, 31),
    ),
    ("forhandlingsutvalet", "per", Role.LEADER, Represents.MUNICIPALITIES, "1506", None, None),
    ("forhandlingsutvalet", "kjell", Role.MEMBER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("forhandlingsutvalet", "hilde", Role.MEMBER, Represents.KS, None, None, None),
    ("forhandlingsutvalet", "randi", Role.SECRETARY, Represents.OTHER, None, None, None),
    ("fsu-psykisk-helse-og-rus", "jon", Role.LEADER, Represents.MUNICIPALITIES, "1508", None, None),
    ("fsu-psykisk-helse-og-rus", "lise", Role.MEMBER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("fsu-psykisk-helse-og-rus", "eva", Role.MEMBER, Represents.USERS, None, None, None),
    ("lsu-kristiansund", "marit", Role.LEADER, Represents.MUNICIPALITIES, "1505", None, None),
    ("lsu-kristiansund", "trude", Role.MEMBER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("lsu-molde", "bjorn", Role.LEADER, Represents.MUNICIPALITIES, "1506", None, None),
    ("lsu-molde", "kjell", Role.MEMBER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("lsu-molde", "gunn", Role.MEMBER, Represents.GPS, None, None, None),
    ("lsu-alesund", "ingrid", Role.LEADER, Represents.MUNICIPALITIES, "1508", None, None),
    ("lsu-alesund", "lise", Role.MEMBER, Represents.HOSPITAL_TRUST, "hf", None, None),
    ("lsu-volda", "nils", Role.LEADER, Represents.MUNICIPALITIES, "1577", None, None),
    ("lsu-volda", "trude", Role.MEMBER, Represents.HOSPITAL_TRUST, "hf", None, None),
]


def _oslo(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)


def _organisation(code):
    if code is None:
        return None
    if code == "hf":
        return Organisation.objects.get(reference_key=HF)
    return Organisation.objects.get(municipality_number=code)


def _ensure(model, lookup: dict, values: dict):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance


def _ensure_people() -> dict[str, Person]:
    people = {}
    for key, (name, title, mailbox, show_email) in PEOPLE.items():
        email = f"{mailbox}@demo.helsefellesskap.example" if mailbox else ""
        people[key] = _ensure(
            Person, {"name": name}, {"title": title, "email": email, "show_email": show_email}
        )
    return people


def _ensure_memberships(committees: dict, people: dict) -> None:
    for slug, person, role, represents, organisation, start, end in MEMBERSHIPS:
        _ensure(
            Membership,
            {"person": people[person], "committee": committees[slug], "role": role},
            {
                "represents": represents,
                "organisation": _organisation(organisation),
                "term_start": start or TERM_START,
                "term_end": end,
            },
        )


def _snapshot(item: AgendaItem) -> dict:
    return {
        "number": item.number,
        "title": item.title,
        "description": item.description,
        "papers": list(item.papers.raw_data),
        "minutes": item.minutes,
        "decision": item.decision,
        "follow_up": item.follow_up,
        "follow_up_owner": item.follow_up_owner,
        "follow_up_due": item.follow_up_due,
        "follow_up_status": item.follow_up_status,
        "follows_up_id": item.follows_up_id,
    }


def _ensure_agenda(meeting: MeetingPage, wanted: list[dict], *, numbered: bool = True) -> None:
    """Agenda items with the given numbers (meetings that predate Samhandling), or numbered by
    Samhandling when they are first saved (`numbered=False`; items are then known by title)."""
    defaults = _snapshot(AgendaItem(papers=[]))
    wanted = [{**defaults, **item} for item in wanted]
    existing = list(meeting.agenda_items.all())
    current = [_snapshot(item) for item in existing]
    if not numbered:
        for values in (*current, *wanted):
            values.pop("number")
    if current == wanted:
        return
    known = {(item.number if numbered else item.title): item for item in existing}
    items = []
    for values in wanted:
        item = known.get(values["number"] if numbered else values["title"]) or AgendaItem()
        for name, value in values.items():
            setattr(item, name, value)
        items.append(item)
    meeting.agenda_items = items
    meeting.save_revision().publish()


def _paper(title: str, lines: list[str]):
    return ensure_pdf_document(title=title, lines=lines)


def _paper_stream(key: str, documents) -> list[dict]:
    return stream(
        key,
        [("document", {"document": doc.pk, "title": "", "description": ""}) for doc in documents],
    )


def _ssu_meetings(ssu: CommitteePage) -> MeetingPage:
    june = ensure_page(
        ssu,
        MeetingPage,
        slug="2023-06-07",
        title="Møte i SSU 7. juni 2023",
        start=_oslo(2023, 6, 7, 10, 0),
        end=_oslo(2023, 6, 7, 14, 0),
        format=MeetingFormat.ON_SITE,
        place="Molde sjukehus, møterom Romsdalen",
        theme="Felles handlingsplan",
        minutes=(
            "<p>Til stades: leiar Ingrid Leirvåg, nestleiar Terje Brekkestø, Marit Hoem Sande, "
            "Kjell Aarseth, Anders Fjørtoft, Solveig Myklebust og Oddny Skaar. Referent: Randi "
            "Vike.</p><p>Referatet vart godkjent i møtet 20. september 2023.</p>"
        ),
        minutes_published=True,
    )
    _ensure_agenda(
        june,
        [
            {
                "number": 6,
                "title": "Godkjenning av innkalling og sakliste",
                "decision": "<p>Innkalling og sakliste er godkjent.</p>",
            },
            {
                "number": 7,
                "title": "Felles handlingsplan for helsefellesskapet",
                "description": "<p>Utkast til felles handlingsplan med tiltak for dei "
                "prioriterte pasientgruppene.</p>",
                "minutes": "<p>Sekretariatet la fram utkastet. Utvalet ønskjer færre og meir "
                "konkrete tiltak, med ansvarleg og frist for kvart tiltak.</p>",
                "decision": "<p>SSU ber sekretariatet revidere handlingsplanen etter innspela i "
                "møtet og leggje han fram for vedtak i møtet 20. september 2023.</p>",
                "follow_up": True,
                "follow_up_owner": "Felles samarbeidssekretariat",
                "follow_up_due": datetime.date(2023, 9, 20),
                "follow_up_status": "done",
            },
            {
                "number": 8,
                "title": "Temabaserte møte i SSU",
                "minutes": "<p>Utvalet drøfta korleis møta kan bli meir temabaserte.</p>",
                "decision": "<p>Frå hausten 2023 har kvart møte i SSU eit tema. Tema for møtet "
                "20. september 2023 er samhandling knytt til e-helse og teknologi.</p>",
            },
            {
                "number": 9,
                "title": "Rapportering på avvik i samhandlinga",
                "minutes": "<p>Avviksmeldingane frå første halvår viser at dei fleste gjeld "
                "utskrivingar og manglande epikrise.</p>",
                "decision": "<p>LSU-a gjennomgår avvika i sitt område og melder tilbake til SSU "
                "med forslag til tiltak.</p>",
                "follow_up": True,
                "follow_up_owner": "Leiarane av LSU",
                "follow_up_due": datetime.date(2023, 12, 1),
            },
        ],
    )

    paper_e_health = _paper(
        "Saksframlegg SSU sak 11/2023 E-helse og teknologi i samhandlinga",
        [
            "Saksframlegg til SSU 20.09.2023",
            "Sak 11/2023 Samhandling knytt til e-helse og teknologi",
            "",
            "Tema: kjernejournal, pasientens legemiddelliste og elektroniske meldingar",
            "mellom kommunane, fastlegane og Helse Møre og Romsdal HF.",
            "",
            "Demo: plasshaldar for saksframlegget.",
        ],
    )
    paper_plan = _paper(
        "Saksframlegg SSU sak 12/2023 Felles handlingsplan",
        [
            "Saksframlegg til SSU 20.09.2023",
            "Sak 12/2023 Felles handlingsplan 2023-2024",
            "",
            "Demo: plasshaldar for saksframlegget.",
        ],
    )
    september = ensure_page(
        ssu,
        MeetingPage,
        slug="2023-09-20",
        title="Møte i SSU 20. september 2023",
        start=_oslo(2023, 9, 20, 10, 0),
        end=_oslo(2023, 9, 20, 15, 0),
        format=MeetingFormat.HYBRID,
        place="Ålesund sjukehus, auditoriet, og Teams",
        theme="Samhandling knytt til e-helse og teknologi",
        lead="Første møte i haust i SSU, med tema samhandling knytt til e-helse og teknologi.",
        minutes="<p>Til stades: alle faste medlemar utanom brukarrepresentanten, som møtte ved "
        "vara. Referatet vart godkjent i neste møte.</p>",
        minutes_published=True,
    )
    _ensure_agenda(
        september,
        [
            {
                "number": 10,
                "title": "Godkjenning av innkalling, sakliste og referat frå 7. juni",
                "decision": "<p>Innkalling, sakliste og referat frå 7. juni vart godkjende.</p>",
            },
            {
                "number": 11,
                "title": "Samhandling knytt til e-helse og teknologi",
                "description": "<p>Tema for møtet. Innleiingar om velferdsteknologi, digital "
                "heimeoppfølging og meldingsutveksling mellom kommunane og helseføretaket.</p>",
                "papers": _paper_stream("mr/ssu/sak-11-2023", [paper_e_health]),
                "minutes": "<p>Innleiingane synte at kommunane har kome ulikt langt med digital "
                "heimeoppfølging, og at meldingsutvekslinga framleis har manglar ved "
                "innlegging og utskriving.</p>",
                "decision": "<p>SSU ber fagleg samarbeidsutval for e-helse kartleggje korleis "
                "digital heimeoppfølging er teken i bruk i kommunane og i helseføretaket, og "
                "leggje fram forslag til felles tiltak for SSU.</p>",
                "follow_up": True,
                "follow_up_owner": "Felles samarbeidssekretariat",
                "follow_up_due": datetime.date(2024, 3, 1),
            },
            {
                "number": 12,
                "title": "Felles handlingsplan for Helsefellesskap Møre og Romsdal",
                "description": "<p>Revidert handlingsplan etter innspela i møtet 7. juni "
                "(sak 7/2023).</p>",
                "papers": _paper_stream("mr/ssu/sak-12-2023", [paper_plan]),
                "decision": "<p>SSU vedtek revidert felles handlingsplan 2023–2024 med dei "
                "endringane som kom fram i møtet.</p>",
            },
            {
                "number": 13,
                "title": "Status for revisjon av samarbeidsavtalen",
                "description": "<p>Orientering frå forhandlingsutvalet om plan og milepælar. "
                "Målet er utkast til høyring i første halvdel av 2024.</p>",
                "decision": "<p>Orienteringa vart teken til vitande.</p>",
            },
        ],
    )
    return june


def _next_ssu_meeting(ssu: CommitteePage, *, june: MeetingPage) -> MeetingPage:
    """SSU's next meeting, on site, with a theme and an agenda; no minutes yet. One item follows
    up the open decision of the June meeting (case 9/2023) and links to it."""
    exists = ssu.get_children().filter(slug="neste-mote").exists()
    day = timezone.localdate() + datetime.timedelta(days=NEXT_MEETING_IN_DAYS)
    dates = {
        "title": f"Møte i SSU {day.day}. {MONTHS[day.month - 1]} {day.year}",
        "start": _oslo(day.year, day.month, day.day, 10, 0),
        "end": _oslo(day.year, day.month, day.day, 14, 0),
    }
    meeting = ensure_page(
        ssu,
        MeetingPage,
        slug="neste-mote",
        format=MeetingFormat.ON_SITE,
        place="Kristiansund sjukehus, møterom Nordmøre",
        theme="Utskrivingsklare pasientar og samhandling ved utskriving",
        lead="Neste møte i SSU, med tema utskrivingsklare pasientar og samhandling ved "
        "utskriving frå sjukehuset.",
        minutes="",
        minutes_published=False,
        **({} if exists else dates),
    )
    paper = _paper(
        "Saksframlegg SSU Utskrivingsklare pasientar",
        [
            "Saksframlegg til SSU",
            "Utskrivingsklare pasientar og samhandling ved utskriving",
            "",
            "Demo: plasshaldar for saksframlegget.",
        ],
    )
    _ensure_agenda(
        meeting,
        [
            {"title": "Godkjenning av innkalling, sakliste og referat frå førre møte"},
            {
                "title": "Utskrivingsklare pasientar og samhandling ved utskriving",
                "description": "<p>Tema for møtet. Status for utskrivingsklare pasientar i "
                "kommunane og på sjukehuset, og forslag til felles rutine for utskriving.</p>",
                "papers": _paper_stream("mr/ssu/neste-mote/utskriving", [paper]),
            },
            {
                "title": "Oppfølging av avvik i samhandlinga",
                "follows_up_id": AgendaItemNumber.objects.get(
                    committee=ssu, year=2023, number=9
                ).pk,
                "description": "<p>LSU-a melder tilbake om avvika i sitt område, jf. vedtaket "
                f'i <a linktype="page" id="{june.pk}">sak 9/2023 i møtet 7. juni 2023</a>. '
                "Oppfølginga er ikkje avslutta.</p>",
            },
            {
                "title": "Orientering om revisjonen av samarbeidsavtalen",
                "description": "<p>Forhandlingsutvalet orienterer om høyringa av utkastet til "
                "ny samarbeidsavtale og delavtalar.</p>",
            },
        ],
        numbered=False,
    )
    return meeting


def build(*, home: Page) -> dict:
    structure = ensure_page(
        home,
        CommitteeIndexPage,
        slug="utval",
        title="Utval",
        show_in_menus=True,
        lead="Utvala i Helsefellesskap Møre og Romsdal, med mandat, medlemar, møte og referat.",
        intro=(
            "<p>Over 200 representantar frå alle kommunane, helseføretaket, fastlegar og ulike "
            "brukarrepresentantar møtest fast i utvala.</p>"
        ),
    )
    committees: dict[str, CommitteePage] = {}
    for slug, parent, title, short_name, level, lead, mandate, papers_public in COMMITTEES:
        committees[slug] = ensure_page(
            committees[parent] if parent else structure,
            CommitteePage,
            slug=slug,
            title=title,
            short_name=short_name,
            level=level,
            lead=lead,
            mandate=mandate,
            contact=SECRETARIAT,
            papers_public=papers_public,
        )
    _ensure_memberships(committees, _ensure_people())
    june = _ssu_meetings(committees["ssu"])
    _next_ssu_meeting(committees["ssu"], june=june)
    return {"structure": structure, **committees}
