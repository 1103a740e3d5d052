import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

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


def test_written_standard_is_recorded_where_known_and_shown_in_the_name():
    assert Organisation.objects.get(municipality_number="1577").written_standard == "nynorsk"
    assert Organisation.objects.get(municipality_number="1505").written_standard == ""
    assert str(Organisation.objects.get(municipality_number="5612")) == (
        "Kautokeino – Guovdageaidnu"
    )


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
