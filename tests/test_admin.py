"""The secretariat's side: the admin shows the registries and the page types."""

import pytest
from django.urls import reverse

from samhandling.organisations.models import Organisation


@pytest.mark.django_db
def test_admin_lists_organisations_with_filters_and_search(admin_client, demo):
    url = reverse("wagtailsnippets_organisations_organisation:list")
    response = admin_client.get(url, {"q": "Molde"})
    assert response.status_code == 200
    assert "Molde" in response.content.decode()
    assert admin_client.get(url, {"kind": "kommune"}).status_code == 200


@pytest.mark.django_db
def test_admin_refuses_an_invalid_municipality_number_with_a_message(admin_client, demo):
    url = reverse("wagtailsnippets_organisations_organisation:add")
    before = Organisation.objects.count()
    response = admin_client.post(
        url, {"name": "Ny kommune", "kind": "kommune", "municipality_number": "12a"}
    )
    assert response.status_code == 200
    assert Organisation.objects.count() == before
    assert "four digits" in response.content.decode() or "fire" in response.content.decode()


@pytest.mark.django_db
def test_admin_shows_health_communities_and_can_edit_pages(admin_client, demo):
    url = reverse("wagtailsnippets_organisations_healthcommunity:list")
    html = admin_client.get(url).content.decode()
    assert "Helsefellesskap Møre og Romsdal" in html and "Helse Nord" in html
    from samhandling.news.models import NewsArticlePage

    article = NewsArticlePage.objects.get(slug="haustens-nyheiter-fra-helsefellesskapa")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert edit.status_code == 200
    assert "Frå møte i SSU tidlegare i 2023" in edit.content.decode()
