"""Dependency audit against a committed OSV export (`make audit`, `make audit-refresh`).

    python scripts/dependency_audit.py check      # offline: the pinned locks against security/osv/
    python scripts/dependency_audit.py refresh [--advisory-db DIR]

`check` reads every `name==version` of requirements.lock and requirements-dev.lock and matches it
against the OSV records in security/osv/vulns/ (their `affected` ranges and version lists, compared
with `packaging`). It FAILS, never passes on nothing, when: it read no package; the export is
missing or holds no record; the export is older than AUDIT_MAX_AGE_DAYS (default 30); a pinned
package is not covered by the export (the lock changed since the refresh); or a pinned version is
affected by a record not listed with a reason in security/osv-ignore.txt.

`refresh` rebuilds the export for the packages of the locks from what can be reached:
- `--advisory-db DIR`: a directory of OSV records (YAML or JSON), e.g. a checkout of the PyPA
  advisory database or OSV's PyPI export unpacked; every record of a locked package is kept,
  whichever version it affects, so that changing a pin needs no new refresh. Without it, the
  records of the previous refresh from that source are kept, with their date;
- the package index's JSON API (always): the `vulnerabilities` it lists for the LATEST release of
  each package (it has no per-version answers here), kept as OSV records that affect every version
  up to the first fix, if any.

pip-audit cannot read a local database (its services are online only), hence this script."""

import argparse
import datetime as dt
import json
import os
import re
import sys
import urllib.request
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "security" / "osv"
IGNORE = ROOT / "security" / "osv-ignore.txt"
LOCKS = [ROOT / "requirements.lock", ROOT / "requirements-dev.lock"]
MAX_AGE_DAYS = int(os.environ.get("AUDIT_MAX_AGE_DAYS", "30"))
ADVISORY_SOURCE = "advisory-db"
INDEX_SOURCE = "package-index-json"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


class AuditFailed(Exception):
    pass


def read_locks(paths: list[Path]) -> dict[str, str]:
    """{normalized name: version} of every `name==version` line of the lock files."""
    pins = {}
    for path in paths:
        if not path.exists():
            raise AuditFailed(f"{path} does not exist.")
        for line in path.read_text().splitlines():
            match = _PIN.match(line.strip())
            if match:
                pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _in_range(version: Version, events: list[dict]) -> bool:
    """OSV's ECOSYSTEM range: events sorted by version, introduced opens, fixed closes (the fixed
    version is not affected), last_affected closes after itself."""

    def order(event):
        value = next(iter(event.values()))
        return Version("0") if value == "0" else (_version(str(value)) or Version("0"))

    affected = False
    for event in sorted(events, key=order):
        kind, value = next(iter(event.items()))
        bound = Version("0") if value == "0" else _version(str(value))
        if bound is None:
            continue
        if kind == "introduced" and bound <= version:
            affected = True
        elif (kind == "fixed" and bound <= version) or (
            kind == "last_affected" and bound < version
        ):
            affected = False
    return affected


def affects(record: dict, name: str, version_text: str) -> bool:
    if record.get("withdrawn"):
        return False
    version = _version(version_text)
    for affected in record.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != "PyPI" or canonicalize_name(package.get("name", "")) != name:
            continue
        if version_text in affected.get("versions", []):
            return True
        if version is None:
            continue
        for range_ in affected.get("ranges", []):
            if range_.get("type") == "ECOSYSTEM" and _in_range(version, range_["events"]):
                return True
    return False


def read_ignores(path: Path = IGNORE) -> dict[str, str]:
    """`ID  # reason` per line; an entry without a reason is an error."""
    ignores = {}
    if not path.exists():
        return ignores
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        ident, _, reason = line.partition("#")
        if not reason.strip():
            raise AuditFailed(f"{path}:{number}: say why {ident.strip()} is ignored (# reason).")
        ignores[ident.strip()] = reason.strip()
    return ignores


