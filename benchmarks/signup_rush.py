"""Sign-up rush: hundreds of parallel public sign-ups over real HTTP against a multi-process
gunicorn on PostgreSQL, then a check that no limit was exceeded and no sign-up was lost.

    make bench                                   # 500 sign-ups from 100 organisations
    .venv/bin/python -m benchmarks.signup_rush --signups 500 --organisations 100 \\
        --capacity 100 --cap 2 --concurrency 50

Steps: drop and create the database in DATABASE_URL (default below; the name must contain
"bench" or "rush", as it is dropped), migrate and build the scenario (`benchmarks.scenario`),
start gunicorn (5 sync workers unless told otherwise) on a free loopback port with the production
settings (`benchmarks.settings`) configured for plain HTTP (both in `benchmarks.harness`), let
every client GET the event page (CSRF cookie and token, and the form's signed time for the bot
check), wait until the minimum fill time has passed for all of them (as people wait for sign-up
to open), then POST the sign-up form to the form's action all at once, read the registrations
back from the database and check the invariants. The rate limits and bot checks are on, with
the production defaults: each simulated person comes from an address of their own, sent in
X-Forwarded-For as nginx does, with gunicorn told to trust one proxy (`TRUSTED_PROXIES=1`).
Stops gunicorn and drops the database at the end. Exits 1 if an invariant failed or the server
answered 5xx.

`--without-lock` (or SIGNUP_RUSH_WITHOUT_LOCK=1) serves `benchmarks.nolock_wsgi` instead: the
same app with the services' `select_for_update` removed, to show that the limits then break.

tests/events/test_http_rush.py runs this module at a smaller scale."""

import argparse
import contextlib
import dataclasses
import math
import os
import re
import secrets
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import requests

from . import rush_client
from .harness import (  # noqa: F401 - re-exported for tests/events/test_http_rush.py
    DEFAULT_DATABASE_URL,
    FORM_FILL_SECONDS,
    _parts,
    build_scenario,
    database_name,
    drop_database,
    gunicorn,
    recreate_database,
    with_database_name,
)

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_SHOWN_INPUT = re.compile(r'name="form_shown" value="([^"]+)"')
FILL_MARGIN = 0.5  # seconds beyond the minimum fill time
DEFAULT_WORKERS = 5  # per instance: 2 x cores + 1
# The Redis database the instances share with --instances 2 or more (flushed at the start).
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/8"
SIGNUP_FORM_ACTION = re.compile(r'<form method="post" action="([^"#]*)[^"]*" class="event-form"')
SIGNUP_FORM_TAG = re.compile(r'<form\b[^>]*\bclass="[^"]*\bevent-form\b[^"]*"[^>]*>')
FORM_ACTION = re.compile(r'\baction="([^"#]*)')


def signup_path(event_id: int) -> str:
    """The sign-up form's own page, /arrangement/<id>/pamelding/ (where the form is sent too)."""
    return f"/arrangement/{event_id}/pamelding/"


def _form_action(html: str) -> str | None:
    """The sign-up form's action (attributes in any order), or None without the form."""
    match = SIGNUP_FORM_ACTION.search(html)
    if match is not None:
        return match.group(1)
    tag = SIGNUP_FORM_TAG.search(html)
    action = FORM_ACTION.search(tag.group(0)) if tag else None
    return action.group(1) if action else None


# --- The rush ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Attempt:
    number: int
    organisation: int
    email: str
    form_base: str = ""  # the instance this client loads the form from ("": the rush's base)
    post_base: str = ""  # the instance it sends the form to ("": the rush's base)
    form_from: str = ""  # the page the form was read from
    session: requests.Session | None = None
    token: str = ""
    form_shown: str = ""  # the signed time the page showed the form (the bot check)
    shown_at: float = 0.0  # when this client loaded the form (time.monotonic)
    action: str = ""  # where the page's sign-up form is sent, as a browser would
    status: int | None = None  # HTTP status of the POST; None: no answer
    error: str = ""
    detail: str = ""  # what the client library said of a failed request
    resubmitted: str = ""  # why the POST was sent a second time (see _resubmit_reset)
    latency: float = 0.0


def client_address(number: int) -> str:
    """Each simulated person's own address (10.x.y.z), as the proxy would report it."""
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256 or 1}"


