"""Queries, in-process time and size of every public page type of the demo, uncached, beside a
bare Django view answering as many bytes, measured in the same run.

    make profile-pages
    .venv/bin/python -m benchmarks.page_profile --requests 50
    .venv/bin/python -m benchmarks.page_profile --database var/profile.sqlite3   # kept, reused
    .venv/bin/python -m benchmarks.page_profile --only committee --cprofile 25

Each page is requested through the WSGI application itself (what gunicorn calls), with the
production settings (DEBUG off, the cached template loader) and an anonymous visitor: no web
server, no network, no client. Per page type it prints the SQL queries of one request, the
median wall-clock and CPU milliseconds of N requests (after warming up, as a running site is:
templates loaded, the structure cache filled), and the size of the answer. The bare view's
ms and each page's share of its throughput (bare ms ÷ page ms) are printed with them.

The database is a SQLite file with the demo loaded (made by the run in a temporary directory
unless --database names one; an existing file is reused as it is)."""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HOST_MR = "more-og-romsdal.localhost"
HOST_HN = "helse-nord.localhost"


def _setup(database: Path, redis_url: str = "") -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.page_profile_settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database.resolve()}"
    os.environ["PAGE_PROFILE_MEDIA_ROOT"] = str(
        database.resolve().parent / f"{database.stem}-media"
    )
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("ALLOWED_HOSTS", f"{HOST_MR},{HOST_HN},127.0.0.1,localhost")
    for name, value in {
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DEBUG": "false",
        "DATABASE_CONN_MAX_AGE": "60",
        "SAMHANDLING_DEMO_ALLOWED": "true",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Uncached pages: every request renders (the middleware still records the page's tags,
        # as on a miss; only the store is left out).
        "PAGE_CACHE": "false",
    }.items():
        os.environ.setdefault(name, value)
    if redis_url:  # the shared cache production has (the first request of a page fills it)
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)  # each process its own cache, as the unit tests have
    import django

    django.setup()


def _load_demo(database: Path) -> None:
    from django.conf import settings
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    settings.SAMHANDLING_DEMO_ALLOWED = True
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    print(f"demo loaded into {database} in {time.perf_counter() - started:.1f} s")


@dataclass
class Target:
    name: str
    host: str
    path: str


def targets() -> list[Target]:
    """One address per public page type, taken from the demo (the richest page of each type)."""
    from django.db.models import Count
    from wagtail.models import Site

    from samhandling.agreements.pages import ActionPlanPage, AgreementPage
    from samhandling.committees.pages import CommitteeIndexPage, CommitteePage, MeetingPage
    from samhandling.committees.people import Person
    from samhandling.committees.selectors import meeting_years
    from samhandling.core.pages import StandardPage
    from samhandling.events.pages import EventIndexPage, EventPage, EventSeriesPage
    from samhandling.hearings.pages import HearingIndexPage, HearingPage
    from samhandling.news.models import NewsArticlePage, NewsIndexPage

    found: list[Target] = []
    sites = {site.hostname: site for site in Site.objects.all()}

    def add(name, page, suffix=""):
        if page is None:
            print(f"(no {name} in the demo)")
            return
        site = page.get_site()
        found.append(Target(name, site.hostname, page.relative_url(site) + suffix))

    for host, label in ((HOST_MR, "home (MR)"), (HOST_HN, "home (HN)")):
        if host in sites:
            found.append(Target(label, host, "/"))
    add("standard page", StandardPage.objects.live().first())
    add("news index", NewsIndexPage.objects.live().first())
    add("news article", NewsArticlePage.objects.live().order_by("-first_published_at").first())
    mr_root = sites[HOST_MR].root_page if HOST_MR in sites else None
    if mr_root is not None:  # the article `make bench-pages` measures (the first on the MR site)
        first_article = NewsArticlePage.objects.live().descendant_of(mr_root).order_by("path")
        add("news article (bench)", first_article.first())
    add("events index", EventIndexPage.objects.live().first())
    add("event series", EventSeriesPage.objects.live().first())
    for event in EventPage.objects.live().order_by("path"):
        add(f"event {event.pk}", event)
    structure = CommitteeIndexPage.objects.live().first()
    add("committee index", structure)
    committees = CommitteePage.objects.live().annotate(n=Count("memberships")).order_by("-n")
    biggest = committees.first()
    add("committee (most members)", biggest)
    add("committee (sub)", committees.exclude(pk=biggest.pk).first() if biggest else None)
    if biggest is not None:
        years = meeting_years(committee=biggest)
        if years:
            add("committee archive", biggest, biggest.reverse_subpage("archive", args=[years[0]]))
        add("follow-up page", biggest, biggest.reverse_subpage("follow_up"))
    meeting = (
        MeetingPage.objects.live()
        .filter(minutes_published=True)
        .annotate(n=Count("agenda_items"))
        .order_by("-n")
        .first()
    )
    add("meeting", meeting)
    person = Person.objects.annotate(n=Count("memberships")).order_by("-n").first()
    if structure is not None and person is not None:
        add("person", structure, structure.reverse_subpage("person", args=[person.pk]))
    agreements = AgreementPage.objects.live().annotate(n=Count("id")).order_by("depth", "path")
    add("agreement (main)", agreements.first())
    add("agreement (sub)", agreements.filter(depth__gt=agreements.first().depth).first())
    add("action plan", ActionPlanPage.objects.live().first())
    add("hearing index", HearingIndexPage.objects.live().first())
    for hearing in HearingPage.objects.live().order_by("path"):
        add(f"hearing {hearing.pk}", hearing)
    found.append(Target("search", HOST_MR, "/sok/?q=samarbeid"))
    found.append(Target("search (bench)", HOST_MR, "/sok/?q=samarbeidsavtale"))
    found.append(Target("privacy", HOST_MR, "/personvern/"))
    return found


