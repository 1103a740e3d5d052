"""Every public page type answers within MAX_QUERIES SQL queries, and its count does not grow with
its content: each test counts a page, adds more of what the page lists (members, meetings,
sub-agreements, versions, articles, events, measures, hearings…), counts again and expects the
same number. Anonymous visitors through the test client, with the structure cache warm as on a
running site (one request first), no page cache."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from samhandling.agreements.pages import ActionPlanPage, AgreementPage
from samhandling.agreements.plans import Measure, Milestone
from samhandling.agreements.versions import Adoption, AgreementVersion
from samhandling.committees.agenda import AgendaItem
from samhandling.committees.choices import MemberRole
from samhandling.committees.pages import CommitteeIndexPage, CommitteePage
from samhandling.core.pages import StandardPage
from samhandling.events.models import EventIndexPage
from samhandling.news.models import NewsArticlePage, NewsIndexPage
from samhandling.organisations.models import Organisation
from tests.committees.factories import MembershipFactory, PersonFactory, committee, meeting
from tests.conftest import HN_HOST, MR_HOST
from tests.events.factories import event, series
from tests.inputs.factories import registration

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def count(url: str, host: str = MR_HOST, *, at_least: int = 1) -> tuple[int, str]:
    """The queries of an anonymous GET of `url` (after one request that warms the caches), and
    the page's HTML. Every page but the privacy page reads its page row at least: no query at
    all means the answer came from a page cache, which these tests must run without."""
    client = Client(HTTP_HOST=host)
    assert client.get(url).status_code == 200
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    queries = len(captured.captured_queries)
    assert queries >= at_least, f"{url} made no query: served from a page cache?"
    return queries, response.content.decode()


def assert_flat(few: int, many: int) -> None:
    assert many == few, f"{few} queries with little content, {many} with more: one per item"
    assert many <= MAX_QUERIES, f"{many} queries (at most {MAX_QUERIES})"


def mr_home() -> Page:
    return Site.objects.get(hostname=MR_HOST).root_page.specific


def ssu() -> CommitteePage:
    return CommitteePage.objects.get(slug="ssu", url_path__startswith=mr_home().url_path)


def oslo_past(days: int) -> datetime.datetime:
    return (timezone.now() - datetime.timedelta(days=days)).replace(microsecond=0)


def add_members(page, n: int, start: int = 0) -> None:
    organisations = list(Organisation.objects.order_by("pk")[:n])
    for i in range(n):
        MembershipFactory(
            committee=page,
            person=PersonFactory(name=f"Medlem {start + i}"),
            organisation=organisations[i % len(organisations)],
        )
        MembershipFactory(  # a former member too
            committee=page,
            person=PersonFactory(name=f"Tidlegare {start + i}"),
            term_start=datetime.date(2019, 1, 1),
            term_end=datetime.date(2020, 12, 31),
        )


def add_meetings(page, n: int, start: int = 0) -> None:
    year_start = timezone.localdate().replace(month=1, day=1)
    for i in range(n):
        held = timezone.make_aware(datetime.datetime.combine(year_start, datetime.time(10)))
        held += datetime.timedelta(hours=start + i)
        past = meeting(page, f"perf-mote-{start + i}", held, items=("Sak A", "Sak B"))
        past.minutes_published = True
        past.save_revision().publish()
        AgendaItem.objects.filter(meeting=past).update(
            follow_up=True, follow_up_due=timezone.localdate()
        )
        meeting(
            page,
            f"perf-kommande-{start + i}",
            timezone.now() + datetime.timedelta(days=30 + i),
            items=("Sak C",),
        )


# --- Home pages, standard page, news ----------------------------------------------------------


def add_articles(n: int, start: int = 0, host: str = MR_HOST) -> None:
    index = NewsIndexPage.objects.filter(
        url_path__startswith=Site.objects.get(hostname=host).root_page.url_path
    ).first()
    image = NewsArticlePage.objects.exclude(image=None).values_list("image", flat=True).first()
    for i in range(n):
        article = NewsArticlePage(
            title=f"Perf-nyhende {start + i}",
            slug=f"perf-nyhende-{start + i}",
            date=timezone.localdate(),
            image_id=image,
        )
        index.add_child(instance=article)
        article.save_revision().publish()


@pytest.mark.parametrize("host", [MR_HOST, HN_HOST])
def test_home_page(demo, host):
    few, _html = count("/", host)
    add_articles(4, host=host)
    many, html = count("/", host)
    assert "Perf-nyhende" in html
    assert_flat(few, many)


def test_standard_page(demo):
    page = StandardPage.objects.live().filter(url_path__startswith=mr_home().url_path).first()
    url = page.relative_url(page.get_site())
    few, _html = count(url)
    for i in range(4):  # more pages in the main menu
        child = StandardPage(title=f"Perf-side {i}", slug=f"perf-side-{i}", show_in_menus=True)
        mr_home().add_child(instance=child)
        child.save_revision().publish()
    many, html = count(url)
    assert "Perf-side 3" in html
    assert_flat(few, many)


def test_news_index(demo):
    index = NewsIndexPage.objects.filter(url_path__startswith=mr_home().url_path).first()
    url = index.relative_url(index.get_site())
    add_articles(1)
    few, _html = count(url)
    add_articles(6, start=1)
    many, html = count(url)
    assert "Perf-nyhende 6" in html
    assert_flat(few, many)


def test_news_article(demo):
    add_articles(1)
    article = NewsArticlePage.objects.get(slug="perf-nyhende-0")
    url = article.relative_url(article.get_site())
    few, _html = count(url)
    add_articles(6, start=1)
    many, _html = count(url)
    assert_flat(few, many)


# --- Events -------------------------------------------------------------------------------------


def test_events_index_and_series(demo):
    index = EventIndexPage.objects.get(slug="arrangementer", url_path__startswith="/helse-nord/")
    the_series = series(title="Perf-serie")
    event(the_series, title="Perf-arrangement 0")
    few_index, _html = count(index.relative_url(index.get_site()), HN_HOST)
    few_series, _html = count(the_series.relative_url(the_series.get_site()), HN_HOST)
    for i in range(1, 6):
        event(the_series, title=f"Perf-arrangement {i}")
    many_index, html = count(index.relative_url(index.get_site()), HN_HOST)
    assert "Perf-arrangement 5" in html
    assert_flat(few_index, many_index)
    many_series, html = count(the_series.relative_url(the_series.get_site()), HN_HOST)
    assert "Perf-arrangement 5" in html
    assert_flat(few_series, many_series)


@pytest.mark.parametrize("state", ["open", "full", "waiting list"])
def test_event_page(demo, state):
    """Open (seats left), full, and full with people on the waiting list."""
    from samhandling.events.models import RegistrationStatus

    page = event(title="Perf-konferanse", capacity=4)
    url = page.relative_url(page.get_site())
    registration(page, name="Deltakar 0")
    few, _html = count(url, HN_HOST)
    confirmed = {"open": 2, "full": 3, "waiting list": 3}[state]
    for i in range(1, confirmed + 1):
        registration(page, name=f"Deltakar {i}")
    if state == "waiting list":
        for i in range(3):
            registration(
                page,
                name=f"Ventar {i}",
                status=RegistrationStatus.WAITING,
                position=i + 1,
            )
    many, html = count(url, HN_HOST)
    assert "Perf-konferanse" in html
    assert_flat(few, many)


# --- Committees ---------------------------------------------------------------------------------


def test_committee_index(demo):
    index = CommitteeIndexPage.objects.get(url_path__startswith=mr_home().url_path)
    url = index.relative_url(index.get_site())
    few, _html = count(url)
    for i in range(4):
        sub = committee(ssu(), slug=f"perf-utval-{i}", title=f"Perf-utval {i}")
        add_members(sub, 2)
    many, html = count(url)
    assert "Perf-utval 3" in html
    assert_flat(few, many)


def test_committee_page(demo):
    page = committee(ssu(), slug="perf-ssu", title="Perf-SSU")
    url = page.relative_url(page.get_site())
    add_members(page, 1)
    add_meetings(page, 1)
    committee(page, slug="perf-sub-0", title="Perf-underutval 0")
    few, _html = count(url)
    add_members(page, 8, start=1)
    add_meetings(page, 4, start=1)
    for i in range(1, 4):
        committee(page, slug=f"perf-sub-{i}", title=f"Perf-underutval {i}")
    many, html = count(url)
    assert "Medlem 8" in html and "Perf-underutval 3" in html
    assert_flat(few, many)


def test_ssu_committee_page_of_the_demo(demo):
    page = ssu()
    queries, _html = count(page.relative_url(page.get_site()))
    assert queries <= MAX_QUERIES


def test_meeting_page(demo):
    page = committee(ssu(), slug="perf-mote-utval", title="Perf-utval")
    held = meeting(page, "perf-mote", oslo_past(10), items=("Sak 1",))
    held.minutes = "<p>Referat</p>"
    held.minutes_published = True
    held.save_revision().publish()
    url = held.relative_url(held.get_site())
    few, _html = count(url)
    earlier = meeting(page, "perf-tidleg", oslo_past(100), items=("Gamal sak",))
    from samhandling.committees.agenda import AgendaItemNumber

    referred = AgendaItemNumber.objects.get(key=AgendaItem.objects.get(meeting=earlier).key)
    for i in range(6):
        AgendaItem.objects.create(
            meeting=held, committee=page, title=f"Perf-sak {i}", follows_up=referred
        )
    many, html = count(url)
    assert "Perf-sak 5" in html
    assert_flat(few, many)


def test_person_page(demo):
    index = CommitteeIndexPage.objects.get(url_path__startswith=mr_home().url_path)
    person = PersonFactory(name="Perf Person")
    first = committee(ssu(), slug="perf-person-0", title="Perf-personutval 0")
    MembershipFactory(committee=first, person=person, role=MemberRole.LEADER)
    url = index.relative_url(index.get_site()) + index.reverse_subpage("person", args=[person.pk])
    few, _html = count(url)
    for i in range(1, 5):
        other = committee(ssu(), slug=f"perf-person-{i}", title=f"Perf-personutval {i}")
        MembershipFactory(committee=other, person=person)
        MembershipFactory(
            committee=other,
            person=person,
            term_start=datetime.date(2018, 1, 1),
            term_end=datetime.date(2019, 1, 1),
        )
    many, html = count(url)
    assert "Perf-personutval 4" in html
    assert_flat(few, many)


def test_committee_archive_and_follow_up_page(demo):
    page = committee(ssu(), slug="perf-arkiv", title="Perf-arkivutval")
    add_meetings(page, 1)
    year = timezone.localdate().year
    archive = page.relative_url(page.get_site()) + page.reverse_subpage("archive", args=[year])
    follow_up = page.relative_url(page.get_site()) + page.reverse_subpage("follow_up")
    few_archive, _html = count(archive)
    few_follow_up, _html = count(follow_up)
    add_meetings(page, 5, start=1)
    many_archive, html = count(archive)
    assert "perf-mote-5" in html or "Møte perf-mote-5" in html
    assert_flat(few_archive, many_archive)
    many_follow_up, html = count(follow_up)
    assert html.count("Sak A") >= 6
    assert_flat(few_follow_up, many_follow_up)


# --- Agreements ---------------------------------------------------------------------------------


def add_sub_agreements(main: AgreementPage, n: int, start: int = 0) -> None:
    parties = list(Organisation.objects.filter(kind__in=("kommune", "helseforetak"))[:3])
    for i in range(n):
        sub = AgreementPage(
            title=f"Perf-delavtale {start + i}",
            slug=f"perf-delavtale-{start + i}",
            number=50 + start + i,
        )
        main.add_child(instance=sub)
        sub.save_revision().publish()
        version = AgreementVersion.objects.create(
            agreement=sub, label=f"Versjon {start + i}", dated=datetime.date(2024, 1, 1)
        )
        for party in parties:
            Adoption.objects.create(
                version=version, organisation=party, adopted_on=datetime.date(2024, 2, 1)
            )


def test_agreement_page(demo):
    main = AgreementPage.objects.get(slug="samarbeidsavtalen")
    url = main.relative_url(main.get_site())
    add_sub_agreements(main, 1)
    few, _html = count(url)
    add_sub_agreements(main, 6, start=1)
    for i in range(4):
        AgreementVersion.objects.create(
            agreement=main, label=f"Perf-versjon {i}", dated=datetime.date(2010 + i, 1, 1)
        )
        Milestone.objects.create(
            agreement=main, title=f"Perf-milepel {i}", due=datetime.date(2030, 1, 1 + i)
        )
    many, html = count(url)
    assert "Perf-delavtale 6" in html and "Perf-versjon 3" in html
    assert_flat(few, many)


def test_sub_agreement_page(demo):
    sub = AgreementPage.objects.filter(number__isnull=False).order_by("path").first()
    url = sub.relative_url(sub.get_site())
    few, _html = count(url)
    parties = list(Organisation.objects.filter(kind__in=("kommune", "helseforetak"))[:5])
    for i in range(4):
        version = AgreementVersion.objects.create(
            agreement=sub, label=f"Perf-versjon {i}", dated=datetime.date(2010 + i, 1, 1)
        )
        for party in parties:
            Adoption.objects.create(
                version=version, organisation=party, adopted_on=datetime.date(2011, 1, 1)
            )
    many, html = count(url)
    assert "Perf-versjon 3" in html
    assert_flat(few, many)


def test_action_plan_page(demo):
    plan = ActionPlanPage.objects.live().first()
    url = plan.relative_url(plan.get_site())
    few, _html = count(url)
    owner = Organisation.objects.first()
    for i in range(6):
        Measure.objects.create(
            plan=plan,
            title=f"Perf-tiltak {i}",
            theme="Perf-tema",
            owner_organisation=owner,
            owner_committee=ssu(),
            deadline=datetime.date(2020, 1, 1),
        )
    many, html = count(url)
    assert "Perf-tiltak 5" in html
    assert_flat(few, many)


# --- Hearings, search, privacy ------------------------------------------------------------------


def test_hearing_index_and_page(demo):
    from tests.hearings.factories import make_hearing

    first = make_hearing(title="Perf-høyring 0")
    index = first.get_parent().specific
    url = index.relative_url(index.get_site())
    few, _html = count(url)
    for i in range(1, 5):
        make_hearing(title=f"Perf-høyring {i}")
    many, html = count(url)
    assert "Perf-høyring 4" in html
    assert_flat(few, many)
    hearing_queries, _html = count(first.relative_url(first.get_site()))
    assert hearing_queries <= MAX_QUERIES


def test_search_results(demo):
    url = "/sok/?q=perfsøk"
    add_articles(1)
    NewsArticlePage.objects.filter(slug="perf-nyhende-0").update(lead="perfsøk")
    few, _html = count(url)
    add_articles(6, start=1)
    NewsArticlePage.objects.filter(slug__startswith="perf-nyhende").update(lead="perfsøk")
    many, _html = count(url)
    assert_flat(few, many)


def test_privacy_page(demo):
    queries, _html = count("/personvern/", at_least=0)
    assert queries <= MAX_QUERIES


def test_every_page_type_has_a_test():
    """A new page type must be added here (and get a test above)."""
    from django.template import TemplateDoesNotExist, loader
    from wagtail.models import get_page_models

    covered = {
        "HomePage",
        "StandardPage",
        "NewsIndexPage",
        "NewsArticlePage",
        "EventIndexPage",
        "EventSeriesPage",
        "EventPage",
        "CommitteeIndexPage",
        "CommitteePage",
        "MeetingPage",
        "AgreementPage",
        "ActionPlanPage",
        "HearingIndexPage",
        "HearingPage",
    }
    covered |= {"NewsletterIndexPage", "NewsletterIssuePage"}
    # A page type being built elsewhere, with no template yet, would go here: nothing to count
    # until its template lands, and then this fails so that it gets its test above.
    not_served_yet: set[str] = set()
    models = {model.__name__: model for model in get_page_models() if model is not Page}
    assert set(models) <= covered | not_served_yet, set(models) - covered - not_served_yet
    for name in not_served_yet & set(models):
        with pytest.raises(TemplateDoesNotExist):
            loader.get_template(models[name].template)


# --- Newsletters --------------------------------------------------------------------------------


def _newsletter_archive():
    from samhandling.newsletters.issues import NewsletterIndexPage

    return NewsletterIndexPage.objects.descendant_of(mr_home()).get()


def add_issues(n: int, start: int = 0, *, pages: list[int] | None = None) -> None:
    from samhandling.newsletters.issues import NewsletterIssuePage

    archive = _newsletter_archive()
    for i in range(n):
        sections = [
            {
                "type": "section",
                "value": {"heading": f"Del {j}", "text": "<p>Tekst.</p>", "pages": pages or []},
            }
            for j in range(2)
        ]
        issue = NewsletterIssuePage(
            title=f"Perf-nyhendebrev {start + i}",
            slug=f"perf-nyhendebrev-{start + i}",
            lead="Leiar.",
            sections=sections,
        )
        archive.add_child(instance=issue)
        issue.save_revision().publish()


def test_newsletter_archive(demo):
    archive = _newsletter_archive()
    url = archive.relative_url(archive.get_site())
    add_issues(1)
    few, _html = count(url)
    add_issues(6, start=1)
    many, html = count(url)
    assert "Perf-nyhendebrev 6" in html
    assert_flat(few, many)


def test_newsletter_issue(demo):
    from samhandling.newsletters.issues import NewsletterIssuePage

    add_articles(1)
    first = list(NewsArticlePage.objects.filter(slug="perf-nyhende-0").values_list("pk", flat=True))
    add_issues(1, pages=first)
    issue = NewsletterIssuePage.objects.get(slug="perf-nyhendebrev-0")
    url = issue.relative_url(issue.get_site())
    few, _html = count(url)
    add_articles(6, start=1)
    many_pages = list(
        NewsArticlePage.objects.filter(slug__startswith="perf-nyhende-").values_list(
            "pk", flat=True
        )
    )
    add_issues(1, start=1, pages=many_pages)
    issue = NewsletterIssuePage.objects.get(slug="perf-nyhendebrev-1")
    many, html = count(issue.relative_url(issue.get_site()))
    assert "Perf-nyhende 6" in html
    assert_flat(few, many)


# --- Public pages that are forms --------------------------------------------------------------


def test_form_pages(demo):
    """The sign-up page of an event, the hearing response form and the request for one's data:
    within the bound (what they list does not grow with content: the member organisations come
    from the structure cache)."""
    from tests.hearings.factories import make_hearing

    # With a seat limit: the seats left are counted on every view (the event, its series and
    # organiser are kept with the structure).
    page = event(title="Perf-påmelding", capacity=50)
    queries, html = count(f"/arrangement/{page.pk}/pamelding/", HN_HOST)
    assert "Perf-påmelding" in html
    assert queries <= MAX_QUERIES
    hearing = make_hearing(title="Perf-svarskjema")
    queries, _html = count(f"/hoyring/{hearing.pk}/svar/", at_least=0)
    assert queries <= MAX_QUERIES
    queries, _html = count("/personvern/innsyn/", at_least=0)
    assert queries <= MAX_QUERIES


# --- Organisation pages (not Wagtail pages: /organisasjonar/) -----------------------------------


def add_organisation_content(organisation, n: int, start: int = 0) -> None:
    """More of everything an organisation's page lists: seats, adoptions, published hearing
    responses, and events with confirmed participants."""
    from samhandling.hearings.choices import Publication
    from tests.hearings.factories import confirmed_response, make_hearing

    events_index = EventIndexPage.objects.descendant_of(mr_home()).first()
    main = AgreementPage.objects.get(slug="samarbeidsavtalen")
    for i in range(start, start + n):
        MembershipFactory(
            committee=ssu(), person=PersonFactory(name=f"Orgmedlem {i}"), organisation=organisation
        )
        version = AgreementVersion.objects.create(
            agreement=main, label=f"Perf-versjon {i}", dated=datetime.date(2010, 1, 1 + i)
        )
        Adoption.objects.create(
            version=version, organisation=organisation, adopted_on=datetime.date(2010, 2, 1)
        )
        hearing = make_hearing(title=f"Perf-orghøyring {i}", publication=Publication.AT_ONCE)
        confirmed_response(hearing, organisation=organisation, email=f"svar{i}@example.org")
        page = event(events_index, title=f"Perf-orgarrangement {i}")
        for k in range(2):
            registration(page, name=f"Deltakar {i}-{k}", organisation=organisation)


def test_organisation_page_and_index(demo):
    from samhandling.organisations.public_selectors import name_slug

    molde = Organisation.objects.get(name="Molde")
    url = f"/organisasjonar/{molde.pk}-{name_slug(molde.name)}/"
    add_organisation_content(molde, 1)
    few, _html = count(url)
    few_index, _html = count("/organisasjonar/")
    add_organisation_content(molde, 4, start=1)
    many, html = count(url)
    for text in ("Orgmedlem 4", "Perf-versjon 4", "Perf-orghøyring 4", "Perf-orgarrangement 4"):
        assert text in html, text
    assert "Deltakar 4-0" not in html
    assert_flat(few, many)
    many_index, _html = count("/organisasjonar/")
    assert_flat(few_index, many_index)