def _read_form(session: requests.Session, url: str, attempt: Attempt, timeout: float) -> bool:
    """GET `url`; True (and the token, stamp and action noted) if it shows the sign-up form."""
    response = session.get(url, timeout=(5, timeout))
    attempt.shown_at = time.monotonic()
    match = CSRF_INPUT.search(response.text)
    action = _form_action(response.text)
    shown = FORM_SHOWN_INPUT.search(response.text)
    if (
        response.status_code != 200
        or match is None
        or action is None
        or shown is None
        or "csrftoken" not in session.cookies
    ):
        attempt.error = f"GET {response.status_code}: no sign-up form or CSRF cookie"
        attempt.status = response.status_code if response.status_code >= 500 else None
        return False
    attempt.token, attempt.form_shown = match.group(1), shown.group(1)
    # Sent where the form says, on the instance this client posts to.
    action_path = requests.compat.urlsplit(requests.compat.urljoin(url, action)).path
    attempt.action = (attempt.post_base or _base_of(url)) + action_path
    attempt.form_from = requests.compat.urlsplit(url).path
    attempt.error, attempt.status = "", None
    return True


def _base_of(url: str) -> str:
    parts = requests.compat.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _prepare(urls: list[str], attempt: Attempt, timeout: float) -> None:
    """Load the sign-up form from the first of `urls` that shows it (the form's own page, then
    the event page), as a browser would: CSRF cookie and token, the form's signed time and its
    action."""
    session = requests.Session()
    session.headers["X-Forwarded-For"] = client_address(attempt.number)
    try:
        for url in urls:
            if _read_form(session, url, attempt, timeout):
                attempt.session = session
                return
        session.close()
    except requests.RequestException as error:
        attempt.error = f"GET failed: {error.__class__.__name__}"
        session.close()


def _form_of(attempt: Attempt) -> dict:
    """The sign-up form as a person fills it in."""
    return {
        "csrfmiddlewaretoken": attempt.token,
        "name": f"Deltakar {attempt.number}",
        "email": attempt.email,
        "phone": "",
        "organisation": str(attempt.organisation),
        "organisation_other": "",
        "job_title": "Rådgjevar",
        "kind": "participant",
        "dietary_needs": "",
        "accessibility_needs": "",
        "consent": "on",
        "form_shown": attempt.form_shown,
        "website": "",  # the honeypot, left empty as people leave it
    }


def _sign_up(attempt: Attempt, timeout: float, gate: threading.Event) -> None:
    """POST the form to where the page said it goes (`attempt.action`), with `requests` (a form
    sent again after a reset; the rush itself is sent by `_post_all`)."""
    if attempt.session is None:
        return
    gate.wait()
    form = _form_of(attempt)
    started = time.perf_counter()
    try:
        response = attempt.session.post(
            attempt.action, data=form, allow_redirects=False, timeout=(5, timeout)
        )
        attempt.status = response.status_code
        if response.status_code == 302 and "kvittering" not in response.headers.get("Location", ""):
            attempt.error = f"302 to {response.headers.get('Location')}"
    except requests.RequestException as error:
        attempt.error = f"POST failed: {error.__class__.__name__}"
        attempt.detail = str(error)[:200]
    finally:
        attempt.latency = time.perf_counter() - started
        attempt.session.close()


