"""Agreements with versions and adoptions, and the measures of the action plan."""

import pytest

from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def get(api_get):
    def get_mr(path, **params):
        return api_get(path, host=MR_HOST, **params)

    return get_mr


def _main_agreement(get):
    return next(a for a in get("/api/agreements").json()["results"] if a["number"] is None)


def test_the_main_agreement_before_its_numbered_sub_agreements(get):
    agreements = get("/api/agreements").json()["results"]
    main = agreements[0]
    assert main["number"] is None and main["title"] == "Samarbeidsavtalen"
    subs = agreements[1:]
    assert [a["number"] for a in subs] == list(range(1, len(subs) + 1))
    assert {a["parent"] for a in subs} == {main["id"]}
    assert main["latest_version"]["status"] == "in_negotiation"


def test_versions_newest_first_with_the_parties_adoptions(get):
    main = get(f"/api/agreements/{_main_agreement(get)['id']}").json()
    dates = [v["dated"] for v in main["versions"]]
    assert dates == sorted(dates, reverse=True)
    in_force = next(v for v in main["versions"] if v["status"] == "in_force")
    assert in_force["label"] == "2019" and in_force["in_force_from"] == "2019-07-01"
    adopters = [a["organisation"]["name"] for a in in_force["adoptions"]]
    assert "Aukra" in adopters and adopters == sorted(adopters)
    assert in_force["adoptions"][0]["body"] == "Kommunestyret"
    assert in_force["document_url"].startswith(f"http://{MR_HOST}/")
    assert main["revision_plan"][0]["state"] in {"done", "upcoming", "late"}
    assert len(main["sub_agreements"]) == 5


def test_agreements_filtered_by_adopting_organisation_and_version_date(get):
    from samhandling.agreements.versions import Adoption

    adoption = Adoption.objects.select_related("version").first()
    adopted = get("/api/agreements", organisation=adoption.organisation_id).json()["results"]
    assert adoption.version.agreement_id in [a["id"] for a in adopted]
    assert get("/api/agreements", organisation=999999).json()["count"] == 0
    in_2019 = get("/api/agreements", **{"from": "2019-01-01", "to": "2019-12-31"}).json()
    with_2024_only = get("/api/agreements", **{"from": "2030-01-01"}).json()
    assert in_2019["count"] >= 1 and with_2024_only["count"] == 0


def test_an_unpublished_sub_agreement_is_left_out(get):
    from samhandling.agreements.pages import AgreementPage

    main = _main_agreement(get)
    first = AgreementPage.objects.child_of(AgreementPage.objects.get(pk=main["id"])).get(number=1)
    first.unpublish()
    assert first.pk not in [a["id"] for a in get("/api/agreements").json()["results"]]
    assert get(f"/api/agreements/{first.pk}").status_code == 404
    assert first.pk not in get(f"/api/agreements/{main['id']}").json()["sub_agreements"]


def test_measures_with_owner_status_and_the_decision_behind_them(get):
    measures = get("/api/measures").json()
    assert measures["count"] == 6
    first = measures["results"][0]
    assert first["plan"]["title"] == "Felles handlingsplan"
    assert first["owner_committee"]["title"] == "Strategisk samarbeidsutval (SSU)"
    assert first["decision"]["case"].startswith("SSU 12/2023")
    assert first["decision"]["meeting"]["url"].endswith("/ssu/2023-09-20/")
    done = get("/api/measures", status="done").json()["results"]
    assert done and {m["status"] for m in done} == {"done"} and not any(m["overdue"] for m in done)
    one = get(f"/api/measures/{first['id']}").json()
    assert one == first


def test_measures_filtered_by_owner_plan_and_deadline(get):
    from samhandling.organisations.models import Organisation

    hf = Organisation.objects.get(name="Helse Møre og Romsdal HF")
    owned = get("/api/measures", organisation=hf.pk).json()["results"]
    assert owned and {m["owner_organisation"]["id"] for m in owned} == {hf.pk}
    first = get("/api/measures").json()["results"][0]
    by_committee = get("/api/measures", committee=first["owner_committee"]["id"]).json()
    assert by_committee["count"] >= 1
    assert get("/api/measures", plan=first["plan"]["id"]).json()["count"] == 6
    in_2023 = get("/api/measures", **{"from": "2023-01-01", "to": "2023-12-31"}).json()
    assert in_2023["count"] >= 1
    assert all(m["deadline"].startswith("2023") for m in in_2023["results"])


def test_an_unpublished_action_plan_hides_its_measures(get):
    from samhandling.agreements.pages import ActionPlanPage

    plan_id = get("/api/measures").json()["results"][0]["plan"]["id"]
    ActionPlanPage.objects.get(pk=plan_id).unpublish()
    assert get("/api/measures").json()["count"] == 0
