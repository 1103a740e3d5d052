"""News and the organisations of a health community."""

import datetime

import pytest

from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db


def test_news_newest_first_with_image_and_body(api_get):
    news = api_get("/api/news", host=MR_HOST).json()
    article = news["results"][0]
    assert article["language"] == "nn" and article["url"].startswith("http://")
    detail = api_get(f"/api/news/{article['id']}", host=MR_HOST).json()
    assert detail["title"] == article["title"] and "<" in detail["body"]
    with_image = [a for a in news["results"] if a["image"]]
    for item in with_image:
        assert item["image"]["alt"] and item["image"]["url"].startswith("http://")


def test_news_by_date_range(api_get):
    from samhandling.news.models import NewsArticlePage

    article = (
        NewsArticlePage.objects.live()
        .descendant_of(NewsArticlePage.objects.live().first().get_parent().get_parent())
        .first()
    )
    day = article.date.isoformat()
    on_the_day = api_get("/api/news", host=article.get_site().hostname, **{"from": day, "to": day})
    assert article.pk in [a["id"] for a in on_the_day.json()["results"]]
    after = (article.date + datetime.timedelta(days=1)).isoformat()
    later = api_get("/api/news", host=article.get_site().hostname, **{"from": after}).json()
    assert article.pk not in [a["id"] for a in later["results"]]


def test_unpublished_or_private_news_never_appears(api_get):
    from wagtail.models import PageViewRestriction

    from samhandling.news.models import NewsArticlePage

    articles = api_get("/api/news", host=HN_HOST).json()["results"]
    article = NewsArticlePage.objects.get(pk=articles[0]["id"])
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert article.pk not in [a["id"] for a in api_get("/api/news", host=HN_HOST).json()["results"]]
    assert api_get(f"/api/news/{article.pk}", host=HN_HOST).status_code == 404
    PageViewRestriction.objects.filter(page=article).delete()
    article.unpublish()
    assert api_get(f"/api/news/{article.pk}", host=HN_HOST).status_code == 404


def test_organisations_of_the_community_without_e_mail_addresses(api_get):
    from samhandling.organisations.models import HealthCommunity, Organisation

    community = HealthCommunity.objects.get(site__hostname=MR_HOST)
    Organisation.objects.filter(pk=community.owner_id).update(email="post@hf.example")
    listed = api_get("/api/organisations", host=MR_HOST, limit=200).json()
    ids = {o["id"] for o in listed["results"]}
    assert ids == set(community.members.values_list("pk", flat=True)) | {community.owner_id}
    owner = next(o for o in listed["results"] if o["owns_community"])
    assert owner["id"] == community.owner_id
    assert "email" not in owner and "post@hf.example" not in str(listed)
    molde = next(o for o in listed["results"] if o["name"] == "Molde")
    assert molde["municipality_number"] == "1506" and molde["kind"] == "kommune"


def test_organisations_by_kind_and_other_communities_organisations_give_404(api_get):
    municipalities = api_get("/api/organisations", host=HN_HOST, kind="kommune", limit=200).json()
    assert municipalities["count"] > 50
    assert {o["kind"] for o in municipalities["results"]} == {"kommune"}
    sami = [o for o in municipalities["results"] if o["sami_name"]]
    assert sami, "Nord-Noreg has municipalities with official Sámi names"
    tromso = next(o for o in municipalities["results"] if o["name"] == "Tromsø")
    assert api_get(f"/api/organisations/{tromso['id']}", host=HN_HOST).json() == tromso
    assert api_get(f"/api/organisations/{tromso['id']}", host=MR_HOST).status_code == 404
