"""Backups that restore: the database and the uploaded files (MEDIA_ROOT) in one folder with a
manifest (`manage.py backup`, `manage.py restore`, `make backup`, `make restore`).

A backup is a folder `samhandling-<engine>-<UTC time>/` under BACKUP_DIR holding

    manifest.json      when, which engine, the migrations applied, the app's version, the rows
                       of every table, and every file below with its size and sha256
    database.sqlite3   (SQLite, online backup API) or database.pgdump (pg_dump, custom format)
    media/...          a copy of MEDIA_ROOT

It is written under a `.partial` name and renamed when complete, so a folder without that suffix
is a whole backup. A restore checks the manifest and every checksum before it touches anything,
refuses a database that already has tables (or a MEDIA_ROOT with files) unless forced, and after
restoring compares the rows of every table with the manifest."""

import datetime as dt
import hashlib
import json
import shutil
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from . import backup_engines as engines
from .backup_engines import BackupError

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"

__all__ = ["BackupError", "RestoreReport", "backup_create", "backup_restore", "backup_verify"]


@dataclass(frozen=True)
class RestoreReport:
    path: Path
    engine: str
    tables: int
    rows: int
    media_files: int
    migrations_to_apply: list[str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _app_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    if pyproject.exists():
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    try:
        return metadata.version("samhandling")
    except metadata.PackageNotFoundError:
        return "unknown"


def _applied_migrations(alias: str) -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _media_root() -> Path:
    if not isinstance(storages["default"], FileSystemStorage):
        raise BackupError(
            "Media are not on this machine's disk (S3 or another storage): back them up with the "
            "storage's own versioning, and run the backup with --no-media."
        )
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup_create(*, backup_dir: Path, media: bool = True, alias: str = "default") -> Path:
    """Write a complete backup folder under `backup_dir` and return its path."""
    engine = engines.engine_of(alias)
    engines.check_source(engine=engine, alias=alias)
    media_root = _media_root() if media else None
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    name = f"samhandling-{engine}-{now.strftime('%Y%m%dT%H%M%SZ')}"
    final = Path(backup_dir) / name
    partial = final.with_name(name + ".partial")
    if final.exists() or partial.exists():
        raise BackupError(f"{final} exists already; wait a second and try again.")
    partial.mkdir(parents=True)
    try:
        dump_name = engines.DUMP_NAMES[engine]
        migrations = _applied_migrations(alias)
        counts = engines.dump(engine=engine, alias=alias, target=partial / dump_name)
        if media_root is not None:
            for source in _media_files(media_root):
                target = partial / MEDIA_DIR / source.relative_to(media_root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        files = [
            {
                "path": path.relative_to(partial).as_posix(),
                "size": path.stat().st_size,
                "sha256": _sha256(path),
            }
            for path in sorted(p for p in partial.rglob("*") if p.is_file())
        ]
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "app_version": _app_version(),
            "engine": engine,
            "database_file": dump_name,
            "media_included": media_root is not None,
            "migrations": migrations,
            "tables": counts,
            "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def backup_verify(*, path: Path, alias: str = "default") -> dict:
    """The backup's manifest, once every file in it is there with its size and checksum, and the
    backup fits this database engine and this version of the code. Touches nothing."""
    path = Path(path)
    if path.name.endswith(".partial"):
        raise BackupError(f"{path} is an unfinished backup.")
    try:
        manifest = json.loads((path / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{path} has no {MANIFEST}: not a backup.") from error
    except json.JSONDecodeError as error:
        raise BackupError(f"{path / MANIFEST} is not valid JSON: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    listed = {entry["path"] for entry in manifest["files"]}
    if manifest["database_file"] not in listed:
        raise BackupError("The manifest lists no database file.")
    for entry in manifest["files"]:
        file = path / entry["path"]
        if not file.resolve().is_relative_to(path.resolve()):
            raise BackupError(f"The manifest names a file outside the backup: {entry['path']}")
        if not file.is_file():
            raise BackupError(f"{entry['path']} is missing from the backup.")
        if file.stat().st_size != entry["size"] or _sha256(file) != entry["sha256"]:
            raise BackupError(f"{entry['path']} does not match its checksum: the backup is damaged")
    engine = engines.engine_of(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This is a {manifest['engine']} backup and the database is {engine}: "
            "restore it into a database of the same engine."
        )
    unknown = sorted(set(manifest["migrations"]) - _known_migrations())
    if unknown:
        raise BackupError(
            "The backup comes from a newer version of Samhandling (migrations this code does not "
            f"have: {', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}). Update the code."
        )
    return manifest


def backup_restore(*, path: Path, force: bool = False, alias: str = "default") -> RestoreReport:
    """Put a verified backup back: the database, then the media files."""
    path = Path(path)
    manifest = backup_verify(path=path, alias=alias)
    tables = engines.table_names(alias=alias)
    media_root = _media_root() if manifest["media_included"] else None
    existing_media = _media_files(media_root) if media_root else []
    if not force and (tables or existing_media):
        found = []
        if tables:
            found.append(f"{len(tables)} tables in the database")
        if existing_media:
            found.append(f"{len(existing_media)} files in {media_root}")
        raise BackupError(
            f"Refusing to restore over data: found {' and '.join(found)}. Restore into an empty "
            "database and MEDIA_ROOT, or add --force to replace what is there."
        )
    counts = engines.restore(
        engine=manifest["engine"],
        alias=alias,
        dump_path=path / manifest["database_file"],
        clean=bool(tables),
    )
    differing = {
        table: (expected, counts.get(table))
        for table, expected in manifest["tables"].items()
        if counts.get(table) != expected
    }
    if differing:
        raise BackupError(f"Restored row counts differ from the backup's: {differing}")
    media_files = 0
    if media_root is not None:
        for entry in manifest["files"]:
            if entry["path"].startswith(MEDIA_DIR + "/"):
                target = media_root / Path(entry["path"]).relative_to(MEDIA_DIR)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path / entry["path"], target)
                media_files += 1
    pending = sorted(_known_migrations() - set(_applied_migrations(alias)))
    connections[alias].close()
    return RestoreReport(
        path=path,
        engine=manifest["engine"],
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        media_files=media_files,
        migrations_to_apply=pending,
    )


def backup_latest(*, backup_dir: Path) -> Path:
    """The newest complete backup under `backup_dir`."""
    folders = Path(backup_dir).glob("samhandling-*")
    candidates = sorted(
        (p for p in folders if p.is_dir() and p.suffix != ".partial"),
        key=lambda p: p.name.rsplit("-", 1)[-1],  # by time, whichever the engine
    )
    if not candidates:
        raise BackupError(f"No backup in {backup_dir}.")
    return candidates[-1]