def attempts_for(
    *, signups: int, organisations: list[int], grouped: bool = False, tag: str = "rush"
) -> list[Attempt]:
    """One attempt per sign-up, each with its own e-mail address. Spread: organisations take
    turns (1, 2, …, n, 1, 2, …); grouped: each organisation's attempts come one after another,
    so that they race each other for the organisation's places."""
    count = len(organisations)
    per = -(-signups // count)
    return [
        Attempt(
            number=n,
            organisation=organisations[n // per if grouped else n % count],
            email=f"{tag}-{n}@example.org",
        )
        for n in range(signups)
    ]


@dataclasses.dataclass
class Rush:
    attempts: list[Attempt]
    seconds: float  # from the first POST to the last answer
    get_seconds: float = 0.0  # the GETs before, for the CSRF cookie and token
    waited: float = 0.0  # after the GETs, until the minimum fill time had passed for everyone

    @property
    def sent(self) -> list[Attempt]:
        return [a for a in self.attempts if a.session is not None]

    def count(self, status: int) -> int:
        return sum(1 for a in self.sent if a.status == status)

    @property
    def server_errors(self) -> int:
        return sum(1 for a in self.attempts if a.status is not None and a.status >= 500)

    @property
    def unanswered(self) -> list[Attempt]:
        """Not signed up nor refused: no form, no answer, or an unexpected status (a 429 of the
        rate limits or a 400 of the bot checks would be one)."""
        return [a for a in self.attempts if a.error or a.status not in (302, 409)]

    def percentile(self, share: float) -> float:
        latencies = sorted(a.latency for a in self.sent)
        if not latencies:
            return 0.0
        rank = math.ceil(share * len(latencies)) - 1  # nearest rank
        rank = max(0, min(len(latencies) - 1, rank))
        return latencies[rank]


def _form_urls(attempt: Attempt, base: str, paths: list[str]) -> list[str]:
    return [(attempt.form_base or base) + path for path in paths]


def rush(
    *,
    base: str,
    path: str,
    attempts: list[Attempt],
    concurrency: int,
    timeout: float = 60.0,
) -> Rush:
    """Every client GETs the form first (CSRF cookie and token) from `path`, the sign-up page
    (the event page shows a button to it, not the form); then all POSTs start together,
    at most `concurrency` in flight. An attempt's `form_base`/`post_base` send it to another
    instance than `base` (see `spread`)."""
    paths = [path]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(lambda a: _prepare(_form_urls(a, base, paths), a, timeout), attempts))
    get_seconds = time.perf_counter() - started
    waited = _wait_for_fill_time(attempts)
    seconds = _post_all(attempts, concurrency=concurrency, timeout=timeout)
    _resubmit_reset(lambda a: _form_urls(a, base, paths), attempts, timeout)
    return Rush(attempts=attempts, seconds=seconds, get_seconds=get_seconds, waited=waited)


def _post_all(attempts: list[Attempt], *, concurrency: int, timeout: float) -> float:
    """Every prepared attempt's POST, all released together (at most `concurrency` in flight)
    from one asyncio loop (`rush_client`); returns the seconds from the first POST to the last
    answer."""
    ready = [a for a in attempts if a.session is not None]
    by_number = {a.number: a for a in ready}
    jobs = [
        (
            a.number,
            a.action,
            rush_client.request_bytes(
                url=a.action,
                form=_form_of(a),
                cookies=a.session.cookies.get_dict(),
                forwarded_for=client_address(a.number),
            ),
        )
        for a in ready
    ]

    def done(number, *, status, headers, error, seconds):
        attempt = by_number[number]
        attempt.status, attempt.latency = status, seconds
        if error:
            attempt.error = f"POST failed: {error.split(' ', 1)[0]}"
            attempt.detail = error[:200]
        elif status == 302 and "kvittering" not in headers.get("location", ""):
            attempt.error = f"302 to {headers.get('location')}"
        attempt.session.close()

    return rush_client.send_all(jobs, concurrency=concurrency, timeout=timeout, done=done)


def spread(attempts: list[Attempt], bases: list[str]) -> list[Attempt]:
    """Round-robin over the instances: client n loads the form from instance n mod N and sends
    it to the next one, so that every sign-up relies on what the instances share (the secret
    key for the CSRF token and the form's stamp, the rate limits in Redis, the database)."""
    for attempt in attempts:
        attempt.form_base = bases[attempt.number % len(bases)]
        attempt.post_base = bases[(attempt.number + 1) % len(bases)]
    return attempts


def _wait_for_fill_time(attempts: list[Attempt]) -> float:
    """Sleep until every client has had its form for the app's minimum fill time."""
    shown = [a.shown_at for a in attempts if a.session is not None]
    if not shown:
        return 0.0
    wait = max(shown) + FORM_FILL_SECONDS + FILL_MARGIN - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    return max(wait, 0.0)


def _resubmit_reset(urls_for, attempts: list[Attempt], timeout: float) -> None:
    """A POST whose connection the server closed without any answer is sent once more from a
    fresh page, as a person would press the button again. Gunicorn's sync workers now and then
    reset a connection under load without a log line (benoitc/gunicorn#2714, #2881); such a
    request never reached Django. Had it done so, the second try would be refused as a second
    sign-up of the same address and the check "signed up == registrations in the database"
    would fail, so nothing is hidden."""
    gate = threading.Event()
    gate.set()
    again = [a for a in attempts if a.error.startswith("POST failed: ConnectionError")]
    for attempt in again:
        attempt.resubmitted = attempt.detail or attempt.error
        attempt.session, attempt.error, attempt.detail, attempt.status = None, "", "", None
        _prepare(urls_for(attempt), attempt, timeout)
    _wait_for_fill_time(again)  # a person takes a few seconds to send the form again too
    for attempt in again:
        _sign_up(attempt, timeout, gate)


# --- Checking ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    rush: Rush
    capacity: int
    cap: int
    confirmed: int
    waiting: int
    other_statuses: dict
    per_organisation_max: int
    organisations_over_cap: int
    positions: list[int]
    emails: dict = dataclasses.field(default_factory=dict)  # outbox messages by kind
    send_tasks: int = 0  # tasks queued to send them (the database task backend)

    @property
    def refused(self) -> int:
        return self.rush.count(409)

    @property
    def invariants(self) -> dict[str, bool]:
        sent = len(self.rush.sent)
        return {
            f"confirmed <= capacity ({self.confirmed} <= {self.capacity})": (
                self.confirmed <= self.capacity
            ),
            f"confirmed + waiting <= cap per organisation (max {self.per_organisation_max} "
            f"<= {self.cap}, {self.organisations_over_cap} organisations over)": (
                self.organisations_over_cap == 0
            ),
            f"confirmed + waiting + refused == sent ({self.confirmed} + {self.waiting} + "
            f"{self.refused} == {sent})": (
                self.confirmed + self.waiting + self.refused == sent
                and sent == len(self.rush.attempts)
                and not self.rush.unanswered
                and not self.other_statuses
            ),
            "signed up (302) == registrations in the database "
            f"({self.rush.count(302)} == {self.confirmed + self.waiting})": (
                self.rush.count(302) == self.confirmed + self.waiting
            ),
            f"no duplicate waiting positions ({len(self.positions)} positions, "
            f"{len(self.positions) - len(set(self.positions))} duplicates)": (
                len(self.positions) == len(set(self.positions))
            ),
            "nobody waits while a seat is free": self.waiting == 0
            or self.confirmed >= self.capacity,
            f"one e-mail queued per sign-up ({sum(self.emails.values())} in the outbox, "
            f"{self.send_tasks} send tasks, {self.confirmed + self.waiting} sign-ups)": (
                sum(self.emails.values()) == self.send_tasks == self.confirmed + self.waiting
            ),
        }

    @property
    def ok(self) -> bool:
        return all(self.invariants.values()) and self.rush.server_errors == 0

    def report(self) -> str:
        rush = self.rush
        sent = len(rush.sent)
        rate = sent / rush.seconds if rush.seconds else 0.0
        lines = [
            f"sent:          {sent} of {len(rush.attempts)} sign-ups",
            f"confirmed:     {self.confirmed}",
            f"waiting:       {self.waiting}",
            f"refused:       {self.refused}",
            f"server errors: {rush.server_errors} (5xx)",
        ]
        unanswered = rush.unanswered
        if unanswered:
            reasons = Counter(a.error or f"HTTP {a.status}" for a in unanswered)
            lines.append(f"other:         {len(unanswered)} {dict(reasons)}")
            details = Counter(a.detail for a in unanswered if a.detail)
            lines += [f"               {count} × {text}" for text, count in details.items()]
        if self.other_statuses:
            lines.append(f"other rows:    {self.other_statuses}")
        resubmitted = Counter(a.resubmitted for a in rush.attempts if a.resubmitted)
        if resubmitted:
            lines.append(
                f"resubmitted:   {sum(resubmitted.values())} (connection closed unanswered)"
            )
            lines += [f"               {count} × {text}" for text, count in resubmitted.items()]
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.emails.items()))
        lines.append(
            f"e-mails queued: {sum(self.emails.values())} ({kinds or 'none'}) in the outbox, "
            f"{self.send_tasks} tasks to send them (no worker runs during the rush)"
        )
        lines.append("invariants:")
        for text, held in self.invariants.items():
            lines.append(f"  [{'ok' if held else 'FAILED'}] {text}")
        lines += [
            f"all invariants held: {'yes' if all(self.invariants.values()) else 'NO'}",
            f"sign-ups/second:     {rate:.1f} ({sent} in {rush.seconds:.2f} s)",
            "latency p50/p95/p99: "
            + " / ".join(f"{self.rush.percentile(p) * 1000:.0f} ms" for p in (0.50, 0.95, 0.99)),
            f"(before that: {len(rush.attempts)} page GETs for the CSRF token in "
            f"{rush.get_seconds:.2f} s, then {rush.waited:.1f} s of waiting for the minimum "
            f"fill time of {FORM_FILL_SECONDS} s; rate limits and bot checks on, one client "
            "address per person)",
        ]
        return "\n".join(lines)


