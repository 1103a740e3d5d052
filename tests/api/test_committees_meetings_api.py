"""Committees, their members and meetings: only what the committee and meeting pages show."""

import pytest

from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def get(api_get):
    def get_mr(path, **params):
        return api_get(path, host=MR_HOST, **params)

    return get_mr


def _committee(get, short_name):
    committees = get("/api/committees").json()["results"]
    return next(c for c in committees if c["short_name"] == short_name)


def test_committees_in_structure_order_with_their_parent(get):
    committees = get("/api/committees").json()
    titles = [c["title"] for c in committees["results"]]
    assert titles[:2] == ["Partnarskapsmøtet", "Strategisk samarbeidsutval (SSU)"]
    ssu = _committee(get, "SSU")
    assert ssu["parent"] == committees["results"][0]["id"] and ssu["level"] == "strategic"
    assert ssu["url"].endswith("/utval/partnarskapsmotet/ssu/") and ssu["language"] == "nn"
    local = get("/api/committees", level="local").json()
    assert local["count"] == 4 and {c["level"] for c in local["results"]} == {"local"}


def test_members_show_an_e_mail_address_only_where_the_person_agreed(get):
    ssu = get(f"/api/committees/{_committee(get, 'SSU')['id']}").json()
    members = {m["person"]["name"]: m for m in ssu["members"]}
    assert ssu["members"][0]["role"] == "leader"
    assert members["Ingrid Leirvåg"]["person"]["email"].startswith("ingrid.leirvag@")
    # Anders Fjørtoft has an address on record but has not agreed to show it.
    assert members["Anders Fjørtoft"]["person"]["email"] == ""
    assert "anders.fjortoft@" not in str(ssu)
    assert members["Terje Brekkestø"]["organisation"]["name"] == "Helse Møre og Romsdal HF"
    assert members["Ingrid Leirvåg"]["person"]["url"].endswith("/utval/person/1/")
    assert "<p>" in ssu["mandate"] and ssu["subcommittees"]


def test_committees_filtered_by_organisation_with_a_current_member(get):
    from samhandling.organisations.models import Organisation

    alesund = Organisation.objects.get(name="Ålesund")
    every = get("/api/committees").json()["results"]
    with_alesund = {
        c["id"] for c in get("/api/committees", organisation=alesund.pk).json()["results"]
    }
    assert with_alesund and len(with_alesund) < len(every)
    for committee in every:
        members = get(f"/api/committees/{committee['id']}").json()["members"]
        has_member = any((m["organisation"] or {}).get("id") == alesund.pk for m in members)
        assert has_member == (committee["id"] in with_alesund), committee["title"]


def test_an_unpublished_committee_hides_itself_and_its_meetings(get):
    from samhandling.committees.models import CommitteePage

    ssu_id = _committee(get, "SSU")["id"]
    CommitteePage.objects.get(pk=ssu_id).unpublish()
    assert ssu_id not in [c["id"] for c in get("/api/committees").json()["results"]]
    assert get(f"/api/committees/{ssu_id}").status_code == 404
    assert get("/api/meetings").json()["count"] == 0  # all demo meetings are SSU's


def test_meetings_oldest_first_with_date_range_and_committee(get):
    meetings = get("/api/meetings").json()["results"]
    starts = [m["start"] for m in meetings]
    assert starts == sorted(starts) and len(meetings) == 3
    autumn = get("/api/meetings", **{"from": "2023-09-01", "to": "2023-12-31"}).json()
    assert [m["title"] for m in autumn["results"]] == ["Møte i SSU 20. september 2023"]
    ssu = _committee(get, "SSU")
    assert get("/api/meetings", committee=ssu["id"]).json()["count"] == 3
    assert get("/api/meetings", committee=ssu["parent"]).json()["count"] == 0
    assert get("/api/meetings", committee=999999).json()["count"] == 0


def test_a_held_meeting_has_its_decisions_and_follow_up(get):
    september = get("/api/meetings", **{"from": "2023-09-20", "to": "2023-09-20"}).json()
    meeting = get(f"/api/meetings/{september['results'][0]['id']}").json()
    assert meeting["minutes_published"] is True and meeting["agenda_item_count"] == 4
    items = {item["case_number"]: item for item in meeting["agenda_items"]}
    assert list(items) == ["10/2023", "11/2023", "12/2023", "13/2023"]
    assert items["11/2023"]["decision"].startswith("<p>SSU ber")
    assert items["11/2023"]["follow_up"]["responsible"] == "Felles samarbeidssekretariat"
    assert items["11/2023"]["follow_up"]["state"] in {"open", "overdue", "done"}
    paper = items["11/2023"]["papers"][0]
    assert paper["url"].startswith(f"http://{MR_HOST}/") and paper["title"]


def test_a_future_meeting_shows_its_agenda_but_no_minutes_or_decisions(get):
    upcoming = get("/api/meetings", **{"from": "2027-01-01"}).json()["results"][0]
    meeting = get(f"/api/meetings/{upcoming['id']}").json()
    assert meeting["minutes_published"] is False and meeting["minutes"] is None
    assert all(i["decision"] is None and i["minutes"] is None for i in meeting["agenda_items"])
    assert all(i["follow_up"] is None for i in meeting["agenda_items"])
    follows = next(i for i in meeting["agenda_items"] if i["follows_up"])
    assert follows["follows_up"]["case"].startswith("SSU 9/2023")


def test_unpublished_minutes_hide_decisions_even_of_a_held_meeting(get):
    from samhandling.committees.models import MeetingPage

    meeting = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    MeetingPage.objects.filter(pk=meeting.pk).update(minutes_published=False)
    detail = get(f"/api/meetings/{meeting.pk}").json()
    assert detail["minutes"] is None
    assert all(i["decision"] is None for i in detail["agenda_items"])


def test_papers_are_left_out_where_the_committee_keeps_them_private(get):
    from samhandling.committees.models import CommitteePage, MeetingPage

    meeting = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    CommitteePage.objects.filter(pk=meeting.get_parent().pk).update(papers_public=False)
    detail = get(f"/api/meetings/{meeting.pk}").json()
    assert all(i["papers"] == [] for i in detail["agenda_items"])
    assert "/dokument/" not in str(detail)


def test_an_unpublished_meeting_and_its_papers_never_appear(get):
    from samhandling.committees.models import MeetingPage

    meeting = MeetingPage.objects.get(title="Møte i SSU 20. september 2023")
    paper_urls = [
        p["url"]
        for i in get(f"/api/meetings/{meeting.pk}").json()["agenda_items"]
        for p in i["papers"]
    ]
    assert paper_urls
    meeting.unpublish()
    listed = get("/api/meetings").json()
    assert meeting.pk not in [m["id"] for m in listed["results"]] and listed["count"] == 2
    assert get(f"/api/meetings/{meeting.pk}").status_code == 404
    everything = (
        "".join(get(f"/api/meetings/{m['id']}").content.decode() for m in listed["results"])
        + get("/api/measures").content.decode()
    )
    for url in paper_urls:
        assert url not in everything
    # A measure decided in that meeting no longer points at it.
    assert "Møte i SSU 20. september 2023" not in get("/api/measures").content.decode()
