"""Two task workers side by side (`manage.py db_worker` twice, the django-tasks database backend,
as production runs them) over one queue of sign-up e-mails: each e-mail reaches the mail server
exactly once. Both workers are real processes with connections of their own, started together
against the test database, with the production settings; the mail server is a local SMTP sink
that takes a moment to accept each message, so that the workers overlap while sending.

Runs only on PostgreSQL (DATABASE_URL): SQLite has no row locks for the workers to skip."""

import subprocess
import sys
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from benchmarks import harness
from samhandling.events.models import OutboxMessage, OutboxStatus
from samhandling.events.services import registration_create
from tests.smtp_sink import SmtpSink

from .factories import event

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="needs PostgreSQL: two db_worker processes share the queue through row locks "
        "(set DATABASE_URL=postgres://…)",
    ),
    pytest.mark.django_db(transaction=True),
]
SIGN_UPS = 40
DELAY = 0.02  # seconds the mail server takes to accept each message
WORKER_TIMEOUT = 180


def _test_database_url() -> str:
    """The test database (created by pytest-django), for the worker processes."""
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def _start_worker(url: str, name: str, sink: SmtpSink) -> subprocess.Popen:
    env = {
        **harness.server_env(url),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_TIMEOUT": "10",
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",  # every outstanding task, then exit
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0.1",
        "--worker-id",
        name,
    ]
    return subprocess.Popen(
        command,
        cwd=harness.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_db_workers_send_each_sign_up_email_once(demo, settings):
    conference = event(capacity=None)
    # The production task backend: a sign-up queues its e-mail in the database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    addresses = [f"worker-race-{n}@example.org" for n in range(SIGN_UPS)]
    for n, address in enumerate(addresses):
        registration_create(
            event=conference, name=f"Deltakar {n}", email=address, consent=True, language="nn"
        )
    messages = OutboxMessage.objects.filter(to_email__in=addresses)
    ids = set(messages.values_list("pk", flat=True))
    tasks = DBTaskResult.objects.filter(task_path__endswith="send_outbox_message")
    queued = [task for task in tasks if task.args_kwargs["args"][0] in ids]
    assert len(ids) == SIGN_UPS and len(queued) == SIGN_UPS  # one message and one task each
    assert set(messages.values_list("status", flat=True)) == {OutboxStatus.QUEUED}

    url = _test_database_url()
    with SmtpSink(delay=DELAY) as sink:
        started = time.monotonic()
        workers = [_start_worker(url, name, sink) for name in ("worker-a", "worker-b")]
        outputs = [worker.communicate(timeout=WORKER_TIMEOUT)[0] for worker in workers]
        elapsed = time.monotonic() - started
        deliveries = sink.deliveries()

    assert [worker.returncode for worker in workers] == [0, 0], outputs
    per_address = [deliveries[address] for address in addresses]
    assert per_address == [1] * SIGN_UPS, (per_address, outputs)
    assert set(messages.values_list("status", flat=True)) == {OutboxStatus.SENT}
    done = DBTaskResult.objects.filter(pk__in=[task.pk for task in queued])
    assert set(done.values_list("status", flat=True)) == {"SUCCESSFUL"}
    by_worker = Counter(worker for task in done for worker in task.worker_ids)
    assert sum(by_worker.values()) == SIGN_UPS  # each task was run by one worker, once
    print(f"two db_workers, {SIGN_UPS} e-mails in {elapsed:.1f} s: {dict(by_worker)}")
