"""Page benchmark: every public page type of the demo, uncached, from the app's page cache and from
the front cache (Varnish), beside a bare Django view and nginx serving a file, in one run.

    make bench-pages                              # wrk -t2 -c8 -d4s per page and mode
    make bench-pages BENCH_ARGS="--quick"         # -d2s
    .venv/bin/python -m benchmarks.pages --duration 10 --connections 8 --threads 2 \\
        [--database-url postgres://postgres@127.0.0.1:5432/samhandling_pages_bench]
        [--keep-database] [--redis-url redis://127.0.0.1:6379/6]
        [--pages home,article] [--dry-run]

Steps: load the demo into a database of its own (default: var/bench/pages_bench.sqlite3, made
again unless --keep-database; a PostgreSQL database is dropped and created, so its name must
contain "bench"); count each page's SQL queries and bytes in-process (Django's test client, the
second request, PAGE_CACHE off); serve a bare Django view (benchmarks/bare_django.py) with a body
of the pages' median size and nginx serving a file of that size, and measure both with wrk
(the bare view again right before the app-cached measures: the faster of the two is the
reference); start gunicorn (2 sync workers, the production settings over plain HTTP,
benchmarks/pages_settings.py) with PAGE_CACHE=false and measure every page (each after a
second of wrk on it that is not counted, `--warm-up`, as for the bare view); start it again with
PAGE_CACHE=true, Varnish with deploy/varnish/default.vcl in front of it and a task worker (which
sends Wagtail's purges), and measure every page from the app and through Varnish; then publish
the news article five times and time until Varnish serves the new title.
Prints one table and the issue's targets.

The app's processes, the task worker and this process (which publishes) share one Redis database
(`--redis-url`, emptied before each server starts), as production does with REDIS_URL: the page
cache and the structure cache live there, and a publish purges the page cache of every worker.
`--dry-run`: print the table from made-up figures (tests/front_cache/test_bench_pages.py)."""

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import requests

from . import front_cache
from .harness import LOOPBACK, free_port, gunicorn, recreate_database, server_env
from .pages_table import MR_HOST, Measure, PageRow, dry_run_rows, parse_wrk, ratio, render

__all__ = ["Measure", "PageRow", "main", "parse_wrk", "ratio", "render"]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "var" / "bench" / "pages_bench.sqlite3"
HN_HOST = "helse-nord.localhost"
SETTINGS = "benchmarks.pages_settings"
PURGE_ROUNDS = 5
PURGE_LIMIT = 5.0  # seconds to wait for a purge before calling it lost


# --- wrk ------------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    """wrk's path; installed from Debian's packages when missing and allowed (root)."""
    if path := shutil.which("wrk"):
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing it with apt-get (Debian's package 'wrk') …", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "wrk"]):
            subprocess.run(command, env=env, check=False, timeout=600)  # noqa: S603
        if path := shutil.which("wrk"):
            return path
    raise SystemExit(
        "The page benchmark needs wrk and could not install it. Install Debian's package as root: "
        "apt-get install wrk (and varnish and nginx for the proxy and the static reference)."
    )


def run_wrk(url: str, *, host: str, threads: int, connections: int, duration: int) -> Measure:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-H",
        f"Host: {host}",
        url,
    ]
    done = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed: {done.stderr or done.stdout}")
    return parse_wrk(done.stdout)


# --- The database and the pages -------------------------------------------------------------------


def warm_up(url: str, *, host: str, wrk: dict, seconds: int) -> None:
    """The page requested for `seconds` before it is measured, the figures thrown away: every
    worker has then compiled the page's templates and queries and read what it keeps in its
    memory, as the workers of a site that has been running have (without it, the first second
    of each page's measure is of workers meeting it for the first time)."""
    if seconds > 0:
        run_wrk(url, host=host, **{**wrk, "duration": seconds})


def database_url(option: str | None) -> str:
    return option or f"sqlite:///{DEFAULT_SQLITE}"