def check(url: str, *, event_id: int, rush: Rush, capacity: int, cap: int) -> Outcome:
    """Read the event's registrations straight from the database."""
    parts = _parts(url)
    with psycopg.connect(
        dbname=parts["NAME"],
        user=parts["USER"] or None,
        password=parts["PASSWORD"] or None,
        host=parts["HOST"] or None,
        port=parts["PORT"] or None,
        connect_timeout=10,
    ) as connection:
        rows = connection.execute(
            "SELECT status, organisation_id, position FROM events_registration WHERE event_id = %s",
            [event_id],
        ).fetchall()
        emails = dict(
            connection.execute(
                "SELECT m.kind, COUNT(*) FROM events_outboxmessage m JOIN events_registration r "
                "ON r.id = m.registration_id WHERE r.event_id = %s GROUP BY m.kind",
                [event_id],
            ).fetchall()
        )
        tasks = connection.execute(
            "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult t "
            "JOIN events_outboxmessage m ON m.id = (t.args_kwargs -> 'args' ->> 0)::bigint "
            "JOIN events_registration r ON r.id = m.registration_id "
            "WHERE t.task_path LIKE %s AND r.event_id = %s",
            ["%send_outbox_message", event_id],
        ).fetchone()[0]
    statuses = Counter(status for status, _org, _pos in rows)
    per_organisation = Counter(
        org for status, org, _pos in rows if status in ("confirmed", "waiting")
    )
    return Outcome(
        rush=rush,
        capacity=capacity,
        cap=cap,
        confirmed=statuses.pop("confirmed", 0),
        waiting=statuses.pop("waiting", 0),
        other_statuses=dict(statuses),
        per_organisation_max=max(per_organisation.values(), default=0),
        organisations_over_cap=sum(1 for n in per_organisation.values() if n > cap),
        positions=[pos for status, _org, pos in rows if status == "waiting"],
        emails=emails,
        send_tasks=tasks,
    )


