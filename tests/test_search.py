import pytest
from django.test import Client

from samhandling.core.search import clean_query
from tests.conftest import HN_HOST, MR_HOST


def search(q, host=MR_HOST, **params):
    return Client(HTTP_HOST=host).get("/sok/", {"q": q, **params})


@pytest.mark.django_db
def test_search_finds_the_article_on_its_own_site_only(demo):
    html = search("samarbeidsavtalen").content.decode()
    assert "Samarbeidsavtalen" in html
    hits = search("Haustens nyheiter").content.decode()
    assert "Haustens nyheiter frå Helsefellesskapa" in hits
    other = search("Haustens nyheiter", host=HN_HOST).content.decode()
    assert "Haustens nyheiter frå Helsefellesskapa</a>" not in other


@pytest.mark.django_db
def test_empty_search_explains_what_to_do(demo):
    response = search("")
    assert response.status_code == 200
    assert Client(HTTP_HOST=MR_HOST).get("/sok/").status_code == 200


@pytest.mark.django_db
def test_a_search_with_no_hits_says_so(demo):
    response = search("zzyzxqqq")
    assert response.status_code == 200
    assert "zzyzxqqq" in response.content.decode()


@pytest.mark.django_db
def test_a_very_long_query_is_shortened_and_the_page_says_so(demo):
    response = search("helse " * 2000)
    assert response.status_code == 200
    html = response.content.decode()
    assert "200" in html  # "only its first 200 characters"
    assert html.count("helse helse") < 100


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        '"; DROP TABLE wagtailcore_page; --',
        "\x00\x01\x02 SSU \x1b[31m",
        'AND OR NOT "unbalanced',
        "(((((",
        "*:*",
        "🙂" * 300,
        "%00%27",
    ],
)
def test_hostile_queries_get_a_normal_page(demo, query):
    response = search(query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_paging_through_results_with_bad_page_numbers(demo):
    assert search("helse", side="999").status_code == 200
    assert search("helse", side="-1").status_code == 200
    assert search("helse", side="x").status_code == 200


def test_clean_query_drops_control_characters_and_shortens():
    assert clean_query("  a\x00b\tc  ") == ("a b c", False)
    query, shortened = clean_query("ord " * 100, max_length=20)
    assert shortened and len(query) <= 20 and not query.endswith(" ")


@pytest.mark.django_db
def test_pages_below_an_unpublished_page_are_not_found(demo, django_capture_on_commit_callbacks):
    from samhandling.committees.pages import CommitteePage, MeetingPage

    meeting = MeetingPage.objects.filter(theme__icontains="e-helse").first()
    assert meeting is not None
    found = search("e-helse teknologi").content.decode()
    assert meeting.title in found
    assert f'href="{meeting.relative_url(meeting.get_site())}"' in found
    committee = CommitteePage.objects.get(pk=meeting.get_parent().pk)
    with django_capture_on_commit_callbacks(execute=True):  # the index follows after commit
        committee.unpublish()
    html = search("e-helse teknologi").content.decode()
    assert meeting.title not in html
    # Neither is linked (other pages, such as the autumn newsletter, may mention its name).
    assert f'href="{committee.relative_url(committee.get_site())}"' not in html
    assert f'href="{meeting.relative_url(meeting.get_site())}"' not in html
