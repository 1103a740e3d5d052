"""The benchmark's harness: a PostgreSQL database of its own (dropped and created again) and a
gunicorn serving the app on a free loopback port with the production settings over plain HTTP.
Used by `benchmarks.signup_rush` and by tests/events/test_http_rush.py."""

import contextlib
import dataclasses
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samhandling_bench"
LOOPBACK = "127.0.0.1"
NEVER_DROP = {"postgres", "template0", "template1", "test", "test_test"}
SERVER_START_TIMEOUT = 60.0
# The app's bot check: a form sent sooner than this after it was shown is refused. The production
# default, set explicitly; the rush lets every simulated person wait this long (plus a margin)
# between loading the form and sending it, as people wait for sign-up to open.
FORM_FILL_SECONDS = 3
# As in production behind nginx: the client's address is the one the proxy appends to
# X-Forwarded-For, so the per-client rate limits count each simulated person on their own.
TRUSTED_PROXIES = 1
SETUP_TIMEOUT = 600.0

# --- Database ------------------------------------------------------------------------------------


def _parts(url: str) -> dict:
    parts = dj_database_url.parse(url)
    if "postgresql" not in parts["ENGINE"]:
        raise ValueError(f"The sign-up rush needs PostgreSQL, not {parts['ENGINE']}.")
    return parts


def database_name(url: str) -> str:
    return _parts(url)["NAME"]


def _check_name(name: str) -> None:
    if name in NEVER_DROP or not re.fullmatch(r"[a-z0-9_]*(bench|rush)[a-z0-9_]*", name):
        raise ValueError(
            f"Refusing to drop and recreate the database {name!r}: the benchmark's database "
            "name must contain 'bench' or 'rush' (lower case letters, digits and _ only)."
        )


def _maintenance(url: str) -> psycopg.Connection:
    parts = _parts(url)
    return psycopg.connect(
        dbname="postgres",
        user=parts["USER"] or None,
        password=parts["PASSWORD"] or None,
        host=parts["HOST"] or None,
        port=parts["PORT"] or None,
        autocommit=True,
        connect_timeout=10,
    )


def recreate_database(url: str) -> None:
    name = database_name(url)
    _check_name(name)
    with _maintenance(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    name = database_name(url)
    _check_name(name)
    with _maintenance(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def with_database_name(url: str, name: str) -> str:
    """The same server and user as `url`, another database."""
    head, _sep, _old = url.partition("?")[0].rpartition("/")
    return f"{head}/{name}"


# --- Server --------------------------------------------------------------------------------------


def server_env(url: str, *, without_lock: bool = False) -> dict:
    """Production settings over plain HTTP on loopback; mail in memory, tasks in the database."""
    env = dict(os.environ)
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "REDIS_URL",
        "SIGNUP_RUSH_WITHOUT_LOCK",
        "RATE_LIMIT_ENABLE",
        # The production default (a pool of 4 per process) unless the caller sizes it.
        "DATABASE_POOL_MIN",
        "DATABASE_POOL_MAX",
        "DATABASE_POOL_TIMEOUT",
    ):
        env.pop(name, None)
    media = Path(tempfile.gettempdir()) / "samhandling-bench-media"
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DATABASE_URL": url,
            "DATABASE_CONN_MAX_AGE": "60",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "false",
            "ALLOWED_HOSTS": LOOPBACK,
            "CSRF_TRUSTED_ORIGINS": f"http://{LOOPBACK}",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_HSTS_PRELOAD": "false",
            # No SMTP: confirmation e-mails go to the outbox and the database task queue (the
            # production TASKS backend); no task worker runs, and the locmem backend would catch
            # anything sent directly.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "MEDIA_ROOT": str(media),
            "STATIC_ROOT": str(media.with_name("samhandling-bench-static")),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            # Rate limits and bot checks stay on, with the production defaults.
            "TRUSTED_PROXIES": str(TRUSTED_PROXIES),
            "FORM_GUARD_MIN_SECONDS": str(FORM_FILL_SECONDS),
        }
    )
    if without_lock:
        env["SIGNUP_RUSH_WITHOUT_LOCK"] = "1"
    return env


def build_scenario(
    url: str, *, migrate: bool, organisations: int, capacity: int, cap: int, events: int = 1
) -> dict:
    command = [
        sys.executable,
        "-m",
        "benchmarks.scenario",
        "--organisations",
        str(organisations),
        "--capacity",
        str(capacity),
        "--cap",
        str(cap),
        "--events",
        str(events),
    ]
    if migrate:
        command.append("--migrate")
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=server_env(url),
        capture_output=True,
        text=True,
        timeout=SETUP_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Building the scenario failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclasses.dataclass
class Server:
    base: str
    process: subprocess.Popen
    log: Path
    workers: int
    threads: int
    without_lock: bool

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # the master stops its workers
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # its own session: only what we started
        process.wait(timeout=10)


@contextlib.contextmanager
def gunicorn(
    url: str,
    *,
    ready_path: str,
    workers: int = 5,
    threads: int = 4,
    worker_class: str = "sync",
    without_lock: bool = False,
    env: dict | None = None,
) -> Iterator[Server]:
    """A gunicorn master with `workers` processes (sync: one request at a time each; gthread:
    `threads` each), on a free loopback port; yields once `ready_path` answers 200, stops it
    afterwards. `env`: environment variables set on top of `server_env` (REDIS_URL, a rate)."""
    port = free_port()
    app = "benchmarks.nolock_wsgi:application" if without_lock else "samhandling.wsgi:application"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"{LOOPBACK}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        *(["--threads", str(threads)] if worker_class == "gthread" else []),
        "--backlog",
        "2048",
        "--timeout",
        "120",
        "--graceful-timeout",
        "10",
        "--log-level",
        "warning",
        "--preload",  # load Django once in the master; the workers fork ready
    ]
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in finally
        prefix="signup-rush-gunicorn-", suffix=".log", delete=False
    )
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**server_env(url, without_lock=without_lock), **(env or {})},
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(
        base=f"http://{LOOPBACK}:{port}",
        process=process,
        log=Path(log_file.name),
        workers=workers,
        threads=threads,
        without_lock=without_lock,
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{server.log_tail()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(server.base + ready_path, timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer 200 in time:\n{server.log_tail()}")
            time.sleep(0.2)
        yield server
    finally:
        _stop(process)
        log_file.close()
        server.log.unlink(missing_ok=True)
