"""Demo agreements of Helsefellesskap Møre og Romsdal (nynorsk, seed 002): the samarbeidsavtale
with five delavtalar, the version of 2019 in force and adopted by every party, the revised draft
of 2024 in negotiation (which no party has adopted: a text still being negotiated cannot be), the
forhandlingsutval's revision plan with milestones, and the joint action plan (felles
handlingsplan) with its measures. Delavtale 2 was revised ahead of the rest: its revision of 2024
is recommended by SSU, and the parties are adopting it one by one.

The names of the delavtalar follow the minimum points of helse- og omsorgstenestelova § 6-2;
their content is made up for the demo. Idempotent like the rest of the demo: a second run
creates no rows and no revisions."""

import datetime

from django.db.models import Q
from wagtail.models import Page

from samhandling.committees.agenda import AgendaItemNumber
from samhandling.committees.pages import CommitteePage, MeetingPage
from samhandling.core.demo.builder import ensure_page, ensure_pdf_document
from samhandling.organisations.models import Organisation

from .choices import MeasureStatus, VersionStatus
from .pages import ActionPlanPage, AgreementPage
from .plans import Measure, Milestone
from .versions import Adoption, AgreementVersion

HF = "helse-more-og-romsdal-hf"
HF_BOARD = "Styret i Helse Møre og Romsdal HF"
COUNCIL = "Kommunestyret"
# Haram was part of Ålesund until 2024; it adopted the agreements in force when re-established.
REESTABLISHED = {"1580": datetime.date(2024, 3, 14)}
# Delavtale 2, revised ahead of the rest and recommended by SSU, is being adopted by the parties.
EARLY_REVISION = 2
EARLY_REVISION_LABEL = "Revidert 2024"
# The municipalities that have adopted it so far.
EARLY_ADOPTERS = {
    "1506": datetime.date(2024, 9, 19),
    "1508": datetime.date(2024, 10, 17),
    "1577": datetime.date(2024, 10, 24),
    "1505": datetime.date(2024, 11, 7),
}
DEMO_NOTE = (
    "Demo: namnet følgjer minstekrava i helse- og omsorgstenestelova § 6-2; innhaldet er oppdikta."
)

SUB_AGREEMENTS = [
    (
        1,
        "Samarbeid om innlegging, utskriving, habilitering, rehabilitering og lærings- og "
        "meistringstilbod",
    ),
    (2, "Samarbeid om tilbod om døgnopphald for øyeblikkeleg hjelp i kommunane"),
    (
        3,
        "Samarbeid om kunnskapsoverføring, informasjonsutveksling, faglege nettverk og hospitering",
    ),
    (4, "Samarbeid om forsking, utdanning, praksis og læretid"),
    (5, "Samarbeid om førebygging, beredskapsplanar og den akuttmedisinske kjeda"),
]

# title, due, done, description
MILESTONES = [
    (
        "Plan og milepælar for revisjonen vedteken i forhandlingsutvalet",
        datetime.date(2023, 2, 1),
        datetime.date(2023, 1, 26),
        "Forhandlingsutvalet møtest jamleg etter planen.",
    ),
    (
        "Innspel frå partane til revisjonen samla inn",
        datetime.date(2023, 5, 31),
        datetime.date(2023, 6, 5),
        "Kommunane, helseføretaket, fastlegane og brukarrepresentantane har sendt innspel.",
    ),
    (
        "Status for revisjonen lagd fram for SSU",
        datetime.date(2023, 9, 20),
        datetime.date(2023, 9, 20),
        "Orientering i møtet i SSU 20. september 2023 (sak 13/2023).",
    ),
    (
        "Utkast til hovudavtale og delavtalar klart til høyring",
        datetime.date(2024, 6, 30),
        None,
        "Målet var ferdigstilling av utkast til hovudavtalen og tilhøyrande delavtalar til "
        "høyring i første halvdel av 2024.",
    ),
    (
        "Høyring hos partane (åtte veker)",
        datetime.date(2027, 2, 28),
        None,
        "",
    ),
    ("Tilråding frå SSU", datetime.date(2027, 4, 30), None, ""),
    (
        "Vedtak i kommunestyra og i styret i helseføretaket",
        datetime.date(2027, 6, 30),
        None,
        "",
    ),
]

