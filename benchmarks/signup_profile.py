"""Server CPU of one sign-up POST and one refusal, in process: no HTTP, no client, no gunicorn.

    .venv/bin/python -m benchmarks.signup_profile --database-url postgres://postgres@127.0.0.1:5432/samhandling_x_bench
    .venv/bin/python -m benchmarks.signup_profile --cprofile 30     # and where the time goes

Builds the rush's scenario (`benchmarks.scenario`: 100 organisations, a cap of 2 per
organisation) in a fresh database whose name contains "bench" (dropped at the end), with the
production settings of `make bench` (`benchmarks.harness.server_env`: rate limits, CSRF and the
bot check on), then calls the WSGI application itself as gunicorn would: a GET of the sign-up
page for the CSRF cookie and token and the form's signed time, then N sign-ups (302, each from
an address and e-mail of its own, organisations taking turns) and N refusals (409: the
organisations are full). Prints the median wall-clock and CPU milliseconds of each, and the
weighted figure for the rush's mix (200 sign-ups, 300 refusals of 500). The machine may be
shared: compare figures of the same run, or runs close in time."""

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from urllib.parse import urlencode

from .harness import (
    DEFAULT_DATABASE_URL,
    FORM_FILL_SECONDS,
    build_scenario,
    drop_database,
    recreate_database,
    server_env,
    with_database_name,
)
from .signup_rush import client_address

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SHOWN_INPUT = re.compile(r'name="form_shown" value="([^"]+)"')


def _environ(method: str, host: str, path: str, *, address: str, cookie: str, body=b""):
    return {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_ACCEPT": "text/html",
        "HTTP_X_FORWARDED_FOR": address,
        "HTTP_COOKIE": cookie,
        "HTTP_ORIGIN": f"http://{host}",
        "HTTP_REFERER": f"http://{host}{path}",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def call(app, environ) -> tuple[str, dict, bytes]:
    answer = {}

    def start(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    result = app(environ, start)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer["status"], answer["headers"], body


def run(args) -> int:
    url = args.database_url
    os.environ.update(server_env(url))
    if not args.reuse:
        recreate_database(url)
    try:
        scenario = build_scenario(
            url, migrate=not args.reuse, organisations=100, capacity=100, cap=2, events=1
        )
        return _measure(args, scenario)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(url)


def _measure(args, scenario) -> int:
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    host, path = scenario["host"], scenario["events"][0]["signup_path"]
    organisations = scenario["organisations"]
    status, headers, body = call(app, _environ("GET", host, path, address="10.9.9.9", cookie=""))
    text = body.decode()
    cookie = "; ".join(
        value.split(";", 1)[0] for name, value in headers if name.lower() == "set-cookie"
    )
    token, shown = CSRF_INPUT.search(text).group(1), SHOWN_INPUT.search(text).group(1)
    time.sleep(FORM_FILL_SECONDS + 0.5)
    number = 0

    def post(organisation: int):
        nonlocal number
        number += 1
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": f"Deltakar {number}",
                "email": f"p{number}@example.org",
                "phone": "",
                "organisation": str(organisation),
                "organisation_other": "",
                "job_title": "Rådgjevar",
                "kind": "participant",
                "dietary_needs": "",
                "accessibility_needs": "",
                "consent": "on",
                "form_shown": shown,
                "website": "",
            }
        ).encode()
        environ = _environ(
            "POST", host, path, address=client_address(number), cookie=cookie, body=body
        )
        return call(app, environ)

    def timed(expected: str, organisation_of, count: int):
        walls, cpus = [], []
        for n in range(count):
            wall, cpu = time.perf_counter(), time.process_time()
            status, _headers, body = post(organisation_of(n))
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            if not status.startswith(expected):
                raise SystemExit(f"expected {expected}, got {status}: {body[:400]!r}")
        return statistics.median(walls), statistics.median(cpus)

    profiles = {}

    def phase(name, expected, organisation_of, count):
        profile = cProfile.Profile(time.process_time) if args.cprofile else None  # CPU time
        if profile:
            profile.enable()
        figures = timed(expected, organisation_of, count)
        if profile:
            profile.disable()
            profiles[name] = (profile, count)
            if args.dump:
                profile.dump_stats(os.path.join(args.dump, f"signup-profile-{name}.prof"))
        return figures

    # Sign-ups: the first 2 of every organisation are taken (100 confirmed, then waiting).
    signups = min(args.requests, 2 * len(organisations) - 2)
    half = len(organisations)
    sign_up = phase("sign-up", "302", lambda n: organisations[n % half], signups)
    # Refusals: every organisation's 2 places are taken once the first are full.
    for n in range(signups, 2 * len(organisations)):
        post(organisations[n % half])
    refusal = phase("refusal", "409", lambda n: organisations[n % half], args.requests)
    if args.cprofile:
        for name, (profile, count) in profiles.items():
            for order in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats(order).print_stats(args.cprofile)
                print(f"--- {name} x {count}, {order} ---\n{out.getvalue()}")
        print("(figures below measured under the profiler)")
    print(f"sign-up (302): wall {sign_up[0]:.2f} ms, CPU {sign_up[1]:.2f} ms (median of {signups})")
    print(f"refusal (409): wall {refusal[0]:.2f} ms, CPU {refusal[1]:.2f} ms")
    mix = (200 * sign_up[1] + 300 * refusal[1]) / 500
    print(f"rush mix (200 sign-ups, 300 refusals): CPU {mix:.2f} ms per request")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--database-url",
        default=with_database_name(DEFAULT_DATABASE_URL, "samhandling_profile_bench"),
    )
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument(
        "--reuse", action="store_true", help="a database kept by --keep: add a new event to it"
    )
    parser.add_argument("--dump", default="", help="a folder to write the profiles to")
    parser.add_argument("--cprofile", type=int, default=0, help="print N lines of a profile")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
