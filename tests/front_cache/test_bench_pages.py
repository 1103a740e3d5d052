"""The page benchmark's reading of wrk and its table (the benchmark is `make bench-pages`)."""

import subprocess
import sys

from benchmarks import pages
from benchmarks.pages import Measure, PageRow

WRK_OUTPUT = """\
Running 2s test @ http://127.0.0.1:41234/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.12ms    1.01ms  21.30ms   90.00%
    Req/Sec     0.98k    50.00     1.10k    70.00%
  Latency Distribution
     50%    3.90ms
     75%    4.50ms
     90%    5.20ms
     99%    1.20s
  3904 requests in 2.00s, 36.10MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1951.52
Transfer/sec:     18.05MB
"""


def test_wrk_output_is_read_into_rate_latencies_and_errors():
    measure = pages.parse_wrk(WRK_OUTPUT)
    assert measure == Measure(rps=1951.52, p50_ms=3.9, p99_ms=1200.0, errors=7)
    assert (
        pages.parse_wrk(WRK_OUTPUT.replace("     99%    1.20s", "     99%  850.00us")).p99_ms
        == 0.85
    )


def test_the_table_gives_each_ratio_and_says_which_target_is_not_met():
    rows = [
        PageRow(
            "home",
            "h",
            "/",
            30000,
            12,
            Measure(280, 28, 60),
            Measure(1800, 4, 9),
            Measure(9000, 1, 2),
            "HIT",
        ),
        PageRow(
            "committee",
            "h",
            "/c/",
            40000,
            15,
            Measure(140, 55, 90),
            Measure(2000, 4, 9),
            Measure(8000, 1, 2),
            "HIT",
        ),
    ]
    table = pages.render(
        rows,
        bare=Measure(3500, 2, 5),
        static=Measure(16000, 0.5, 1),
        body_bytes=35000,
        purges=[0.2, 0.4, 0.3],
    )
    home = next(line for line in table.splitlines() if line.startswith("home"))
    assert home.split()[-3:] == ["8%", "51%", "56%"]  # 280/3500, 1800/3500, 9000/16000
    assert "uncached ≥ 7 % of bare Django: NOT met (lowest 4.0 %, committee)" in table
    assert "app-cached ≥ 50 % of bare Django: met (lowest 51.4 %, home)" in table
    assert "proxy-cached ≥ 50 % of nginx serving a file: met (lowest 50.0 %, committee)" in table
    assert "median 0.30 s, max 0.40 s" in table


def test_the_proxy_is_compared_with_nginx_serving_a_file_of_the_pages_own_size():
    row = PageRow(
        "event", "h", "/e/", 16000, 18, proxy=Measure(6000, 1, 2), static=Measure(10000, 0.5, 1)
    )
    table = pages.render(
        [row], bare=None, static=Measure(20000, 0.5, 1), body_bytes=9000, purges=None
    )
    line = next(line for line in table.splitlines() if line.startswith("event"))
    assert line.split()[-1] == "60%"  # 6000 / 10000, not / 20000
    assert "proxy-cached ≥ 50 % of nginx serving a file: met (lowest 60.0 %, event)" in table


def test_a_mode_not_measured_is_shown_as_such():
    rows = [PageRow("search", "h", "/sok/", 20000, 6, Measure(100, 50, 90, errors=1))]
    table = pages.render(
        rows,
        bare=Measure(3500, 2, 5),
        static=None,
        body_bytes=20000,
        purges=None,
        purge_note="the proxy does not keep the page",
    )
    assert "100!" in table  # errors are flagged
    assert "proxy-cached ≥ 50 % of nginx serving a file: not measured" in table
    assert "Purge on publish: not measured (the proxy does not keep the page)" in table


def test_dry_run_prints_the_table_without_starting_anything():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", "--dry-run"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "bare Django" in done.stdout and "nginx file" in done.stdout
    assert "Targets" in done.stdout