def load_export(export: Path = EXPORT) -> tuple[dict, list[dict]]:
    index_path = export / "index.json"
    if not index_path.exists():
        raise AuditFailed(f"No vulnerability export at {export}: run `make audit-refresh`.")
    index = json.loads(index_path.read_text())
    records = [json.loads(p.read_text()) for p in sorted((export / "vulns").glob("*.json"))]
    if not records:
        raise AuditFailed(f"The export at {export} holds no record: run `make audit-refresh`.")
    return index, records


def check(
    *,
    locks: list[Path] = LOCKS,
    export: Path = EXPORT,
    ignore: Path = IGNORE,
    today: dt.date | None = None,
    max_age_days: int = MAX_AGE_DAYS,
    out=sys.stdout,
) -> list[tuple[str, str, str]]:
    """The findings [(package, version, record id)]; raises AuditFailed when the audit cannot be
    trusted or finds something."""
    today = today or dt.date.today()
    index, records = load_export(export)
    generated = dt.date.fromisoformat(index["generated"][:10])
    print(f"Vulnerability export of {generated.isoformat()}, {len(records)} records:", file=out)
    for source in index.get("sources", []):
        print(
            f"  {source['name']}: {source['records']} records, data of {source['date']}", file=out
        )
        source_age = (today - dt.date.fromisoformat(source["date"][:10])).days
        if source_age > max_age_days:
            print(
                f"  WARNING: that data is {source_age} days old; refresh it from newer data.",
                file=out,
            )
    age = (today - generated).days
    if age > max_age_days:
        raise AuditFailed(
            f"The export is {age} days old (from {generated}; at most {max_age_days}): "
            "run `make audit-refresh` and commit security/osv/."
        )
    pins = read_locks(locks)
    if not pins:
        raise AuditFailed(
            "Audited 0 packages: no `name==version` line in " + ", ".join(map(str, locks))
        )
    uncovered = sorted(set(pins) - set(index.get("packages", [])))
    if uncovered:
        raise AuditFailed(
            f"{len(uncovered)} pinned packages are not in the export ({', '.join(uncovered[:8])}"
            f"{' …' if len(uncovered) > 8 else ''}): run `make audit-refresh`."
        )
    ignores = read_ignores(ignore)
    findings, ignored = [], []
    for record in records:
        for name, version in pins.items():
            if affects(record, name, version):
                (ignored if record["id"] in ignores else findings).append(
                    (name, version, record["id"])
                )
    print(f"Audited {len(pins)} pinned packages ({', '.join(p.name for p in locks)}).", file=out)
    for name, version, ident in ignored:
        print(f"  ignored {ident} in {name} {version}: {ignores[ident]}", file=out)
    if findings:
        by_id = {r["id"]: r for r in records}
        for name, version, ident in findings:
            summary = by_id[ident].get("summary") or by_id[ident].get("details", "")[:120]
            print(f"  VULNERABLE {name} {version}: {ident} {summary}", file=out)
        raise AuditFailed(f"{len(findings)} known vulnerabilities in the pinned packages.")
    print("No known vulnerability in the pinned packages.", file=out)
    return findings


# --- refresh -------------------------------------------------------------------------------------


def _read_records(directory: Path) -> list[dict]:
    import yaml

    records = []
    for path in sorted(directory.rglob("*")):
        if path.suffix in (".yaml", ".yml"):
            records.append(yaml.safe_load(path.read_text()))
        elif path.suffix == ".json":
            records.append(json.loads(path.read_text()))
    return [r for r in records if isinstance(r, dict) and "id" in r]


def _names(record: dict) -> set[str]:
    return {
        canonicalize_name(a["package"]["name"])
        for a in record.get("affected", [])
        if a.get("package", {}).get("ecosystem") == "PyPI"
    }


def _index_json_url() -> str:
    url = os.environ.get("AUDIT_INDEX_JSON_URL")
    if url:
        return url.rstrip("/")
    from pip._internal.models.index import PyPI  # the index pip itself uses by default

    return PyPI.pypi_url