def prepare_database(url: str, *, keep: bool) -> None:
    """The demo in a database of its own (made again unless `keep` and it exists)."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if "bench" not in path.name:
            raise SystemExit(f"Refusing to replace {path}: the file name must contain 'bench'.")
        if keep and path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        if keep:
            return
        recreate_database(url)
    env = {**server_env(url), "DJANGO_SETTINGS_MODULE": SETTINGS}
    for command in (
        ["migrate", "--no-input", "--verbosity", "0"],
        ["load_demo", "--no-admin", "--port", "80", "--i-know-this-is-production", "-v", "0"],
    ):
        print(f"  manage.py {command[0]} …", flush=True)
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=900
        )


def setup_django(url: str, *, redis_url: str) -> None:
    """This process reads the demo (to find the pages, count queries and publish) with the same
    settings as the servers (the same Redis: its publishes purge their page cache), the page
    cache off."""
    os.environ.update(
        {
            **server_env(url),
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PAGE_CACHE": "false",
            "REDIS_URL": redis_url,
        }
    )
    os.environ["ALLOWED_HOSTS"] = f"{LOOPBACK},.localhost"
    Path(os.environ["STATIC_ROOT"]).mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def drop_demo_task_backlog() -> int:
    """The search and reference index updates that loading the demo queued: load_demo has already
    rebuilt both indexes, and a purge queued behind them would wait for the worker to do them all
    again. Queued by the demo's own pages only (this database is the benchmark's)."""
    from django_tasks_db.models import DBTaskResult

    deleted, _by_model = DBTaskResult.objects.filter(status="READY").delete()
    return deleted


def discover_pages() -> list[PageRow]:
    """One page of each public type on the demo's Møre og Romsdal site (Helse Nord's home too)."""
    from wagtail.models import Site

    from samhandling.agreements.pages import ActionPlanPage, AgreementPage
    from samhandling.committees.pages import CommitteeIndexPage, CommitteePage, MeetingPage
    from samhandling.committees.people import Membership
    from samhandling.core.pages import StandardPage
    from samhandling.events.pages import EventIndexPage, EventPage
    from samhandling.hearings.pages import HearingIndexPage, HearingPage
    from samhandling.news.models import NewsArticlePage, NewsIndexPage

    rows: list[PageRow] = []
    for host, label in ((MR_HOST, "home"), (HN_HOST, "home (HN)")):
        rows.append(PageRow(label, host, "/"))
    root = Site.objects.get(hostname=MR_HOST).root_page

    def first(model, label: str):
        page = model.objects.live().descendant_of(root).order_by("path").first()
        if page is None:
            print(f"  (no {label} in the demo: left out)")
            return None
        rows.append(PageRow(label, MR_HOST, page.get_url_parts()[2]))
        return page

    for model, label in (
        (StandardPage, "standard page"),
        (NewsIndexPage, "news index"),
        (NewsArticlePage, "article"),
        (EventIndexPage, "events index"),
        (EventPage, "event"),
    ):
        first(model, label)
    index = first(CommitteeIndexPage, "committee index")
    committee = first(CommitteePage, "committee")
    first(MeetingPage, "meeting")
    if index and committee:
        membership = Membership.objects.filter(committee__path__startswith=index.path).first()
        if membership:
            address = urlsplit(index.specific.person_url(membership.person))
            rows.append(PageRow("person", MR_HOST, address.path))
    for model, label in (
        (AgreementPage, "agreement"),
        (ActionPlanPage, "action plan"),
        (HearingIndexPage, "hearing index"),
        (HearingPage, "hearing"),
    ):
        first(model, label)
    rows.append(PageRow("search", MR_HOST, "/sok/?q=samarbeidsavtale"))
    return rows


def count_queries(rows: list[PageRow]) -> None:
    """Each page's SQL queries (the second request, as a visitor after another) and bytes."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for row in rows:
        client = Client(HTTP_HOST=row.host)
        client.get(row.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(row.path)
        if response.status_code != 200:
            raise SystemExit(f"{row.label} {row.host}{row.path} answered {response.status_code}")
        row.queries = len(queries)
        row.bytes = len(response.content)


def html_of_size(size: int) -> bytes:
    return b"<!doctype html>" + b"x" * max(0, size - 15)


# --- Servers --------------------------------------------------------------------------------------


@contextlib.contextmanager
def bare_django(body_bytes: int) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "BARE_BODY_BYTES": str(body_bytes)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "benchmarks.bare_django:application",
            "--bind",
            f"{LOOPBACK}:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
            "--preload",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(requests.RequestException):
                if requests.get(base + "/", timeout=2).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("The bare Django reference did not start.")
            time.sleep(0.2)
        yield base + "/"
    finally:
        front_cache._stop(process)


def app_env(*, page_cache: bool, redis_url: str, purge_url: str = "") -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "ALLOWED_HOSTS": f"{LOOPBACK},.localhost",
        "PAGE_CACHE": "true" if page_cache else "false",
        "PAGE_CACHE_SECONDS": "300",
        "REDIS_URL": redis_url,
        "FRONTEND_CACHE_PURGE_URL": purge_url,
    }


