"""Real queries on the demo sites and the results they must give."""

import pytest

from .conftest import HN_HOST, on_postgres, search

pytestmark = pytest.mark.django_db


def test_avtale_finds_the_cooperation_agreement_first(demo):
    page = search("avtale")
    first = page.results[0]
    assert (first.type, first.title) == ("Avtale", "Samarbeidsavtalen")
    assert first.url == "/samarbeidsavtalen/"
    # compounds: the sub-agreements and the 2019 agreement's PDF
    titles = page.titles
    assert any(t.startswith("Delavtale 3: Samarbeid om kunnskapsoverføring") for t in titles)
    assert "Samarbeidsavtale Helse Møre og Romsdal HF og kommunane 2019" in titles
    assert page.first("Samarbeidsavtalen – 2019").type == "Avtaleversjon"


def test_delavtale_3_finds_that_sub_agreement_and_its_versions(demo):
    page = search("delavtale 3")
    assert page.results, page.count_text
    # The agreements found are that sub-agreement and its versions (the hearing of the revised
    # agreement, whose section 3 is about the sub-agreements, is found too).
    agreements = [r for r in page.results if r.type in ("Avtale", "Avtaleversjon")]
    assert agreements and all(r.title.startswith("Delavtale 3:") for r in agreements)
    assert agreements[0].type == "Avtale" and agreements[0].context == ["Samarbeidsavtalen"]
    assert len([r for r in agreements if r.type == "Avtale"]) == 1


def test_mote_finds_the_meetings_of_ssu_before_their_parts(demo):
    page = search("møte")
    meetings = page.of_type("Møte")
    assert {r.title for r in meetings} >= {
        "Møte i SSU 7. juni 2023",
        "Møte i SSU 20. september 2023",
    }
    assert all(r.context == ["Strategisk samarbeidsutval (SSU)"] for r in meetings)
    assert page.results[0].type == "Møte"
    # inflections in the text: "møtet", "møta"
    assert {"møtet", "møta"} & {word.lower() for r in page.results for word in r.marked}


def test_a_decision_shows_its_type_date_and_context(demo):
    page = search("digital heimeoppfølging")
    decision = next(r for r in page.of_type("Vedtak") if "11/2023" in r.title)
    assert decision.date == "20. september 2023"
    assert decision.context == ["Strategisk samarbeidsutval (SSU)", "Møte i SSU 20. september 2023"]
    assert decision.url.endswith("/2023-09-20/#sak-11-2023")
    assert "heimeoppfølging" in decision.marked


def test_a_persons_name_finds_the_person_and_their_committees(demo):
    page = search("Ingrid Leirvåg")
    person = page.results[0]
    assert (person.type, person.title) == ("Person", "Ingrid Leirvåg")
    assert "Strategisk samarbeidsutval (SSU)" in person.context
    assert "Leiar" in person.snippet
    committees = {r.title for r in page.of_type("Utval")}
    assert "Strategisk samarbeidsutval (SSU)" in committees


def test_e_mail_addresses_of_people_are_not_indexed(demo):
    from samhandling.committees.people import Person
    from samhandling.search.models import SearchEntry

    person = Person.objects.get(name="Anders Fjørtoft")
    assert person.email and not person.show_email
    assert not SearchEntry.objects.filter(body__contains=person.email).exists()
    page = search(person.email)
    assert not [r for r in page.results if person.email in r.snippet]
    if not on_postgres():  # PostgreSQL offers names that look like the words of the address
        assert page.results == []


def test_participants_of_events_are_never_found(demo):
    from samhandling.events.models import Registration

    participant = Registration.objects.order_by("pk").first()
    assert participant is not None
    assert search(participant.name).results == []
    assert search(participant.email.split("@")[0]).results == []


def test_results_are_per_site(demo):
    assert not [r for r in search("avtale", host=HN_HOST).results if r.title == "Samarbeidsavtalen"]
    tromso = search("Tromsø", host=HN_HOST)
    assert "Dialogkonferanse i Tromsø med kommuner" in tromso.titles
    assert tromso.first("Dialogkonferanse i Tromsø med kommuner").type == "Arrangement"
    assert search("Tromsø").results == []  # Møre og Romsdal


def test_narrowing_by_type_and_year(demo):
    page = search("møte")
    label = page.type_options["meeting"]
    assert label.startswith("Møte (")
    count = int(label.split("(")[1].rstrip(")"))
    meetings = search("møte", type="meeting")
    assert len(meetings.results) == count
    assert {r.type for r in meetings.results} == {"Møte"}
    in_2023 = search("møte", type="meeting", aar="2023")
    assert in_2023.results and all(r.date.endswith("2023") for r in in_2023.results)
    assert in_2023.year_options["2023"].startswith("2023 (")
    assert "Fjern filtra" in in_2023.html


def test_a_filter_that_does_not_exist_is_explained_and_left_out(demo):
    page = search("møte", type="hemmeleg", aar="tusen")
    assert page.status == 200
    alerts = " ".join(page.alerts)
    assert "Den typen kjenner vi ikkje, så treff av alle typar er viste." in alerts
    assert "Det er ikkje eit år vi kan avgrense til, så treff frå alle år er viste." in alerts
    assert len(page.results) == len(search("møte").results)


def test_a_filter_with_nothing_in_it_says_so(demo):
    page = search("Ingrid Leirvåg", type="measure")
    assert page.results == []
    assert page.count_text == "Ingen treff på «Ingrid Leirvåg» med desse filtra."


def test_the_page_speaks_bokmal_and_english_too(demo):
    nb = search("Tromsø", host=HN_HOST)
    assert "Avgrens søket" in nb.html and "Alle typer" in nb.html
    from django.test import Client

    english = Client(HTTP_HOST=HN_HOST, HTTP_ACCEPT_LANGUAGE="en")
    english.cookies["django_language"] = "en"
    html = english.get("/sok/", {"q": "Tromsø"}).content.decode()
    assert "Narrow the search" in html and ">Event<" in html
