"""`make audit` really audits (issue #12): pip-audit here said "No known vulnerabilities" after
auditing nothing. The offline audit fails on no package, a missing, empty or stale export, a pin
the export does not cover, and finds what the committed export says about an old version."""

import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "dependency_audit", ROOT / "scripts" / "dependency_audit.py"
)
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

RECORD = {
    "id": "PYSEC-TEST-1",
    "summary": "A made-up hole",
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "Django"},
            "ranges": [
                {
                    "type": "ECOSYSTEM",
                    "events": [
                        {"fixed": "4.2.3"},
                        {"introduced": "4.2"},
                        {"introduced": "3.2"},
                        {"fixed": "3.2.20"},
                    ],
                }
            ],
        }
    ],
}


def _export(tmp_path: Path, *, records=(RECORD,), generated="2026-12-01", packages=("django",)):
    export = tmp_path / "osv"
    (export / "vulns").mkdir(parents=True, exist_ok=True)
    for record in records:
        (export / "vulns" / f"{record['id']}.json").write_text(json.dumps(record))
    index = {
        "generated": generated,
        "packages": list(packages),
        "sources": [{"key": "x", "name": "test", "date": generated, "records": len(records)}],
    }
    (export / "index.json").write_text(json.dumps(index))
    return export


def _lock(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "requirements.lock"
    path.write_text(text)
    return path


def _check(tmp_path, lock_text, **export_args):
    out = io.StringIO()
    audit.check(
        locks=[_lock(tmp_path, lock_text)],
        export=_export(tmp_path, **export_args),
        ignore=tmp_path / "ignore.txt",
        today=dt.date(2026, 12, 5),
        max_age_days=30,
        out=out,
    )
    return out.getvalue()


def test_auditing_no_package_is_a_failure_not_a_pass(tmp_path):
    with pytest.raises(audit.AuditFailed, match="Audited 0 packages"):
        _check(tmp_path, "# only comments\n")


def test_a_missing_or_empty_export_is_a_failure(tmp_path):
    with pytest.raises(audit.AuditFailed, match="No vulnerability export"):
        audit.check(locks=[_lock(tmp_path, "django==5.2.19\n")], export=tmp_path / "none")
    with pytest.raises(audit.AuditFailed, match="holds no record"):
        _check(tmp_path, "django==5.2.19\n", records=())


def test_a_stale_export_fails_and_says_its_date(tmp_path):
    with pytest.raises(audit.AuditFailed, match=r"36 days old \(from 2026-10-30"):
        _check(tmp_path, "django==5.2.19\n", generated="2026-10-30")


def test_a_pin_the_export_does_not_cover_fails(tmp_path):
    with pytest.raises(audit.AuditFailed, match="not in the export.*wagtail"):
        _check(tmp_path, "django==5.2.19\nwagtail==7.0\n")


@pytest.mark.parametrize(
    ("version", "vulnerable"),
    [("3.1", False), ("3.2", True), ("3.2.19", True), ("3.2.20", False), ("4.1", False)]
    + [("4.2", True), ("4.2.2", True), ("4.2.3", False), ("5.2.19", False)],
)
def test_versions_are_matched_against_the_osv_ranges(tmp_path, version, vulnerable):
    if vulnerable:
        with pytest.raises(audit.AuditFailed, match="1 known vulnerabilities"):
            _check(tmp_path, f"Django=={version}\n")
    else:
        assert "No known vulnerability" in _check(tmp_path, f"Django=={version}\n")


def test_an_ignored_record_needs_a_reason(tmp_path):
    (tmp_path / "ignore.txt").write_text("PYSEC-TEST-1\n")
    with pytest.raises(audit.AuditFailed, match="say why PYSEC-TEST-1 is ignored"):
        _check(tmp_path, "django==4.2.0\n")
    (tmp_path / "ignore.txt").write_text("PYSEC-TEST-1  # we do not use the validator\n")
    assert "ignored PYSEC-TEST-1" in _check(tmp_path, "django==4.2.0\n")


def test_the_committed_export_finds_the_holes_of_an_old_django(tmp_path):
    """The real data: Django 4.2.0 had published holes, and the committed export knows them."""
    index, records = audit.load_export()
    assert len(records) > 50 and "django" in index["packages"]
    findings = [r["id"] for r in records if audit.affects(r, "django", "4.2.0")]
    assert len(findings) >= 10
    assert not [r["id"] for r in records if audit.affects(r, "django", "5.2.19")]


def test_make_audit_fails_loudly_when_it_audits_nothing(tmp_path):
    """The command CI runs exits non-zero and says why."""
    code = (
        "import sys, pathlib; sys.path.insert(0, 'scripts'); import dependency_audit as a\n"
        f"a.LOCKS = [pathlib.Path({str(_lock(tmp_path, ''))!r})]\n"
        "a.check = lambda f=a.check: f(locks=a.LOCKS)\n"
        "sys.exit(a.main(['check']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "AUDIT FAILED" in result.stderr
