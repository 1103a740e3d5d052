"""The organisation numbers in the reference data: each given number passes the check digit and
is unique; every municipality and trust of the registry has a row; the loader fills them in."""

import csv

import pytest

from samhandling.organisations.models import Organisation, organisation_number_is_valid
from samhandling.organisations.reference_data import (
    DATA_DIR,
    load_organisation_numbers,
    organisation_numbers,
)


def _rows(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_every_number_given_passes_the_check_digit_and_is_unique():
    rows = _rows("organisation-numbers.csv")
    numbers = [row["organisasjonsnummer"] for row in rows if row["organisasjonsnummer"]]
    assert numbers and all(organisation_number_is_valid(number) for number in numbers)
    assert len(numbers) == len(set(numbers))
    assert all(row["visse"] in {"høg", "låg", "ukjend"} for row in rows)
    assert all(row["kjelde"] for row in rows if row["organisasjonsnummer"])


def test_every_municipality_and_trust_has_a_row():
    keys = {row["key"] for row in _rows("organisation-numbers.csv")}
    assert {row["kommunenummer"] for row in _rows("kommunar-2024.csv")} <= keys
    assert {row["key"] for row in _rows("health-trusts.csv")} <= keys
    missing = [
        row["key"] for row in _rows("organisation-numbers.csv") if not row["organisasjonsnummer"]
    ]
    assert missing == ["1580"]  # Haram (re-established 2024): not found, left empty


@pytest.mark.django_db
def test_the_registry_has_the_numbers_and_a_hand_made_change_is_kept(demo):
    numbers = organisation_numbers()
    assert Organisation.objects.get(municipality_number="5601").organisation_number == "944588132"
    assert Organisation.objects.get(reference_key="unn-hf").organisation_number == "983974899"
    assert Organisation.objects.exclude(organisation_number=None).count() >= len(numbers)
    molde = Organisation.objects.get(municipality_number="1506")
    Organisation.objects.filter(pk=molde.pk).update(organisation_number="964982953")
    load_organisation_numbers(Organisation)
    molde.refresh_from_db()
    assert molde.organisation_number == "964982953"
