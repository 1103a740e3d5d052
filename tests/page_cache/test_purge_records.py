"""A change to any kind of record reaches the next anonymous view of the pages that show it,
with the page cache on, through the real middleware (the purge runs after commit)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from samhandling.events.models import EventPage, Registration, RegistrationStatus
from samhandling.events.services import registration_cancel, registration_create
from tests.browser.page_types import SSU, TROMSO

from .helpers import HN_HOST, MR_HOST, cached_view, committed, fresh_view, publish, view

pytestmark = pytest.mark.django_db
EN = {"django_language": "en"}
SEATS = re.compile(r"(\d+) seats? left")


def _tromso():
    return EventPage.objects.get(url_path__endswith="/dialogkonferanse-tromso/")


def _seats(html: str) -> int:
    return int(SEATS.search(html).group(1))


def _sign_up(event, email):
    return registration_create(
        event=event, name="Test Testesen", email=email, consent=True, organisation_other="Test"
    )


def test_a_sign_up_and_a_cancellation_change_the_seats_left(
    demo, cache_on, django_capture_on_commit_callbacks
):
    event = _tromso()
    before = _seats(cached_view(TROMSO, HN_HOST, **EN))
    with committed(django_capture_on_commit_callbacks):
        outcome = _sign_up(event, "ny.deltakar@example.org")
    assert _seats(fresh_view(TROMSO, HN_HOST, **EN)) == before - 1
    cached_view(TROMSO, HN_HOST, **EN)
    with committed(django_capture_on_commit_callbacks):
        registration_cancel(registration=outcome.registration)
    assert _seats(fresh_view(TROMSO, HN_HOST, **EN)) == before


def test_the_last_seat_makes_the_event_full_everywhere_and_a_cancellation_reopens_it(
    demo, cache_on, django_capture_on_commit_callbacks
):
    event = _tromso()
    taken = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
    with committed(django_capture_on_commit_callbacks):
        publish(event, capacity=taken + 1)  # a capacity change
    assert _seats(fresh_view(TROMSO, HN_HOST, **EN)) == 1
    for path in (TROMSO, "/arrangementer/"):
        assert "Full – waiting list" not in cached_view(path, HN_HOST, **EN)
    with committed(django_capture_on_commit_callbacks):
        last = _sign_up(event, "siste.plass@example.org")
    for path in (TROMSO, "/arrangementer/"):
        assert "Full – waiting list" in fresh_view(path, HN_HOST, **EN), path
    assert "Join the waiting list" in view(TROMSO, HN_HOST, **EN).content.decode()
    with committed(django_capture_on_commit_callbacks):
        waiting = _sign_up(event, "venteliste@example.org")
    assert waiting.registration.status == RegistrationStatus.WAITING
    cached_view(TROMSO, HN_HOST, **EN)
    with committed(django_capture_on_commit_callbacks):
        registration_cancel(registration=last.registration)  # the waiting one gets the seat
    waiting.registration.refresh_from_db()
    assert waiting.registration.status == RegistrationStatus.CONFIRMED
    assert "Full – waiting list" in fresh_view(TROMSO, HN_HOST, **EN)
    cached_view(TROMSO, HN_HOST, **EN)
    with committed(django_capture_on_commit_callbacks):
        registration_cancel(registration=waiting.registration)
    assert _seats(fresh_view(TROMSO, HN_HOST, **EN)) == 1


def test_a_new_membership_shows_on_the_committee_and_the_person(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from samhandling.committees.models import CommitteePage
    from samhandling.committees.people import Membership, Person

    committee = CommitteePage.objects.get(url_path__endswith=SSU)
    person = Person.objects.create(name="Testa Medlemsdotter")
    assert "Testa Medlemsdotter" not in cached_view(SSU, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        Membership.objects.create(person=person, committee=committee, represents="kommune")
    assert "Testa Medlemsdotter" in fresh_view(SSU, MR_HOST)
    person_path = f"/utval/person/{person.pk}/"
    assert "Testa Medlemsdotter" in cached_view(person_path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        person.name = "Testa Nyttnamn"
        person.save()
    assert "Testa Nyttnamn" in fresh_view(person_path, MR_HOST)
    assert "Testa Nyttnamn" in fresh_view(SSU, MR_HOST)


def test_a_renamed_organisation_shows_on_the_committee_page(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from samhandling.committees.models import CommitteePage
    from samhandling.committees.people import Membership

    committee = CommitteePage.objects.get(url_path__endswith=SSU)
    membership = Membership.objects.filter(committee=committee, organisation__isnull=False).first()
    organisation = membership.organisation
    assert organisation.name in cached_view(SSU, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        organisation.name = "Omdøypt testkommune"
        organisation.save()
    assert "Omdøypt testkommune" in fresh_view(SSU, MR_HOST)


def test_an_adoption_changes_the_agreement_page(demo, cache_on, django_capture_on_commit_callbacks):
    from samhandling.agreements.versions import Adoption, AgreementVersion
    from samhandling.organisations.models import HealthCommunity

    path = "/samarbeidsavtalen/"
    before = cached_view(path, MR_HOST, **EN)
    adopted = re.compile(r"Adopted by (\d+) of (\d+)")
    count = sum(int(n) for n, _total in adopted.findall(before))
    version = (
        AgreementVersion.objects.filter(agreement__url_path__endswith=path)
        .filter(adoptions__isnull=False)
        .order_by("-pk")
        .first()
    )
    community = HealthCommunity.objects.get(site=demo[MR_HOST])
    party = community.members.exclude(agreement_adoptions__version=version).first()
    with committed(django_capture_on_commit_callbacks):
        if party is not None:  # one more party adopts it
            Adoption.objects.create(version=version, organisation=party, adopted_on=dt.date.today())
        else:  # every party had: one adoption is taken back (entered by mistake)
            version.adoptions.first().delete()
    after = sum(int(n) for n, _total in adopted.findall(fresh_view(path, MR_HOST, **EN)))
    assert after > count if party is not None else after < count


def test_a_published_comment_shows_on_the_hearing(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from samhandling.hearings.choices import CommentStatus
    from samhandling.hearings.comments import SectionComment
    from samhandling.hearings.pages import HearingPage

    path = "/hoyringar/revidert-samarbeidsavtale-2024/"
    hearing = HearingPage.objects.get(url_path__endswith=path)
    section = hearing.draft_sections[0]
    text = "Ein heilt ny kommentar til testen."
    assert text not in cached_view(path, MR_HOST)
    with committed(django_capture_on_commit_callbacks):
        SectionComment.objects.create(
            hearing=hearing,
            section_key=section.key,
            name="Kommentator",
            email="k@example.org",
            text=text,
            status=CommentStatus.PUBLISHED,
            published_at=timezone.now(),
        )
    assert text in fresh_view(path, MR_HOST)


def test_community_settings_show_in_the_footer_of_every_page(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from samhandling.organisations.models import HealthCommunity

    paths = ("/", "/nyhende/", SSU)
    for path in paths:
        cached_view(path, MR_HOST)
    community = HealthCommunity.objects.get(site=demo[MR_HOST])
    with committed(django_capture_on_commit_callbacks):
        community.contact_email = "ny.kontakt@example.org"
        community.save()
    for path in paths:
        assert "ny.kontakt@example.org" in fresh_view(path, MR_HOST)
    assert view("/arrangementer/", HN_HOST)  # another site's pages are not this site's


def test_an_images_new_alt_text_shows_on_the_article(
    demo, cache_on, django_capture_on_commit_callbacks
):
    from samhandling.core.images import SiteImage

    path = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
    html = cached_view(path, MR_HOST)
    image = next(
        img
        for img in SiteImage.objects.all()
        if img.title and f'alt="{img.default_alt_text}"' in html
    )
    with committed(django_capture_on_commit_callbacks):
        image.description = "Ein ny alternativ tekst"
        image.save()
    assert 'alt="Ein ny alternativ tekst"' in fresh_view(path, MR_HOST)


def test_a_page_is_kept_no_longer_than_until_its_sign_up_closes(demo, cache_on):
    event = _tromso()
    event.signup_deadline = timezone.now() + dt.timedelta(seconds=90)
    event.save_revision().publish()
    response = view(TROMSO, HN_HOST)
    maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
    assert 0 < maxage <= 90
    listing = view("/arrangementer/", HN_HOST)
    assert int(re.search(r"s-maxage=(\d+)", listing["Cache-Control"]).group(1)) <= 90


def test_languages_are_kept_apart_and_a_session_bypasses_the_cache(demo, cache_on, admin_client):
    cached_view("/", HN_HOST)
    english = view("/", HN_HOST, **EN)
    assert english.get("X-Page-Cache") == "miss"
    assert view("/", HN_HOST, **EN)["X-Page-Cache"] == "hit"
    assert '<html lang="en"' in view("/", HN_HOST, **EN).content.decode()
    staff = admin_client.get("/", HTTP_HOST=HN_HOST)
    assert "X-Page-Cache" not in staff
    assert "private" in staff["Cache-Control"]