# --- Command line --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Parallel public sign-ups over HTTP against gunicorn and PostgreSQL."
    )
    parser.add_argument("--signups", type=int, default=500)
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--capacity", type=int, default=100, help="seats at the event")
    parser.add_argument("--cap", type=int, default=2, help="places per organisation")
    parser.add_argument("--concurrency", type=int, default=50, help="client threads")
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help="gunicorn worker processes per instance",
    )
    parser.add_argument(
        "--worker-class",
        choices=["sync", "gthread"],
        default="sync",
        help="sync: one request at a time per process, as the README recommends; gthread: "
        "--threads per process",
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument(
        "--instances",
        type=int,
        default=1,
        help="app instances (gunicorn masters on ports of their own) sharing the database, "
        "Redis and the media store; clients round-robin between them",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help="Redis database the instances share (rate limits, caches), flushed at the start; "
        "used with --instances 2 or more, or with --shared-cache",
    )
    parser.add_argument(
        "--shared-cache", action="store_true", help="use --redis-url with one instance too"
    )
    parser.add_argument(
        "--database-pool",
        type=int,
        default=None,
        help="connections in each process's pool (DATABASE_POOL_MAX; 0: no pool, a persistent "
        "connection per thread). Default: 1 per sync worker, --threads per gthread worker",
    )
    parser.add_argument(
        "--grouped", action="store_true", help="an organisation's sign-ups in a row"
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    )
    parser.add_argument(
        "--without-lock",
        action="store_true",
        default=os.environ.get("SIGNUP_RUSH_WITHOUT_LOCK") == "1",
        help="serve benchmarks.nolock_wsgi (the services without select_for_update)",
    )
    parser.add_argument("--keep-database", action="store_true", help="do not drop it at the end")
    args = parser.parse_args(argv)
    if (
        min(
            args.signups,
            args.organisations,
            args.capacity,
            args.cap,
            args.concurrency,
            args.instances,
        )
        < 1
    ):
        parser.error("every number must be at least 1")

    url = args.database_url
    print(f"database: {database_name(url)} (dropped and created again)", flush=True)
    recreate_database(url)
    try:
        started = time.perf_counter()
        scenario = build_scenario(
            url,
            migrate=True,
            organisations=args.organisations,
            capacity=args.capacity,
            cap=args.cap,
        )
        event = scenario["events"][0]
        print(f"migrated and built in {time.perf_counter() - started:.1f} s", flush=True)
        env = instance_env(
            redis_url=args.redis_url if args.instances > 1 or args.shared_cache else None,
            pool=args.database_pool
            if args.database_pool is not None
            else (args.threads if args.worker_class == "gthread" else 1),
        )
        started = time.perf_counter()
        with contextlib.ExitStack() as stack:
            servers = [
                stack.enter_context(
                    gunicorn(
                        url,
                        ready_path=event["path"],
                        workers=args.workers,
                        threads=args.threads,
                        worker_class=args.worker_class,
                        without_lock=args.without_lock,
                        env=env,
                    )
                )
                for _n in range(args.instances)
            ]
            shape = (
                f"{args.workers} gthread workers x {args.threads} threads"
                if args.worker_class == "gthread"
                else f"{args.workers} sync workers"
            )
            print(
                f"gunicorn up in {time.perf_counter() - started:.1f} s: "
                f"{', '.join(server.base for server in servers)} "
                f"({args.instances} x {shape}"
                f"{', WITHOUT the row locks' if args.without_lock else ''}; "
                f"database pool {env['DATABASE_POOL_MAX']} per process"
                f"{'; shared cache ' + env['REDIS_URL'] if 'REDIS_URL' in env else ''}); "
                f"{args.signups} sign-ups from {args.organisations} organisations, capacity "
                f"{args.capacity}, {args.cap} places per organisation, "
                f"{args.concurrency} client threads",
                flush=True,
            )
            attempts = attempts_for(
                signups=args.signups,
                organisations=scenario["organisations"],
                grouped=args.grouped,
            )
            if len(servers) > 1:
                spread(attempts, [server.base for server in servers])
            result = rush(
                base=servers[0].base,
                path=event["signup_path"],
                attempts=attempts,
                concurrency=args.concurrency,
                timeout=args.timeout,
            )
            if result.server_errors:
                for server in servers:
                    print(server.log_tail(), file=sys.stderr)
        outcome = check(
            url, event_id=event["event_id"], rush=result, capacity=args.capacity, cap=args.cap
        )
        print(outcome.report(), flush=True)
        print(per_instance_report(result, [server.base for server in servers]), flush=True)
    finally:
        if not args.keep_database:
            drop_database(url)
    return 0 if outcome.ok else 1


def instance_env(*, redis_url: str | None, pool: int) -> dict:
    """What every instance shares: the secret key (a form read from one instance is sent to
    another), Redis if given (flushed first, so earlier runs' rate-limit counts are gone), and
    the size of each process's database pool."""
    env = {"SECRET_KEY": secrets.token_urlsafe(50), "DATABASE_POOL_MAX": str(max(pool, 0))}
    if redis_url:
        flush_redis(redis_url)
        env["REDIS_URL"] = redis_url
    return env


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


def per_instance_report(result: Rush, bases: list[str]) -> str:
    """Answers per instance (by where the POST went), and where the forms were read from."""
    lines = ["per instance (POSTs answered: signed up / refused / other):"]
    for base in bases:
        sent = [a for a in result.sent if (a.post_base or bases[0]) == base]
        lines.append(
            f"  {base}: {len(sent)} ({sum(a.status == 302 for a in sent)} / "
            f"{sum(a.status == 409 for a in sent)} / "
            f"{sum(a.status not in (302, 409) for a in sent)})"
        )
    sources = Counter(a.form_from for a in result.sent)
    lines.append(
        "forms read from: " + ", ".join(f"{path} ({count})" for path, count in sources.items())
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
