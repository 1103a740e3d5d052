"""The public page of an organisation (/organisasjonar/<id>-<name>/): what it shows (facts,
committee seats, published hearing responses, adoptions per version, event participation as
counts only), on which site it exists, its address, and the links to it from the pages that name
organisations."""

import datetime as dt
import re

import pytest
from django.test import Client

from samhandling.agreements.versions import Adoption
from samhandling.committees.people import Membership, Person
from samhandling.events.models import Registration, RegistrationStatus
from samhandling.hearings.models import HearingResponse
from samhandling.organisations.models import Organisation
from samhandling.organisations.public_selectors import name_slug, organisation_url
from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db
SSU = "/utval/partnarskapsmotet/ssu/"


def org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def path_of(organisation: Organisation) -> str:
    return f"/organisasjonar/{organisation.pk}-{name_slug(organisation.name)}/"


def get(path: str, host: str, status: int = 200, **cookies):
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == status, (path, host, response.status_code)
    return response


def html(path: str, host: str, **cookies) -> str:
    return get(path, host, **cookies).content.decode()


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_molde_shows_its_facts_seats_adoptions_and_events(demo):
    molde = org("Molde")
    molde.organisation_number = "964982953"
    molde.website = "https://www.molde.kommune.no/"
    molde.save()
    page = html(path_of(molde), MR_HOST)
    body = main_of(page)
    assert "<title>Molde – Kommune – " in page
    assert '<link rel="canonical" href="http://more-og-romsdal.localhost/organisasjonar/' in page
    for text in ("1506", "964982953", "https://www.molde.kommune.no/", "Nøytral", "Kommune"):
        assert text in body, text
    # Committee seats: the person, the role and a link to the committee and the person's page.
    membership = Membership.objects.filter(organisation=molde).select_related("person").first()
    assert membership.person.name in body
    assert f"/utval/person/{membership.person_id}/" in body
    assert "Partnarskapsmøtet" in body
    # Adoptions per version: adopted with a date, and versions not adopted.
    assert "Vedteken" in body and "Ikkje vedteke" in body
    assert "15. juni 2019" in body
    # Events: the count, not the names.
    assert "Dialogmøte i Molde" in body
    assert "2 deltakarar" in body


def test_participants_names_and_addresses_are_never_shown(demo):
    for name, host in (("Molde", MR_HOST), ("Alta", HN_HOST)):
        organisation = org(name)
        rows = Registration.objects.filter(organisation=organisation)
        assert rows.exists()
        page = html(path_of(organisation), host)
        for row in rows:
            assert row.name not in page, row.name
            assert row.email not in page
            if row.phone:
                assert row.phone not in page


def test_only_confirmed_registrations_of_this_communitys_events_count(demo):
    molde = org("Molde")
    confirmed = Registration.objects.get(organisation=molde, name="Arne Strand")
    event = confirmed.event
    Registration.objects.create(
        event=event,
        name="Venta Ventesen",
        email="venta@example.org",
        organisation=molde,
        status=RegistrationStatus.WAITING,
        consent=True,
    )
    confirmed.status = RegistrationStatus.CANCELLED
    confirmed.save()
    body = main_of(html(path_of(molde), MR_HOST))
    assert "1 deltakar<" in body or "1 deltakar " in body
    assert "Venta Ventesen" not in body


def test_a_published_response_links_to_its_place_on_the_hearing(demo):
    alta = org("Alta")
    response = HearingResponse.objects.get(organisation=alta)
    body = main_of(html(path_of(alta), HN_HOST))
    assert f"/horinger/plan-for-funksjons-og-oppgavedeling/#svar-{response.pk}" in body
    # Withheld: no longer shown.
    response.withheld = True
    response.withheld_reason = "Test"
    response.save()
    body = main_of(html(path_of(alta), HN_HOST))
    assert f"#svar-{response.pk}" not in body
    assert "Ingen publiserte høringssvar." in body


def test_a_response_is_not_shown_before_the_hearing_publishes_responses(demo):
    molde = org("Molde")
    response = HearingResponse.objects.get(organisation=molde)
    assert not response.hearing.responses_public
    body = main_of(html(path_of(molde), MR_HOST))
    assert f"#svar-{response.pk}" not in body
    assert "Ingen publiserte høyringssvar." in body


def test_the_language_follows_the_visitor(demo):
    body = main_of(html(path_of(org("Molde")), MR_HOST, django_language="en"))
    assert "Representatives in committees" in body
    assert "2 participants" in body