def empty_redis(redis_url: str) -> None:
    """Empty the benchmark's own Redis database (its number is in the URL), so that no entry of
    an earlier run (another demo load: other ids) is served."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()


@contextlib.contextmanager
def task_worker(url: str, env: dict, interval: float) -> Iterator[None]:
    """The task worker as Procfile runs it (it sends Wagtail's purges), polling every `interval`;
    yields once it has run a task queued here (an empty purge)."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            str(interval),
        ],
        cwd=ROOT,
        env={**server_env(url), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        probe = purge_urls_from_cache_task.enqueue(["http://probe.invalid/"])
        deadline = time.monotonic() + 60
        while probe.status != "SUCCESSFUL":
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"The task worker did not run a task (status {probe.status}).")
            time.sleep(0.1)
            probe.refresh()
        yield
    finally:
        front_cache._stop(process)


def cache_status(base: str, row: PageRow) -> str:
    requests.get(base + row.path, headers={"Host": row.host}, timeout=30)
    response = requests.get(base + row.path, headers={"Host": row.host}, timeout=30)
    if response.status_code != 200:
        raise RuntimeError(f"{row.label} through {base}: {response.status_code}")
    return response.headers.get("X-Cache-Status", "?")


def measure_purges(proxy: str, row: PageRow) -> tuple[list[float], str]:
    """Publish the page with a new title, PURGE_ROUNDS times, and time from the publish's commit
    until the proxy serves the new title (the worker sends the purge)."""
    from wagtail.models import Page

    status = cache_status(proxy, row)
    if status != "HIT":
        return [], (
            f"the proxy does not keep the page (X-Cache-Status {status}): the app does not mark "
            "it shareable"
        )
    page = Page.objects.get(url_path__endswith=row.path).specific
    base_title = page.title.split(" · ")[0]
    timings = []
    for number in range(1, PURGE_ROUNDS + 1):
        if not _kept_by_proxy(proxy, row):
            return timings, f"the page was not in the proxy before publish {number}"
        title = f"{base_title} · {time.time_ns()}"
        page.title = title
        page.save_revision().publish()
        started = time.monotonic()
        while title not in _proxy_text(proxy, row):
            if time.monotonic() - started > PURGE_LIMIT:
                return timings, f"publish {number} did not reach the proxy within {PURGE_LIMIT} s"
            time.sleep(0.01)
        timings.append(time.monotonic() - started)
    return timings, ""


def _kept_by_proxy(proxy: str, row: PageRow, *, within: float = 2.0) -> bool:
    """True once the proxy answers the page from its cache. A publish may purge more than one
    address, in tasks the worker sends one after another, so a purge can still arrive after the
    new page was first seen; each fetch puts the page back until the purges stop."""
    started = time.monotonic()
    while cache_status(proxy, row) != "HIT":
        if time.monotonic() - started > within:
            return False
        time.sleep(0.05)
    return True


def _proxy_text(proxy: str, row: PageRow) -> str:
    return requests.get(proxy + row.path, headers={"Host": row.host}, timeout=10).text