def _environ(host: str, path: str) -> dict:
    path, _sep, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT": "text/html",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(app, host: str, path: str) -> tuple[str, bytes]:
    status = []
    result = app(_environ(host, path), lambda s, headers, exc_info=None: status.append(s))
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return status[0], body


@dataclass
class Figures:
    name: str
    status: str
    queries: int
    wall_ms: float
    cpu_ms: float
    size: int


def measure(app, target: Target, *, requests: int) -> Figures:
    from django.db import connection

    for _ in range(3):  # warm: templates compiled, structure cache filled
        request(app, target.host, target.path)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status, body = request(app, target.host, target.path)
    walls, cpus = [], []
    for _ in range(requests):
        wall, cpu = time.perf_counter(), time.process_time()
        request(app, target.host, target.path)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Figures(
        target.name,
        status.split()[0],
        len(queries),
        statistics.median(walls) * 1000,
        statistics.median(cpus) * 1000,
        len(body),
    )


def print_table(rows: list[Figures], bare: Figures) -> None:
    print(
        f"{'page type':<28} {'status':>6} {'queries':>7} {'ms':>7} {'cpu ms':>7} "
        f"{'bytes':>8} {'% of bare':>9}"
    )
    for row in [bare, *rows]:
        share = 100 * bare.wall_ms / row.wall_ms if row.wall_ms else 0
        print(
            f"{row.name:<28} {row.status:>6} {row.queries:>7} {row.wall_ms:>7.2f} "
            f"{row.cpu_ms:>7.2f} {row.size:>8} {share:>8.1f}%"
        )


def show_profile(app, target: Target, *, requests: int, lines: int, dump: str = "") -> None:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        request(app, target.host, target.path)
    profile.disable()
    if dump:
        Path(dump).mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() else "-" for c in target.name).strip("-")
        profile.dump_stats(Path(dump) / f"{name}.prof")
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
    stats.print_stats(lines)
    print(f"\n--- cProfile of {target.name} ({target.path}), {requests} requests ---")
    print(out.getvalue())


def run(args) -> int:
    temporary = None
    if args.database:
        database = Path(args.database)
        new = not database.exists()
    else:
        temporary = tempfile.TemporaryDirectory(prefix="page-profile-")
        database = Path(temporary.name) / "demo.sqlite3"
        new = True
    try:
        _setup(database, args.redis_url)
        if args.redis_url:
            from django.core.cache import cache

            cache.clear()
        if new:
            _load_demo(database)
        from django.core.wsgi import get_wsgi_application

        from benchmarks.page_profile_urls import BARE_PATH

        app = get_wsgi_application()
        chosen = [t for t in targets() if not args.only or args.only in t.name]
        rows = []
        for target in chosen:
            rows.append(measure(app, target, requests=args.requests))
        size = int(statistics.median(row.size for row in rows)) if rows else 20000
        bare = measure(
            app,
            Target(f"bare Django view ({size} B)", HOST_MR, f"{BARE_PATH}?size={size}"),
            requests=args.requests,
        )
        print(f"{args.requests} requests per page, medians; in-process WSGI, DEBUG off\n")
        print_table(rows, bare)
        if args.cprofile:
            for target in chosen:
                show_profile(
                    app, target, requests=args.requests, lines=args.cprofile, dump=args.dump
                )
        failed = [row for row in rows if row.status != "200"]
        if failed:
            print("FAILED: " + ", ".join(f"{row.name} answered {row.status}" for row in failed))
            return 1
        return 0
    finally:
        if temporary is not None:
            temporary.cleanup()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--database", help="SQLite file with the demo (made when missing)")
    parser.add_argument("--only", default="", help="only the page types whose name has this")
    parser.add_argument(
        "--cprofile", type=int, default=0, metavar="LINES", help="print a cProfile per page"
    )
    parser.add_argument(
        "--dump", default="", metavar="DIR", help="with --cprofile: save each page's profile here"
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="the cache in this Redis database (emptied first), as production and `make "
        "bench-pages` have; default: each process its own local-memory cache",
    )
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
