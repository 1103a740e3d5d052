"""Newsletter send: 10,000 confirmed subscribers, one issue, sent by the real task worker
(`manage.py db_worker`, what `make worker` runs) to a local SMTP sink (aiosmtpd) started here.
Prints messages per second, total time, duplicates and losses (counted at the sink per
recipient); then sends a second issue and kills the worker (SIGKILL) halfway, starts it again,
and counts the same. Exit 1 when a run misses the target (all delivered in under 30 s, no
duplicate, none lost).

    make bench-newsletter
    .venv/bin/python -m benchmarks.newsletter_send --subscribers 10000 --workers 1 --threads 3

PostgreSQL (default postgres://postgres@127.0.0.1:5432/samhandling_newsletter_bench, dropped and
created again; its name must contain "bench"), with the production settings as the sign-up
rush runs them (benchmarks.harness.server_env), SMTP to the sink, and a claim lease of
NEWSLETTER_LEASE_SECONDS (5 s here, so that the batch of the killed worker is taken over within
the run; production keeps the default of 15 minutes)."""

import argparse
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

from . import harness

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/samhandling_newsletter_bench"
TARGET_SECONDS = 30.0
LEASE_SECONDS = 5


class Sink:
    """An aiosmtpd server on a free loopback port that counts messages per recipient."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received: Counter = Counter()
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
                with sink.lock:
                    for address in envelope.rcpt_tos:
                        sink.received[address] += 1
                return "250 OK queued"

        self.port = harness.free_port()
        self.controller = Controller(Handler(), hostname=harness.LOOPBACK, port=self.port)

    def count(self) -> int:
        with self.lock:
            return sum(self.received.values())

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def _env(url: str, sink_port: int, *, threads: int, batch: int) -> dict:
    env = harness.server_env(url)
    env.update(
        {
            "NEWSLETTER_SEND_THREADS": str(threads),
            "NEWSLETTER_BATCH_SIZE": str(batch),
            # One connection per sender thread and one for the task's own thread.
            "DATABASE_POOL_MAX": str(threads + 1),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": harness.LOOPBACK,
            "EMAIL_PORT": str(sink_port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_TIMEOUT": "10",
            "NEWSLETTER_LEASE_SECONDS": str(LEASE_SECONDS),
            "ALLOWED_HOSTS": f"{harness.LOOPBACK},bench.localhost",
        }
    )
    return env


def _migrate(env: dict) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
        cwd=harness.ROOT,
        env=env,
        check=True,
    )


def _build(subscribers: int):
    """A site with its health community, a newsletter archive, a list of `subscribers` confirmed
    addresses, and two issues (one per run)."""
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from samhandling.core.pages import HomePage
    from samhandling.newsletters.models import (
        MailingList,
        NewsletterIndexPage,
        NewsletterIssuePage,
        Subscriber,
        Subscription,
    )
    from samhandling.organisations.models import HealthCommunity, Organisation

    locale, _ = Locale.objects.get_or_create(language_code="nn")
    root = Page.get_first_root_node()
    home = HomePage(title="Helsefellesskap (benchmark)", slug="bench-home", locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(
        hostname="bench.localhost",
        port=443,
        root_page=home,
        site_name="Bench",
        is_default_site=True,
    )
    owner = Organisation.objects.create(name="Helseføretak (benchmark)", kind="helseforetak")
    community = HealthCommunity.objects.create(
        site=site,
        name="Helsefellesskap (benchmark)",
        contact_email="post@bench.example",
        owner=owner,
    )
    index = NewsletterIndexPage(title="Nyhendebrev", slug="nyhendebrev", locale=locale)
    home.add_child(instance=index)
    index.save_revision().publish()
    issues = []
    for n in (1, 2):
        issue = NewsletterIssuePage(
            title=f"Nyhendebrev {n}",
            slug=f"nyhendebrev-{n}",
            locale=locale,
            lead="Nytt frå helsefellesskapet.",
            external_pdf_url="https://www.helsedirektoratet.no/nyhendebrev.pdf",
            external_pdf_title="Nasjonalt nyhendebrev",
            sections=[
                (
                    "link",
                    {
                        "title": "Helsedirektoratet",
                        "url": "https://www.helsedirektoratet.no/",
                        "summary": "Temasider.",
                    },
                )
            ],
        )
        index.add_child(instance=issue)
        issue.save_revision().publish()
        issues.append(NewsletterIssuePage.objects.get(pk=issue.pk))
    the_list = MailingList.objects.create(
        community=community, name="Nyhendebrev", slug="nyhendebrev"
    )
    now = timezone.now()
    made = Subscriber.objects.bulk_create(
        [
            Subscriber(
                community=community,
                email=f"lesar{n:05d}@bench.example",
                language="nn" if n % 3 else "nb",
                confirmed_at=now,
            )
            for n in range(subscribers)
        ],
        batch_size=2000,
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, mailing_list=the_list) for s in made], batch_size=2000
    )
    return issues, the_list


class Worker:
    def __init__(self, env: dict):
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=harness.ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def _cpu() -> dict:
    """CPU seconds (user + system) of this process (the sink, and the polling) and of the waited
    for worker processes."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {
        "sink": own.ru_utime + own.ru_stime,
        "worker": children.ru_utime + children.ru_stime,
    }