# --- The run --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help=f"default sqlite:///{DEFAULT_SQLITE}")
    parser.add_argument("--keep-database", action="store_true", help="reuse a loaded demo")
    parser.add_argument("--duration", type=int, default=4, help="seconds of wrk per measure")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="2 seconds per measure")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=1,
        help="seconds of wrk on each page before it is measured (not counted)",
    )
    parser.add_argument("--pages", help="comma-separated labels (default: every page type)")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6"),
        help="a Redis database of the benchmark's own (emptied): the app's shared cache",
    )
    parser.add_argument(
        "--worker-interval",
        type=float,
        default=0.25,
        help="seconds the task worker waits between polls (as docs/deploy.md)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the table from made-up figures"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 2
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.dry_run:
        rows, bare, static = dry_run_rows()
        print(
            render(
                rows,
                bare=bare,
                static=static,
                body_bytes=30000,
                purges=[0.31, 0.42],
                setup="Dry run: made-up figures",
            )
        )
        return 0
    ensure_wrk()
    for name, found in (
        ("varnishd", front_cache.varnishd_path()),
        ("nginx", front_cache.nginx_path()),
    ):
        if not found:
            raise SystemExit(f"The page benchmark needs {name}. {front_cache.INSTALL_HINT}")
    url = database_url(args.database_url)
    print(f"Database: {url}", flush=True)
    prepare_database(url, keep=args.keep_database)
    setup_django(url, redis_url=args.redis_url)
    drop_demo_task_backlog()
    rows = discover_pages()
    if args.pages:
        wanted = {label.strip() for label in args.pages.split(",")}
        rows = [row for row in rows if row.label in wanted]
    count_queries(rows)
    body = int(statistics.median(row.bytes for row in rows))
    wrk = {"threads": args.threads, "connections": args.connections, "duration": args.duration}

    print(f"References (body {body} bytes) …", flush=True)
    with bare_django(body) as bare_url:
        warm_up(bare_url, host=LOOPBACK, wrk=wrk, seconds=args.warm_up)
        bare = run_wrk(bare_url, host=LOOPBACK, **wrk)
    with front_cache.nginx_static({"page.html": html_of_size(body)}) as static_base:
        static = run_wrk(static_base + "/page.html", host=LOOPBACK, **wrk)

    print("Uncached (PAGE_CACHE=false) …", flush=True)
    empty_redis(args.redis_url)
    with gunicorn(
        url, ready_path="/", workers=2, env=app_env(page_cache=False, redis_url=args.redis_url)
    ) as server:
        for row in rows:
            cache_status(server.base, row)
            warm_up(server.base + row.path, host=row.host, wrk=wrk, seconds=args.warm_up)
            row.uncached = run_wrk(server.base + row.path, host=row.host, **wrk)

    # The machine's load drifts over the minutes of the run: the bare view again, right before
    # the app-cached measures; the faster of its two measures is the reference (the stricter).
    with bare_django(body) as bare_url:
        warm_up(bare_url, host=LOOPBACK, wrk=wrk, seconds=args.warm_up)
        bare_again = run_wrk(bare_url, host=LOOPBACK, **wrk)
    bare_rates = f"bare Django measured at {bare.rps:.0f} and {bare_again.rps:.0f} requests/s"
    bare = max(bare, bare_again, key=lambda measure: measure.rps)

    print("App-cached (PAGE_CACHE=true) and through Varnish …", flush=True)
    purges, purge_note = [], ""
    cached_env = app_env(page_cache=True, redis_url=args.redis_url)
    empty_redis(args.redis_url)
    files = {f"{number}.html": html_of_size(row.bytes) for number, row in enumerate(rows)}
    with (
        gunicorn(url, ready_path="/", workers=2, env=cached_env) as server,
        front_cache.varnish(int(server.base.rsplit(":", 1)[1])) as varnish,
        front_cache.nginx_static(files) as static_base,
    ):
        proxy = varnish.base
        for row in rows:
            cache_status(server.base, row)
            warm_up(server.base + row.path, host=row.host, wrk=wrk, seconds=args.warm_up)
            row.app = run_wrk(server.base + row.path, host=row.host, **wrk)
            row.proxy_status = cache_status(proxy, row)
            row.proxy = run_wrk(proxy + row.path, host=row.host, **wrk)
            row.static = run_wrk(f"{static_base}/{rows.index(row)}.html", host=LOOPBACK, **wrk)
        article = next((row for row in rows if row.label == "article"), None)
        if article is None:
            purge_note = "the article page was not measured"
        else:
            print("Purge on publish …", flush=True)
            with task_worker(
                url,
                {**cached_env, "FRONTEND_CACHE_PURGE_URL": varnish.purge_url},
                args.worker_interval,
            ):
                purges, purge_note = measure_purges(proxy, article)

    cores = os.cpu_count()
    setup = (
        f"Pages of the demo ({Path(url).name if url.startswith('sqlite') else 'PostgreSQL'}), "
        f"gunicorn 2 sync workers, wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
        f"{cores} cores, Redis cache; {bare_rates} (the higher is the reference)"
    )
    print()
    print(
        render(
            rows,
            bare=bare,
            static=static,
            body_bytes=body,
            purges=purges,
            purge_note=purge_note,
            setup=setup,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
