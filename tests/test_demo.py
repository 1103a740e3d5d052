"""The demo agrees with itself (issue #8): what one page says, another does not contradict."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from samhandling.agreements.choices import VersionStatus
from samhandling.agreements.versions import Adoption, AgreementVersion
from samhandling.events.models import EventPage, EventSeriesPage, Registration
from samhandling.events.selectors import State, event_state
from samhandling.organisations.models import HealthCommunity, Organisation
from tests.conftest import HN_HOST, MR_HOST
from tests.form_guard import guard_fields

pytestmark = pytest.mark.django_db

NOT_ADOPTABLE = (VersionStatus.DRAFT, VersionStatus.IN_NEGOTIATION, VersionStatus.ON_HEARING)
CHANGE_WORK_URL = "https://www.helse-nord.no/endring-og-omstilling-i-helse-nord"
CHANGE_WORK_TEXT = (
    "Vi kan ikke lenger drive spesialisthelsetjenesten i Nord-Norge på samme måte som nå. "
    "Les hvorfor og få en oversikt over pågående endringsarbeid."
)


def get(path: str, host: str = MR_HOST):
    return Client(HTTP_HOST=host).get(path)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def article(html: str) -> str:
    return html[html.index("<article") : html.rindex("</article>")]


def load_demo_again() -> None:
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)


# Agreements: nobody adopts a text still being negotiated.


def test_no_party_has_adopted_a_version_that_is_not_yet_up_for_adoption(demo):
    assert not Adoption.objects.filter(version__status__in=NOT_ADOPTABLE).exists()
    draft = AgreementVersion.objects.get(
        agreement__slug="samarbeidsavtalen", label="Revidert utkast 2024"
    )
    assert draft.status == VersionStatus.IN_NEGOTIATION
    html = get("/samarbeidsavtalen/").content.decode()
    assert "Under forhandling" in text(html)
    assert "0 av 28 partar har vedteke versjonen" in text(html)


def test_the_parties_are_adopting_the_revised_delavtale_2_that_ssu_recommended(demo):
    html = get("/samarbeidsavtalen/delavtale-2/").content.decode()
    plain = text(html)
    assert "Revidert 2024" in plain and "Tilrådd av SSU" in plain
    assert "4 av 28 partar har vedteke versjonen" in plain
    assert "Molde Kommunestyret, 19. september 2024" in plain


def test_loading_the_demo_again_removes_adoptions_of_a_draft_that_an_older_demo_made(demo):
    draft = AgreementVersion.objects.get(
        agreement__slug="samarbeidsavtalen", label="Revidert utkast 2024"
    )
    Adoption.objects.create(
        version=draft,
        organisation=Organisation.objects.get(municipality_number="1506"),
        adopted_on=timezone.localdate(),
    )
    load_demo_again()
    assert not draft.adoptions.exists()


# Helse Nord: the conferences of seed 000.


def test_the_bodo_conference_of_2023_has_its_venue(demo):
    bodo = EventPage.objects.get(slug="dialogkonferanse-i-bodo-med-kommuner")
    assert (bodo.venue_name, bodo.venue_city) == ("Scandic Havet", "Bodø")
    html = get(bodo.url, host=HN_HOST).content.decode()
    assert "<dd>Scandic Havet, Bodø</dd>" in html


@pytest.mark.parametrize(
    "slug", ["dialogkonferanse-i-tromso-med-kommuner", "dialogkonferanse-i-bodo-med-kommuner"]
)
def test_the_conference_page_ends_like_seed_000_with_the_pointer_to_the_change_work(demo, slug):
    html = article(get(EventPage.objects.get(slug=slug).url, host=HN_HOST).content.decode())
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert links[-1] == (CHANGE_WORK_URL, "Endring og omstilling i Helse Nord")
    assert text(html).endswith(CHANGE_WORK_TEXT)
    # After the program and its note, as in the seed.
    assert html.index("Avslutning ved Marit Lind") < html.index(CHANGE_WORK_URL)
    assert html.index("Med forbehold om endringer i programmet.") < html.index(CHANGE_WORK_URL)


def _shortcuts(html: str) -> list[str]:
    start = html.index('aria-labelledby="shortcuts-heading"')
    section = html[start : html.index("</section>", start)]
    return re.findall(r'<a [^>]*href="([^"]+)"', section)


def test_the_helse_nord_home_page_points_to_the_open_round_not_the_past_one(demo):
    open_round = EventSeriesPage.objects.get(slug="dialogkonferanser-ny-runde")
    assert all(
        event_state(event=e).code == State.OPEN
        for e in EventPage.objects.child_of(open_round).live()
    )
    shortcuts = _shortcuts(get("/", host=HN_HOST).content.decode())
    assert shortcuts[0] == open_round.relative_url(open_round.get_site())
    assert not [href for href in shortcuts if "hosten-2023" in href]


# Møre og Romsdal: its own dialogue meetings, in nynorsk, open for sign-up.


def _mr_meetings():
    series = EventSeriesPage.objects.get(slug="dialogmote-om-samarbeidsavtalen")
    return series, list(EventPage.objects.child_of(series).live().order_by("start"))


def test_more_og_romsdal_has_dialogue_meetings_in_the_future_open_for_sign_up(demo):
    series, meetings = _mr_meetings()
    assert series.get_site().hostname == MR_HOST and series.locale.language_code == "nn"
    assert (series.max_per_organisation, series.one_event_per_organisation) == (2, True)
    assert [m.venue_city for m in meetings] == ["Molde", "Ålesund"]
    for meeting in meetings:
        assert meeting.start > timezone.now() and timezone.localtime(meeting.start).weekday() in (
            1,
            2,
            3,
        )
        assert event_state(event=meeting).code == State.OPEN
        assert meeting.program and meeting.locale.language_code == "nn"
    members = HealthCommunity.objects.get(site__hostname=MR_HOST).members.all()
    signed_up = Organisation.objects.filter(event_registrations__event__in=meetings).distinct()
    assert signed_up.exists() and not signed_up.exclude(pk__in=members).exists()
    assert set(
        Registration.objects.filter(event__in=meetings).values_list("language", flat=True)
    ) == {"nn"}


def test_the_dialogue_meetings_are_on_the_home_page_and_in_the_menu(demo):
    series, meetings = _mr_meetings()
    html = get("/").content.decode()
    assert _shortcuts(html)[0] == series.relative_url(series.get_site())
    assert 'href="/arrangement/"' in html
    listing = text(get("/arrangement/").content.decode())
    assert "Dialogmøte i Molde" in listing and "Dialogmøte i Ålesund" in listing


def test_the_whole_sign_up_journey_exists_in_nynorsk(demo, django_capture_on_commit_callbacks):
    _series, meetings = _mr_meetings()
    visitor = Client(HTTP_HOST=MR_HOST)  # no language chosen: the site's nynorsk
    page = visitor.get(meetings[0].url).content.decode()
    plain = text(page)
    assert '<html lang="nn"' in page or 'lang="nn"' in page
    assert "Open for påmelding" in plain
    assert "Del 1 Utkastet til ny samarbeidsavtale" in plain and "Lunsj" in plain
    assert "Med atterhald om endringar i programmet." in plain
    # The event page links to the sign-up form's own page (so the event page can be cached).
    signup_url = f"/arrangement/{meetings[0].pk}/pamelding/"
    assert f'href="{signup_url}"' in page
    form = visitor.get(signup_url).content.decode()
    assert 'name="email"' in form and 'lang="nn"' in form
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', form)
    names = {name for _pk, name in options}
    assert "Ørsta" in names and "Tromsø" not in names
    orsta = Organisation.objects.get(municipality_number="1520")
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            signup_url,
            {
                "name": "Liv Bjørdal",
                "email": "liv.bjordal@orsta.example",
                "phone": "",
                "organisation": str(orsta.pk),
                "organisation_other": "",
                "job_title": "Kommuneoverlege",
                "kind": "participant",
                "dietary_needs": "",
                "accessibility_needs": "",
                "consent": "on",
                **guard_fields(),
            },
        )
    assert response.status_code == 302
    receipt = text(visitor.get(response["Location"]).content.decode())
    assert "Du er påmeld" in receipt and "liv.bjordal@orsta.example" in receipt
    registration = Registration.objects.get(event=meetings[0], email="liv.bjordal@orsta.example")
    assert registration.language == "nn"
    (message,) = mail.outbox
    assert "Dialogmøte i Molde" in message.subject + message.body
    assert "/p/" in message.body and message.attachments
    assert "påmeld" in message.body.lower()
    # The series' rule holds in nynorsk too: Ørsta cannot also choose the other meeting.
    again = visitor.post(
        f"/arrangement/{meetings[1].pk}/pamelding/",
        {
            "name": "Per Ørstavik",
            "email": "per.orstavik@orsta.example",
            "organisation": str(orsta.pk),
            "job_title": "Fastlege",
            "kind": "participant",
            "consent": "on",
            **guard_fields(),
        },
    )
    assert again.status_code == 409
    assert not Registration.objects.filter(event=meetings[1], organisation=orsta).exists()


def test_loading_the_demo_again_adds_no_rows_or_revisions(demo):
    from wagtail.models import Page, Revision

    def counts():
        return [
            model.objects.count()
            for model in (Page, Revision, Registration, AgreementVersion, Adoption)
        ]

    before = counts()
    load_demo_again()
    assert counts() == before