# title, theme, description, owner (organisation reference/number or committee slug), deadline,
# status, meeting slug
MEASURES = [
    (
        "Felles rutine for digital heimeoppfølging",
        "E-helse og teknologi",
        "Kommunane og helseføretaket lagar ei felles rutine for kven som følgjer opp pasientar "
        "med digital heimeoppfølging.",
        ("committee", "ssu"),
        datetime.date(2024, 6, 30),
        MeasureStatus.IN_PROGRESS,
        "2023-09-20",
    ),
    (
        "Meldingsutveksling mellom kommunane og helseføretaket i alle kommunar",
        "E-helse og teknologi",
        "",
        ("organisation", HF),
        datetime.date(2023, 12, 31),
        MeasureStatus.DONE,
        "2023-06-07",
    ),
    (
        "Felles forløp for barn og unge med samansette behov",
        "Barn og unge",
        "",
        ("committee", "lsu-alesund"),
        datetime.date(2027, 6, 30),
        MeasureStatus.NOT_STARTED,
        "2023-06-07",
    ),
    (
        "Ambulante team for personar med alvorlege psykiske lidingar og rusproblem",
        "Personar med alvorlege psykiske lidingar og rusproblem",
        "",
        ("committee", "fsu-psykisk-helse-og-rus"),
        datetime.date(2027, 12, 31),
        MeasureStatus.IN_PROGRESS,
        "2023-06-07",
    ),
    (
        "Gjennomgang av avvik ved utskriving av skrøpelege eldre",
        "Skrøpelege eldre",
        "LSU-a gjennomgår avvika i sitt område og melder tilbake til SSU.",
        ("committee", "lsu-molde"),
        datetime.date(2023, 12, 1),
        MeasureStatus.IN_PROGRESS,
        "2023-06-07",
    ),
    (
        "Felles kompetanseplan for personar med fleire kroniske lidingar",
        "Personar med fleire kroniske lidingar",
        "Erstatta av arbeidet med dei faglege samarbeidsutvala.",
        ("organisation", "1506"),
        datetime.date(2024, 3, 1),
        MeasureStatus.CANCELLED,
        "",
    ),
]


def _parties() -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            Q(county="Møre og Romsdal", kind="kommune") | Q(reference_key=HF)
        ).order_by("name")
    )


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


# A version in these states is not yet for the parties to adopt.
NOT_ADOPTABLE = (VersionStatus.DRAFT, VersionStatus.IN_NEGOTIATION, VersionStatus.ON_HEARING)


def _ensure_adoptions(version: AgreementVersion, wanted: dict) -> None:
    """wanted: organisation -> (date, body). A version that is not yet up for adoption loses
    adoptions that an older demo gave it."""
    if version.status in NOT_ADOPTABLE:
        stale = version.adoptions.exclude(organisation__in=[o.pk for o in wanted])
        if stale.exists():
            stale.delete()
    existing = {a.organisation_id: a for a in version.adoptions.all()}
    missing = []
    for organisation, (adopted_on, body) in wanted.items():
        adoption = existing.get(organisation.pk)
        if adoption is None:
            missing.append(
                Adoption(
                    version=version, organisation=organisation, adopted_on=adopted_on, body=body
                )
            )
        elif (adoption.adopted_on, adoption.body) != (adopted_on, body):
            adoption.adopted_on, adoption.body = adopted_on, body
            adoption.save(update_fields=["adopted_on", "body"])
    Adoption.objects.bulk_create(missing)


def _adopted_by_all_2019(parties: list[Organisation], offset: int) -> dict:
    wanted = {}
    for n, party in enumerate(parties):
        if party.reference_key == HF:
            wanted[party] = (datetime.date(2019, 5, 23), HF_BOARD)
        elif party.municipality_number in REESTABLISHED:
            wanted[party] = (REESTABLISHED[party.municipality_number], COUNCIL)
        else:
            wanted[party] = (datetime.date(2019, 6, 3 + (n + offset) % 20), COUNCIL)
    return wanted


def _ensure_versions(agreement: AgreementPage, parties: list, *, number: int | None):
    """The versions of the agreement (number None) or of delavtale `number`."""
    document = None
    if number is None:
        document = ensure_pdf_document(
            title="Samarbeidsavtale Helse Møre og Romsdal HF og kommunane 2019",
            lines=[
                "Samarbeidsavtale mellom Helse Møre og Romsdal HF og kommunane",
                "Versjon 2019",
                "",
                "Demo: plasshaldar for avtaleteksten.",
            ],
        )
    in_force = _ensure(
        AgreementVersion,
        {"agreement": agreement, "label": "2019"},
        {
            "dated": datetime.date(2019, 5, 15),
            "status": VersionStatus.IN_FORCE,
            "in_force_from": datetime.date(2019, 7, 1),
            "text": "<p>Avtalen som gjeld, vedteken av alle partane i 2019.</p>",
            "document": document,
        },
    )
    _ensure_adoptions(in_force, _adopted_by_all_2019(parties, number or 0))
    if number == EARLY_REVISION:
        _ensure_early_revision(agreement, parties)
        return
    draft = _ensure(
        AgreementVersion,
        {"agreement": agreement, "label": "Revidert utkast 2024"},
        {
            "dated": datetime.date(2024, 5, 15),
            "status": VersionStatus.IN_NEGOTIATION,
            "in_force_from": None,
            "text": "<p>Forhandlingsutvalet sitt utkast til revidert avtale. Teksten kan endre "
            "seg i forhandlingane.</p>",
            "document": None,
        },
    )
    _ensure_adoptions(draft, {})


