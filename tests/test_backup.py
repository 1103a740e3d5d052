"""Backups that restore (issue #12): a database filled with the demo and extra sign-ups is backed
up with `manage.py backup`, restored with `manage.py restore` into an EMPTY database and MEDIA_ROOT,
and the two are compared model by model (counts and every field) and file by file.

The commands run as an operator runs them, in their own processes with their own DATABASE_URL,
so these tests use no pytest-django test database: SQLite files under tmp_path, and on
PostgreSQL two databases of their own beside the one DATABASE_URL names (`<name>_backup_source`,
`<name>_backup_restore`), dropped and created again."""

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parent.parent

SIGN_UPS = """
from samhandling.events.models import EventPage
from samhandling.events.services import RegistrationRefused, registration_create
made = 0
for event in EventPage.objects.live().order_by("pk"):
    for number in range(3):
        try:
            registration_create(
                event=event, name=f"Backup Testar {number}", email=f"backup{number}@example.org",
                consent=True, organisation_other="Testkommune", dietary_needs="Ingen nøtter",
            )
            made += 1
        except RegistrationRefused:
            pass
assert made >= 3, made
print("sign-ups", made)
"""


def _run(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def _env(tmp_path: Path, database_url: str, media: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="samhandling.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / media),
        BACKUP_DIR=str(tmp_path / "backups"),
        SAMHANDLING_MAIL_VIEWER_DIR=str(tmp_path / "mail"),
        SAMHANDLING_DEMO_CACHE_DIR=str(tmp_path / "cache"),
        TASKS_LOG_LEVEL="ERROR",
    )
    return env


def _dump(env: dict, tmp_path: Path, name: str) -> list[dict]:
    target = tmp_path / f"{name}.json"
    _run(env, "dumpdata", "--output", str(target))
    return json.loads(target.read_text())


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _backup_and_restore_round_trip(tmp_path: Path, source_url: str, restore_url: str) -> None:
    source = _env(tmp_path, source_url, "media-source")
    _run(source, "migrate", "--no-input", "-v0")
    _run(source, "load_demo", "--no-admin", "--port", "80", "-v0")
    _run(source, "shell", "-c", SIGN_UPS)
    backup = Path(_run(source, "backup").stdout.strip().splitlines()[-1])
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["files"] and manifest["migrations"] and manifest["app_version"]
    assert any(entry["path"].startswith("media/") for entry in manifest["files"])

    target = _env(tmp_path, restore_url, "media-restored")
    restored = _run(target, "restore", str(backup))
    assert "counts match the backup" in restored.stdout

    before, after = _dump(source, tmp_path, "before"), _dump(target, tmp_path, "after")
    counts_before = Counter(row["model"] for row in before)
    counts_after = Counter(row["model"] for row in after)
    assert counts_after == counts_before
    assert counts_before["events.registration"] >= 3
    assert counts_before["wagtailcore.page"] > 20
    assert counts_before["core.siteimage"] > 0
    key = lambda row: (row["model"], json.dumps(row["pk"]))  # noqa: E731
    assert sorted(after, key=key) == sorted(before, key=key)
    assert _files(tmp_path / "media-restored") == _files(tmp_path / "media-source")
    assert _run(target, "migrate", "--check", check=False).returncode == 0

    # Restoring again over what is now there is refused, and nothing changes.
    again = _run(target, "restore", str(backup), check=False)
    assert again.returncode != 0 and "Refusing to restore over data" in again.stderr
    assert "--force" in again.stderr
    # ...unless forced.
    assert "counts match" in _run(target, "restore", str(backup), "--force").stdout


def test_sqlite_backup_restores_into_an_empty_database_with_the_same_content(tmp_path):
    _backup_and_restore_round_trip(
        tmp_path, f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'r.sqlite3'}"
    )


def _postgres_databases(*names: str) -> list[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")
    import psycopg

    config = dj_database_url.parse(url)
    base = config["NAME"].removeprefix("test_")
    admin = psycopg.connect(
        dbname="postgres",
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        autocommit=True,
    )
    urls = []
    with admin:
        for suffix in names:
            name = f"{base}_{suffix}"
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
            urls.append(url.rsplit("/", 1)[0] + "/" + name)
    return urls


@pytest.mark.postgres
def test_postgresql_backup_restores_into_an_empty_database_with_the_same_content(tmp_path):
    source_url, restore_url = _postgres_databases("backup_source", "backup_restore")
    _backup_and_restore_round_trip(tmp_path, source_url, restore_url)


# Checks before anything is touched: an unmigrated SQLite database and one file are enough here.


@pytest.fixture
def small_backup(tmp_path):
    sqlite3.connect(tmp_path / "small.sqlite3").close()  # an empty database
    env = _env(tmp_path, f"sqlite:///{tmp_path / 'small.sqlite3'}", "media-source")
    media = tmp_path / "media-source" / "documents"
    media.mkdir(parents=True)
    (media / "sakspapir.pdf").write_bytes(b"%PDF-1.4 sakspapir")
    backup = Path(_run(env, "backup").stdout.strip().splitlines()[-1])
    return backup, _env(tmp_path, f"sqlite:///{tmp_path / 'empty.sqlite3'}", "media-restored")


def test_a_damaged_backup_is_refused_before_anything_is_touched(small_backup, tmp_path):
    backup, target = small_backup
    (backup / "media" / "documents" / "sakspapir.pdf").write_bytes(b"%PDF-1.4 endra")
    result = _run(target, "restore", str(backup), check=False)
    assert result.returncode != 0
    assert "media/documents/sakspapir.pdf does not match its checksum" in result.stderr
    empty = tmp_path / "empty.sqlite3"
    assert not empty.exists() or empty.stat().st_size == 0
    assert not (tmp_path / "media-restored").exists()


def test_a_backup_with_a_missing_file_or_no_manifest_is_refused(small_backup, tmp_path):
    backup, target = small_backup
    (backup / "database.sqlite3").unlink()
    result = _run(target, "restore", str(backup), check=False)
    assert result.returncode != 0 and "database.sqlite3 is missing" in result.stderr
    (backup / "manifest.json").unlink()
    result = _run(target, "restore", str(backup), check=False)
    assert result.returncode != 0 and "not a backup" in result.stderr


def test_there_is_nothing_to_back_up_without_a_database(tmp_path):
    env = _env(tmp_path, f"sqlite:///{tmp_path / 'none.sqlite3'}", "media-source")
    result = _run(env, "backup", check=False)
    assert result.returncode != 0 and "There is no database at" in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()
    backups = tmp_path / "backups"
    assert not backups.exists() or not any(backups.iterdir())


def test_a_backup_is_checked_without_restoring_it(small_backup):
    backup, target = small_backup
    result = _run(target, "restore", "--check")  # the newest backup in BACKUP_DIR
    assert "files match their checksums" in result.stdout and str(backup) in result.stdout
