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


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def load_reference_data(organisation_model) -> dict[str, int]:
    """Create or update municipalities and health trusts; return counts of created/updated."""
    counts = {"created": 0, "updated": 0}
    standards = {row["kommunenummer"]: row["maalform"] for row in _rows("written-standards.csv")}

    def upsert(key: str, lookup: dict, values: dict) -> object:
        obj = organisation_model.objects.filter(reference_key=key).first()
        if obj is None:
            obj = organisation_model.objects.filter(**lookup).first()
        if obj is None:
            counts["created"] += 1
            return organisation_model.objects.create(reference_key=key, **lookup, **values)
        changed = obj.reference_key != key
        obj.reference_key = key
        for field, value in {**lookup, **values}.items():
            # Never overwrite what the secretariat recorded with an empty reference value.
            if field == "written_standard" and not value:
                continue
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
    return counts