def _ensure_early_revision(agreement: AgreementPage, parties: list) -> None:
    """Delavtale 2's revision of 2024: recommended by SSU, adopted so far by EARLY_ADOPTERS. (An
    older demo had it as a draft in negotiation; that row becomes this version.)"""
    versions = AgreementVersion.objects.filter(agreement=agreement)
    if not versions.filter(label=EARLY_REVISION_LABEL).exists():
        versions.filter(label="Revidert utkast 2024").update(label=EARLY_REVISION_LABEL)
    revision = _ensure(
        AgreementVersion,
        {"agreement": agreement, "label": EARLY_REVISION_LABEL},
        {
            "dated": datetime.date(2024, 6, 12),
            "status": VersionStatus.RECOMMENDED,
            "in_force_from": None,
            "text": "<p>Delavtalen er revidert før resten av avtaleverket og tilrådd av SSU. "
            "Partane vedtek han no kvar for seg; han gjeld når alle partane har vedteke han."
            "</p>",
            "document": None,
        },
    )
    by_number = {p.municipality_number: p for p in parties if p.municipality_number}
    _ensure_adoptions(
        revision,
        {by_number[number]: (day, COUNCIL) for number, day in EARLY_ADOPTERS.items()},
    )


def _ensure_rows(page: Page, relation: str, model, fields: list[str], wanted: list[dict]) -> None:
    """Child rows of a page (milestones, measures), published in a revision only when they
    differ from `wanted`."""

    def snapshot(row) -> dict:
        return {name: getattr(row, name) for name in fields}

    if [snapshot(row) for row in getattr(page, relation).all()] == wanted:
        return
    setattr(page, relation, [model(sort_order=n, **values) for n, values in enumerate(wanted)])
    page.save_revision().publish()


def _milestones(agreement: AgreementPage) -> None:
    _ensure_rows(
        agreement,
        "milestones",
        Milestone,
        ["title", "due", "done_on", "description"],
        [
            {"title": title, "due": due, "done_on": done, "description": description}
            for title, due, done, description in MILESTONES
        ],
    )


def _owner(kind: str, key: str, home: Page) -> dict:
    if kind == "committee":
        committee = CommitteePage.objects.descendant_of(home).get(slug=key)
        return {"owner_organisation_id": None, "owner_committee_id": committee.pk}
    organisation = Organisation.objects.get(Q(reference_key=key) | Q(municipality_number=key))
    return {"owner_organisation_id": organisation.pk, "owner_committee_id": None}


def _action_plan(home: Page) -> ActionPlanPage:
    plan = ensure_page(
        home,
        ActionPlanPage,
        slug="handlingsplan",
        title="Felles handlingsplan",
        lead="Tiltaka i den felles handlingsplanen for Helsefellesskap Møre og Romsdal, med "
        "ansvarleg, frist og status.",
        intro="<p>SSU følgjer opp handlingsplanen. Tiltaka er ordna etter tema og dei "
        "prioriterte pasientgruppene.</p>",
    )
    meetings = {m.slug: m.pk for m in MeetingPage.objects.descendant_of(home)}
    # The action plan's cases in SSU: 7/2023 in June (the plan), 12/2023 in September (revised).
    cases = {
        case.meeting.slug: case.pk
        for case in AgendaItemNumber.objects.filter(
            committee__slug="ssu", year=2023, number__in=(7, 12), meeting__isnull=False
        ).select_related("meeting")
        if case.meeting.is_descendant_of(home)
    }
    wanted = [
        {
            "title": title,
            "theme": theme,
            "description": description,
            **_owner(*owner, home),
            "deadline": deadline,
            "status": status,
            "decision_id": meetings.get(meeting),
            "decision_case_id": cases.get(meeting),
        }
        for title, theme, description, owner, deadline, status, meeting in MEASURES
    ]
    _ensure_rows(plan, "measures", Measure, list(wanted[0]), wanted)
    return plan


def build(*, home: Page) -> dict:
    # The agreement pages replace the plain content page of the first demo.
    for stale in home.get_children().filter(slug="samarbeidsavtalen").not_type(AgreementPage):
        stale.delete()
    agreement = ensure_page(
        home,
        AgreementPage,
        slug="samarbeidsavtalen",
        title="Samarbeidsavtalen",
        official_title="Samarbeidsavtale mellom Helse Møre og Romsdal HF og kommunane",
        show_in_menus=True,
        number=None,
        lead="Samarbeidsavtalen mellom Helse Møre og Romsdal HF og kommunane, med delavtalar, "
        "er under revisjon.",
        intro="<p>Forhandlingsutvalet er godt i gang med revisjon av samarbeidsavtalen med "
        "jamlege møte etter beslutta plan og milepælar. Det er mål om ferdigstilling av utkast "
        "til hovudavtalen og tilhøyrande delavtalar til høyring i første halvdel av 2024.</p>",
    )
    parties = _parties()
    _ensure_versions(agreement, parties, number=None)
    _milestones(agreement)
    subs = []
    for number, name in SUB_AGREEMENTS:
        sub = ensure_page(
            agreement,
            AgreementPage,
            slug=f"delavtale-{number}",
            title=f"Delavtale {number}: {name}",
            official_title="",
            number=number,
            lead=DEMO_NOTE,
            intro="",
        )
        _ensure_versions(sub, parties, number=number)
        subs.append(sub)
    return {"agreement": agreement, "sub_agreements": subs, "action_plan": _action_plan(home)}