def _index_records(name: str, base_url: str, today: str) -> list[dict]:
    url = f"{base_url}/{name}/json"
    if not url.startswith("https://"):
        raise AuditFailed(f"Refusing a non-HTTPS index URL: {url}")
    # B310: an https URL built from pip's own index address (or AUDIT_INDEX_JSON_URL).
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310  # nosec B310
        project = json.load(answer)
    latest = project["info"]["version"]
    records = []
    for vuln in project.get("vulnerabilities") or []:
        fixes = sorted(filter(None, map(_version, vuln.get("fixed_in") or [])))
        events = [{"introduced": "0"}] + ([{"fixed": str(fixes[0])}] if fixes else [])
        records.append(
            {
                "id": vuln["id"],
                "modified": today,
                "aliases": vuln.get("aliases") or [],
                "summary": vuln.get("summary") or "",
                "details": vuln.get("details") or "",
                "withdrawn": vuln.get("withdrawn"),
                "affected": [
                    {
                        "package": {"ecosystem": "PyPI", "name": name},
                        "ranges": [{"type": "ECOSYSTEM", "events": events}],
                    }
                ],
                "references": [{"type": "ADVISORY", "url": vuln["link"]}]
                if vuln.get("link")
                else [],
                "database_specific": {"source": INDEX_SOURCE, "latest_release": latest},
            }
        )
    return records


def refresh(
    *, advisory_db: Path | None, label: str = "", export: Path = EXPORT, out=sys.stdout
) -> dict:
    pins = read_locks(LOCKS)
    today = dt.date.today().isoformat()
    old_index, old_records = {}, []
    if (export / "index.json").exists():
        old_index = json.loads((export / "index.json").read_text())
        old_records = [json.loads(p.read_text()) for p in (export / "vulns").glob("*.json")]
    sources = {s["key"]: s for s in old_index.get("sources", []) if "key" in s}

    if advisory_db is not None:
        records = [r for r in _read_records(Path(advisory_db)) if _names(r) & set(pins)]
        if not records:
            raise AuditFailed(f"No OSV record of a locked package under {advisory_db}.")
        newest = max(str(r.get("modified", ""))[:10] for r in records)
        sources[ADVISORY_SOURCE] = {
            "key": ADVISORY_SOURCE,
            "name": f"OSV records of {label or Path(advisory_db).name} (newest record {newest})",
            "date": newest,
            "records": len(records),
        }
        advisory = records
    else:
        advisory = [
            r for r in old_records if r.get("database_specific", {}).get("source") != INDEX_SOURCE
        ]
    known = {r["id"] for r in advisory} | {a for r in advisory for a in r.get("aliases", [])}

    base_url = _index_json_url()
    from_index = []
    for name in sorted(pins):
        for record in _index_records(name, base_url, today):
            if record["id"] not in known and not set(record["aliases"]) & known:
                from_index.append(record)
    print(f"Package index: {len(pins)} packages asked, {len(from_index)} new records.", file=out)
    sources[INDEX_SOURCE] = {
        "key": INDEX_SOURCE,
        "name": "package index JSON API (vulnerabilities of each package's latest release)",
        "date": today,
        "records": len(from_index),
    }

    vulns = export / "vulns"
    vulns.mkdir(parents=True, exist_ok=True)
    for old in vulns.glob("*.json"):
        old.unlink()
    for record in advisory + from_index:
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", record["id"])
        text = json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False, default=str)
        (vulns / f"{safe}.json").write_text(text + "\n")
    index = {
        "generated": today,
        "packages": sorted(pins),
        "records": len(advisory) + len(from_index),
        "sources": sorted(sources.values(), key=lambda s: s["key"]),
    }
    (export / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    print(f"Wrote {index['records']} records for {len(pins)} packages to {export}.", file=out)
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="audit the locks against the committed export (offline)")
    refresh_parser = commands.add_parser("refresh", help="rebuild security/osv/")
    refresh_parser.add_argument("--advisory-db", type=Path, default=None)
    refresh_parser.add_argument("--label", default="", help="what the advisory database is")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            check()
        else:
            refresh(advisory_db=args.advisory_db, label=args.label)
    except AuditFailed as error:
        print(f"AUDIT FAILED: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
