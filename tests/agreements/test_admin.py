"""The secretariat's side: agreements, versions with adoptions and action plans in the admin,
with clear messages instead of errors."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from samhandling.agreements.models import ActionPlanPage, AgreementPage, AgreementVersion
from samhandling.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client, demo):
    return admin_client


def test_admin_edits_agreements_action_plans_and_versions(admin_client):
    for page in (
        AgreementPage.objects.get(slug="samarbeidsavtalen"),
        AgreementPage.objects.get(slug="delavtale-1"),
        ActionPlanPage.objects.get(slug="handlingsplan"),
    ):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    listing = admin_client.get(reverse("wagtailsnippets_agreements_agreementversion:list"))
    assert listing.status_code == 200
    assert "Revidert utkast 2024" in listing.content.decode()
    version = AgreementVersion.objects.get(agreement__slug="samarbeidsavtalen", label="2019")
    edit = reverse("wagtailsnippets_agreements_agreementversion:edit", args=[version.pk])
    assert admin_client.get(edit).status_code == 200


def version_form(agreement, adoptions: list[dict]) -> dict:
    return nested_form_data(
        {
            "agreement": agreement.pk,
            "label": "Utkast 2025",
            "dated": "2025-01-15",
            "status": "draft",
            "in_force_from": "",
            "text": rich_text(""),
            "document": "",
            "adoptions": inline_formset(adoptions),
        }
    )


def adoption(organisation, day: str) -> dict:
    return {"organisation": organisation.pk, "adopted_on": day, "body": "Kommunestyret"}


def add_version(admin_client, adoptions):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    url = reverse("wagtailsnippets_agreements_agreementversion:add")
    return admin_client.post(url, version_form(agreement, adoptions))


def test_a_version_with_adoptions_is_added(admin_client):
    molde = Organisation.objects.get(municipality_number="1506")
    response = add_version(admin_client, [adoption(molde, "2025-02-01")])
    assert response.status_code == 302
    version = AgreementVersion.objects.get(label="Utkast 2025")
    assert list(version.adoptions.values_list("organisation__name", flat=True)) == ["Molde"]


def test_a_duplicate_adoption_is_refused_with_a_message(admin_client):
    molde = Organisation.objects.get(municipality_number="1506")
    response = add_version(
        admin_client, [adoption(molde, "2025-02-01"), adoption(molde, "2025-02-03")]
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Denne parten har alt vedteke denne versjonen." in html
    assert not AgreementVersion.objects.filter(label="Utkast 2025").exists()


def test_an_adoption_dated_in_the_future_is_refused_with_a_message(admin_client):
    molde = Organisation.objects.get(municipality_number="1506")
    response = add_version(admin_client, [adoption(molde, "2999-01-01")])
    assert response.status_code == 200
    assert "Vedtaksdatoen kan ikkje vere fram i tid." in response.content.decode()
    assert not AgreementVersion.objects.filter(label="Utkast 2025").exists()


def test_a_second_version_with_the_same_label_is_refused_with_a_message(admin_client):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    data = version_form(agreement, [])
    data["label"] = "2019"
    url = reverse("wagtailsnippets_agreements_agreementversion:add")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Avtalen har alt ein versjon med denne nemninga." in response.content.decode()


def test_a_milestone_done_in_the_future_is_refused_with_a_message(admin_client):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    data = nested_form_data(
        {
            "title": agreement.title,
            "slug": agreement.slug,
            "official_title": agreement.official_title,
            "number": "",
            "lead": agreement.lead,
            "intro": rich_text(agreement.intro),
            "milestones": inline_formset(
                [
                    {
                        "title": "Utkast klart",
                        "due": "2024-06-30",
                        "done_on": "2999-01-01",
                        "description": "",
                    }
                ]
            ),
        }
    )
    url = reverse("wagtailadmin_pages:edit", args=[agreement.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Datoen for fullføring kan ikkje vere fram i tid." in response.content.decode()
    assert agreement.milestones.count() == 7
