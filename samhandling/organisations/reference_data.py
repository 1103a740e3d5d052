"""Loads the dated reference data in ./data into the Organisation registry.

Used by a data migration (with the historical model) and by `manage.py load_reference_data`.
Loading is idempotent: rows are matched on their reference key and updated, never duplicated.
"""

import csv
import datetime
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
VALID_FROM = datetime.date(2024, 1, 1)
MUNICIPALITY_SOURCE = "SSB KLASS 131 (kommuneinndeling), gyldig frå 1.1.2024"
TRUST_SOURCE = "Helse- og omsorgsdepartementet: vedtekter for RHF og HF, 2024"
# Where the written standards come from (see data/README.md for how the list was compiled).
WRITTEN_STANDARD_SOURCE = "Språkrådet: målvedtak i kommunane, stoda 1.1.2024"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def load_reference_data(organisation_model) -> dict[str, int]:
    """Create or update municipalities and health trusts; return counts of created/updated."""
    counts = {"created": 0, "updated": 0}
    standards = {row["kommunenummer"]: row["maalform"] for row in _rows("written-standards.csv")}
    # Older historical models (migration 0002) lack the field that remembers the loaded value.
    remembers = any(
        field.name == "written_standard_reference" for field in organisation_model._meta.fields
    )

    def written_standard(obj, value: str) -> bool:
        """Take the reference value unless the secretariat recorded another one by hand (a value
        that is neither empty nor the one last loaded). Returns whether anything changed."""
        if not value:
            return False  # never overwrite what the secretariat recorded with nothing
        loaded = obj.written_standard_reference if remembers else ""
        changed = False
        if obj.written_standard in ("", loaded) and obj.written_standard != value:
            obj.written_standard = value
            changed = True
        if remembers and loaded != value:
            obj.written_standard_reference = value
            changed = True
        return changed

    def upsert(key: str, lookup: dict, values: dict) -> object:
        obj = organisation_model.objects.filter(reference_key=key).first()
        if obj is None:
            obj = organisation_model.objects.filter(**lookup).first()
        standard = values.pop("written_standard", "")
        if obj is None:
            counts["created"] += 1
            if remembers and standard:
                values["written_standard_reference"] = standard
            return organisation_model.objects.create(
                reference_key=key, written_standard=standard, **lookup, **values
            )
        changed = obj.reference_key != key
        obj.reference_key = key
        changed = written_standard(obj, standard) or changed
        for field, value in {**lookup, **values}.items():
            if getattr(obj, field) != value:
                setattr(obj, field, value)
                changed = True
        if changed:
            obj.save()
            counts["updated"] += 1
        return obj

    for row in _rows("kommunar-2024.csv"):
        number = row["kommunenummer"]
        upsert(
            f"kommune-{number}",
            {"municipality_number": number},
            {
                "name": row["namn"],
                "sami_name": row["samisk_namn"],
                "kind": "kommune",
                "county": row["fylke"],
                "written_standard": standards.get(number, ""),
                "source": MUNICIPALITY_SOURCE,
                "valid_from": VALID_FROM,
            },
        )

    trusts = _rows("health-trusts.csv")
    by_key = {}
    for row in trusts:  # parents come first in the file
        parent = by_key.get(row["parent"]) if row["parent"] else None
        by_key[row["key"]] = upsert(
            row["key"],
            {"name": row["namn"]},
            {
                "kind": row["kind"],
                "county": row["region"],
                "parent": parent,
                "source": TRUST_SOURCE,
                "valid_from": VALID_FROM,
            },
        )
    counts["updated"] += load_organisation_numbers(organisation_model)
    return counts


def organisation_numbers() -> dict[str, str]:
    """Reference key (`kommune-1506`, `helse-nord-rhf`) → organisation number, for the rows that
    have one (a row without a number is left out: nothing is invented)."""
    numbers = {}
    for row in _rows("organisation-numbers.csv"):
        if not row["organisasjonsnummer"]:
            continue
        key = row["key"]
        numbers[f"kommune-{key}" if key.isdigit() else key] = row["organisasjonsnummer"]
    return numbers


def load_organisation_numbers(organisation_model) -> int:
    """Fill in the organisation number where the registry has none. A number the secretariat
    recorded by hand is kept, and a number another organisation already holds is never taken
    (the field is unique). Returns how many organisations changed."""
    if not any(field.name == "organisation_number" for field in organisation_model._meta.fields):
        return 0  # historical models before migration 0004
    from .models import organisation_number_is_valid

    changed = 0
    for key, number in organisation_numbers().items():
        if not organisation_number_is_valid(number):
            raise ValueError(f"organisation-numbers.csv: {key} has an invalid number {number}")
        obj = organisation_model.objects.filter(reference_key=key).first()
        if obj is None or obj.organisation_number:
            continue
        if organisation_model.objects.filter(organisation_number=number).exists():
            continue
        obj.organisation_number = number
        obj.save(update_fields=["organisation_number"])
        changed += 1
    return changed