def test_a_sami_name_is_marked_in_its_language(demo):
    page = html(path_of(org("Kautokeino")), HN_HOST)
    assert '<span lang="se">Guovdageaidnu</span>' in page
    page = html(path_of(org("Hamarøy")), HN_HOST)
    assert '<span lang="smj">Hábmer</span>' in page


def test_an_organisation_outside_the_community_is_not_found_on_that_site(demo):
    alta, molde = org("Alta"), org("Molde")
    get(path_of(alta), MR_HOST, status=404)
    get(path_of(molde), HN_HOST, status=404)
    outside = Organisation.objects.create(name="Utanforby", kind="other")
    get(path_of(outside), MR_HOST, status=404)
    get(path_of(outside), HN_HOST, status=404)


@pytest.mark.parametrize(
    "path",
    [
        f"/organisasjonar/{2**63}-molde/",
        f"/organisasjonar/{2**63}/",
        f"/organisasjonar/{10**30}-molde/",
        "/organisasjonar/0-molde/",
        "/organisasjonar/999999-ukjend/",
    ],
)
def test_an_id_no_row_can_have_is_not_found(demo, path):
    get(path, MR_HOST, status=404)


def test_other_addresses_redirect_to_the_canonical_one(demo):
    molde = org("Molde")
    canonical = path_of(molde)
    assert canonical == f"/organisasjonar/{molde.pk}-molde/"
    for other in (f"/organisasjonar/{molde.pk}/", f"/organisasjonar/{molde.pk}-gamalt-namn/"):
        response = get(other, MR_HOST, status=301)
        assert response["Location"] == canonical


def test_the_index_groups_the_organisations_by_kind(demo):
    body = main_of(html("/organisasjonar/", MR_HOST))
    assert "Helseføretak" in body and "Kommune" in body
    assert f'href="{path_of(org("Molde"))}"' in body
    assert path_of(org("Alta")) not in body
    hn = main_of(html("/organisasjonar/", HN_HOST))
    assert f'href="{path_of(org("Alta"))}"' in hn


# --- links from the pages that name organisations -------------------------------------------------
def _links(page: str) -> set[str]:
    return set(re.findall(r'href="(/organisasjonar/[^"]+)"', page))


def test_committee_and_person_pages_link_the_organisations_of_members(demo):
    from samhandling.committees.pages import CommitteePage

    committee = CommitteePage.objects.get(url_path__endswith=SSU)
    membership = (
        Membership.objects.current().filter(committee=committee, organisation__isnull=False).first()
    )
    url = path_of(membership.organisation)
    assert url in _links(html(SSU, MR_HOST))
    assert url in _links(html(f"/utval/person/{membership.person_id}/", MR_HOST))


def test_agreement_adoptions_link_the_parties(demo):
    page = html("/samarbeidsavtalen/", MR_HOST)
    adoption = Adoption.objects.filter(version__agreement__url_path__endswith="/samarbeidsavtalen/")
    assert path_of(adoption.first().organisation) in _links(page)
    assert path_of(org("Molde")) in _links(page)


def test_a_published_hearing_response_links_its_organisation(demo):
    from samhandling.hearings.pages import HearingPage

    response = HearingResponse.objects.get(organisation=org("Alta"))
    hearing = HearingPage.objects.get(pk=response.hearing_id)
    page = html(hearing.relative_url(hearing.get_site()), HN_HOST)
    assert path_of(org("Alta")) in _links(page)


def test_a_member_organisation_of_another_community_is_named_without_a_link(demo):
    from samhandling.committees.pages import CommitteePage

    committee = CommitteePage.objects.get(url_path__endswith=SSU)
    alta = org("Alta")
    Membership.objects.create(
        person=Person.objects.create(name="Gjest Gjestesen"),
        committee=committee,
        organisation=alta,
        represents="kommune",
        term_start=dt.date(2024, 1, 1),
    )
    page = html(SSU, MR_HOST)
    assert "Alta" in page
    assert path_of(alta) not in page


def test_organisation_url_needs_no_query_once_the_site_is_read(demo, django_assert_num_queries):
    from wagtail.models import Site

    site = Site.objects.get(hostname=MR_HOST)
    molde = org("Molde")
    assert organisation_url(site=site, organisation_id=molde.pk) == path_of(molde)
    with django_assert_num_queries(0):
        for _ in range(20):
            organisation_url(site=site, organisation_id=molde.pk)