def _run(
    *,
    label: str,
    issue,
    the_list,
    sink: Sink,
    workers: list[Worker],
    kill_at: int | None,
    expected: set[str],
    timeout: float,
) -> dict:
    from samhandling.newsletters.models import Delivery, DeliveryStatus, NewsletterSend
    from samhandling.newsletters.sending import start_send

    before = Counter(sink.received)
    cpu_before = _cpu()
    for worker in workers:
        worker.start()
    started = time.monotonic()
    send, _created = start_send(issue=issue, mailing_list=the_list, requested_by=None)
    killed_at = None
    while time.monotonic() - started < timeout:
        done = sink.count() - sum(before.values())
        if kill_at is not None and killed_at is None and done >= kill_at:
            workers[0].kill()
            killed_at = done
            workers[0].start()
        finished = (
            not Delivery.objects.filter(send=send)
            .exclude(
                status__in=[DeliveryStatus.SENT, DeliveryStatus.BOUNCED, DeliveryStatus.SKIPPED]
            )
            .exists()
        )
        if finished:
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    for worker in workers:
        worker.stop()
    cpu = {name: _cpu()[name] - cpu_before[name] for name in cpu_before}
    received = Counter(sink.received)
    received.subtract(before)
    per_recipient = {address: received[address] for address in expected}
    duplicates = sum(count - 1 for count in per_recipient.values() if count > 1)
    lost = sum(1 for count in per_recipient.values() if count == 0)
    send = NewsletterSend.objects.get(pk=send.pk)
    result = {
        "label": label,
        "messages": sum(per_recipient.values()),
        "seconds": elapsed,
        "per_second": sum(per_recipient.values()) / elapsed if elapsed else 0,
        "duplicates": duplicates,
        "lost": lost,
        "killed_after": killed_at,
        "status": send.status,
    }
    print(
        f"{label}: {result['messages']} messages in {elapsed:.1f} s "
        f"({result['per_second']:.0f}/s), duplicates {duplicates}, lost {lost}"
        + (f", worker killed after {killed_at} and restarted" if killed_at is not None else "")
        + f", send {send.status}"
    )
    messages = max(1, result["messages"])
    print(
        f"  CPU per message: worker {cpu['worker'] / messages * 1000:.2f} ms, "
        f"sink and benchmark {cpu['sink'] / messages * 1000:.2f} ms "
        "(PostgreSQL not counted)"
    )
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="db_worker processes")
    parser.add_argument("--threads", type=int, default=3, help="sender threads per worker task")
    parser.add_argument("--batch-size", type=int, default=100, help="deliveries per claim")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)

    harness.recreate_database(args.database_url)
    with Sink() as sink:
        env = _env(args.database_url, sink.port, threads=args.threads, batch=args.batch_size)
        print(f"Database {harness.database_name(args.database_url)}; migrating …", flush=True)
        _migrate(env)
        os.environ.update(env)
        import django

        django.setup()
        print(f"Building {args.subscribers} confirmed subscribers …", flush=True)
        issues, the_list = _build(args.subscribers)
        expected = {f"lesar{n:05d}@bench.example" for n in range(args.subscribers)}
        workers = [Worker(env) for _ in range(args.workers)]
        print(
            f"Sending with {args.workers} db_worker process(es) of {args.threads} sender "
            f"thread(s), batches of {args.batch_size}, lease {LEASE_SECONDS} s",
            flush=True,
        )
        results = [
            _run(
                label="Run 1 (undisturbed)",
                issue=issues[0],
                the_list=the_list,
                sink=sink,
                workers=workers,
                kill_at=None,
                expected=expected,
                timeout=args.timeout,
            ),
            _run(
                label="Run 2 (worker killed halfway)",
                issue=issues[1],
                the_list=the_list,
                sink=sink,
                workers=workers,
                kill_at=args.subscribers // 2,
                expected=expected,
                timeout=args.timeout,
            ),
        ]
    harness.drop_database(args.database_url)
    failed = [r for r in results if r["duplicates"] or r["lost"] or r["seconds"] >= TARGET_SECONDS]
    print("Target (all in under 30 s, 0 duplicates, 0 lost): " + ("missed" if failed else "met"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
