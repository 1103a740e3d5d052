"""Copying the database in and out, per engine: SQLite with its online backup API (safe while the
app writes), PostgreSQL with pg_dump's custom format and pg_restore. Each copy also counts the rows
of every table as the copy saw them, so that a restore can prove it put back what was saved.

Used by `samhandling.core.backup`; nothing else should need it."""

import os
import shutil
import sqlite3
import subprocess  # nosec B404 (pg_dump and pg_restore, with argument lists, never a shell)
from pathlib import Path

from django.db import connections

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUMP_NAMES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}


class BackupError(Exception):
    """Something stops a backup or a restore; the message says what and what to do."""


def engine_of(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        # S608/B608: the table names come from the database's own catalogue, quoted.
        table: db.execute(f"SELECT COUNT(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608  # nosec B608
        for table in sorted(tables)
    }


def _sqlite_path(alias: str) -> Path:
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(name)


# --- SQLite --------------------------------------------------------------------------------------


def check_source(*, engine: str, alias: str) -> None:
    """Before anything connects (which would create an empty SQLite file): is there a database?"""
    if engine == SQLITE and not _sqlite_path(alias).exists():
        raise BackupError(f"There is no database at {_sqlite_path(alias)} to back up.")


def sqlite_dump(*, alias: str, target: Path) -> dict[str, int]:
    """A consistent copy of the live database file (the app may go on writing meanwhile)."""
    path = _sqlite_path(alias)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # The copy is a plain file: no -wal or -shm beside it, so its checksum holds.
        copy.execute("PRAGMA journal_mode=DELETE")
        counts = _sqlite_counts(copy)
    finally:
        copy.close()
        source.close()
    return counts


def sqlite_restore(*, alias: str, dump: Path) -> dict[str, int]:
    """Replace the database's content with the copy, page by page, through SQLite itself."""
    connections[alias].close()
    target_path = _sqlite_path(alias)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
        problems = target.execute("PRAGMA integrity_check").fetchall()
        if problems != [("ok",)]:
            raise BackupError(f"The restored database fails SQLite's integrity check: {problems}")
        counts = _sqlite_counts(target)
    finally:
        target.close()
        source.close()
    return counts


# --- PostgreSQL ----------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _pg_environment(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore, the password in the environment only."""
    settings_dict = connections[alias].settings_dict
    args = ["--dbname", settings_dict["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _pg_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    counts = {}
    for (table,) in cursor.fetchall():
        # S608/B608: the table names come from the database's own catalogue, quoted.
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608  # nosec B608
        counts[table] = cursor.fetchone()[0]
    return counts


def postgresql_dump(*, alias: str, target: Path) -> dict[str, int]:
    """pg_dump in its custom format, from the same snapshot as the row counts (the app may go on
    writing meanwhile): the counts are taken in a repeatable-read transaction whose snapshot
    pg_dump is told to use."""
    connection = connections[alias]
    connection.close()
    connection.ensure_connection()
    raw = connection.connection
    raw.autocommit = False
    try:
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _pg_counts(cursor)
            args, env = _pg_environment(alias)
            command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
            command += [f"--snapshot={snapshot}", "--file", str(target), *args]
            # S603/B603: pg_dump found on PATH, arguments from the settings, no shell.
            result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603  # nosec B603
        raw.rollback()
    finally:
        connection.close()
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return counts


def postgresql_restore(*, alias: str, dump: Path, clean: bool) -> dict[str, int]:
    """pg_restore in one transaction: all of it or nothing. `clean` drops what is there first."""
    connections[alias].close()
    args, env = _pg_environment(alias)
    command = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--single-transaction"]
    if clean:
        command += ["--clean", "--if-exists"]
    command += [*args, str(dump)]
    # S603/B603: pg_restore found on PATH, arguments from the settings, no shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was restored: {result.stderr.strip()}")
    with connections[alias].cursor() as cursor:
        counts = _pg_counts(cursor)
    connections[alias].close()
    return counts


def dump(*, engine: str, alias: str, target: Path) -> dict[str, int]:
    if engine == SQLITE:
        return sqlite_dump(alias=alias, target=target)
    return postgresql_dump(alias=alias, target=target)


def restore(*, engine: str, alias: str, dump_path: Path, clean: bool) -> dict[str, int]:
    if engine == SQLITE:
        return sqlite_restore(alias=alias, dump=dump_path)
    return postgresql_restore(alias=alias, dump=dump_path, clean=clean)


def table_names(*, alias: str = "default") -> list[str]:
    """The tables the database has now (none: an empty database, safe to restore into)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))
