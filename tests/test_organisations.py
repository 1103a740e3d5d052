import csv

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from samhandling.organisations import reference_data
from samhandling.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def municipalities(county):
    return Organisation.objects.filter(kind=OrganisationKind.KOMMUNE, county=county)


def test_reference_data_has_every_municipality_of_the_2024_structure():
    assert municipalities("Møre og Romsdal").count() == 27
    assert municipalities("Nordland").count() == 41
    assert municipalities("Troms").count() == 21
    assert municipalities("Finnmark").count() == 18


@pytest.mark.parametrize(
    ("number", "name", "sami_name"),
    [
        ("1506", "Molde", ""),
        ("1508", "Ålesund", ""),
        ("1580", "Haram", ""),
        ("1804", "Bodø", ""),
        ("5501", "Tromsø", ""),
        ("5612", "Kautokeino", "Guovdageaidnu"),
        ("1826", "Hattfjelldal", "Aarborte"),
    ],
)
def test_known_municipalities_have_their_numbers_and_sami_names(number, name, sami_name):
    municipality = Organisation.objects.get(municipality_number=number)
    assert municipality.name == name
    assert municipality.sami_name == sami_name
    assert municipality.valid_from.isoformat() == "2024-01-01"
    assert "KLASS 131" in municipality.source


def test_every_municipality_has_a_written_standard_and_the_sami_name_is_shown_beside_it():
    assert not municipalities_without_written_standard()
    assert Organisation.objects.get(municipality_number="1577").written_standard == "nynorsk"
    assert Organisation.objects.get(municipality_number="1508").written_standard == "noytral"
    kautokeino = Organisation.objects.get(municipality_number="5612")
    assert str(kautokeino) == kautokeino.display_name == "Kautokeino – Guovdageaidnu"


def municipalities_without_written_standard():
    return list(
        Organisation.objects.filter(kind=OrganisationKind.KOMMUNE, written_standard="").values_list(
            "name", flat=True
        )
    )


def test_the_written_standards_file_lists_every_municipality_once_with_a_known_value():
    data = reference_data.DATA_DIR
    with (data / "kommunar-2024.csv").open(encoding="utf-8") as handle:
        numbers = [row["kommunenummer"] for row in csv.DictReader(handle, delimiter=";")]
    with (data / "written-standards.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert sorted(row["kommunenummer"] for row in rows) == sorted(numbers)
    assert {row["maalform"] for row in rows} <= {"nynorsk", "bokmal", "noytral"}
    assert {row["visse"] for row in rows} <= {"høg", "låg"}


@pytest.mark.parametrize(
    ("number", "language"),
    [("1520", "nn"), ("1804", "nb"), ("1506", "")],  # Ørsta nynorsk, Bodø bokmål, Molde neutral
)
def test_a_municipality_says_which_language_its_e_mails_are_in(number, language):
    assert Organisation.objects.get(municipality_number=number).email_language == language


def test_an_organisation_that_is_not_a_municipality_has_no_written_standard_language():
    trust = Organisation.objects.get(name="Helse Møre og Romsdal HF")
    trust.written_standard = "nynorsk"  # even if someone records one
    assert trust.email_language == ""


def test_reload_brings_a_changed_reference_value_but_keeps_the_secretariats_own(monkeypatch):
    molde = Organisation.objects.get(municipality_number="1506")
    kristiansund = Organisation.objects.get(municipality_number="1505")
    kristiansund.written_standard = "bokmal"  # the secretariat's own record
    kristiansund.save()
    real_rows = reference_data._rows

    def rows(name):
        found = real_rows(name)
        if name == "written-standards.csv":
            for row in found:
                if row["kommunenummer"] in ("1505", "1506"):
                    row["maalform"] = "nynorsk"  # a corrected list
        return found

    monkeypatch.setattr(reference_data, "_rows", rows)
    call_command("load_reference_data", verbosity=0)
    molde.refresh_from_db()
    kristiansund.refresh_from_db()
    assert molde.written_standard == "nynorsk"
    assert kristiansund.written_standard == "bokmal"


def test_the_migration_path_fills_in_an_empty_written_standard():
    Organisation.objects.filter(municipality_number="1520").update(
        written_standard="", written_standard_reference=""
    )
    counts = reference_data.load_reference_data(Organisation)
    assert counts["updated"] == 1
    assert Organisation.objects.get(municipality_number="1520").written_standard == "nynorsk"


def test_health_trusts_and_regional_authority_are_there_with_their_parents():
    helse_nord = Organisation.objects.get(name="Helse Nord RHF", kind=OrganisationKind.RHF)
    trusts = Organisation.objects.filter(kind=OrganisationKind.HELSEFORETAK, parent=helse_nord)
    assert set(trusts.values_list("name", flat=True)) == {
        "Helgelandssykehuset HF",
        "Nordlandssykehuset HF",
        "Universitetssykehuset Nord-Norge HF",
        "Finnmarkssykehuset HF",
    }
    assert Organisation.objects.get(name="Helse Møre og Romsdal HF").parent.name == (
        "Helse Midt-Norge RHF"
    )


def test_loading_reference_data_again_changes_nothing(capsys):
    before = Organisation.objects.count()
    call_command("load_reference_data")
    assert "0 created, 0 updated" in capsys.readouterr().out
    assert Organisation.objects.count() == before


def test_reload_keeps_a_written_standard_the_secretariat_recorded():
    kristiansund = Organisation.objects.get(municipality_number="1505")
    kristiansund.written_standard = "bokmal"
    kristiansund.save()
    call_command("load_reference_data", verbosity=0)
    kristiansund.refresh_from_db()
    assert kristiansund.written_standard == "bokmal"


def test_database_refuses_a_second_organisation_with_the_same_municipality_number():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Kopi", kind="kommune", municipality_number="1506")


def test_database_refuses_a_municipality_without_a_number():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Utan nummer", kind="kommune")


@pytest.mark.django_db
def test_more_og_romsdal_agrees_with_sprakradets_county_totals():
    """Språkrådet's totals of municipal language decisions (in force 1 January 2022): Møre og
    Romsdal has 27 municipalities, 15 nynorsk, 12 neutral and none bokmål (see data/README.md)."""
    from collections import Counter

    counts = Counter(
        Organisation.objects.filter(
            kind=OrganisationKind.KOMMUNE, municipality_number__startswith="15"
        ).values_list("written_standard", flat=True)
    )
    assert counts == Counter({"nynorsk": 15, "noytral": 12})
