"""The page benchmark's figures and its one table (benchmarks/pages.py runs the benchmark):
wrk's output read into requests/s, p50/p99 and errors, the ratios to the references and the
issue's targets."""

import dataclasses
import re
import statistics

MR_HOST = "more-og-romsdal.localhost"
TARGETS = {"uncached": 0.07, "app": 0.50, "proxy": 0.50}  # of bare Django, bare Django, nginx


# --- Figures and the table ----------------------------------------------------------------------


@dataclasses.dataclass
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int = 0  # socket errors and answers other than 2xx/3xx


@dataclasses.dataclass
class PageRow:
    label: str
    host: str
    path: str
    bytes: int = 0
    queries: int = 0
    uncached: Measure | None = None
    app: Measure | None = None
    proxy: Measure | None = None
    proxy_status: str = ""  # X-Cache-Status of a request after a warm-up one
    static: Measure | None = None  # nginx serving a file of this page's size, right after proxy


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS_MS[unit]


def parse_wrk(output: str) -> Measure:
    """Requests/s, p50 and p99 (ms) and errors from `wrk --latency` output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (rps and p50 and p99):
        raise ValueError(f"Unexpected wrk output:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", output))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Measure(float(rps.group(1)), _ms(p50.group(1)), _ms(p99.group(1)), errors)


def ratio(measure: Measure | None, reference: Measure | None) -> float | None:
    if not measure or not reference or not reference.rps:
        return None
    return measure.rps / reference.rps


def _cell(measure: Measure | None) -> str:
    if measure is None:
        return f"{'—':>7} {'':>6} {'':>6}"
    flag = "!" if measure.errors else " "
    return f"{measure.rps:>6.0f}{flag} {measure.p50_ms:>6.1f} {measure.p99_ms:>6.1f}"


def _rps(measure: Measure | None) -> str:
    return f"{measure.rps:.0f}" if measure else "—"


def _percent(value: float | None) -> str:
    return f"{value * 100:>5.0f}%" if value is not None else f"{'—':>6}"


def render(
    rows: list[PageRow],
    *,
    bare: Measure | None,
    static: Measure | None,
    body_bytes: int,
    purges: list[float] | None,
    purge_note: str = "",
    setup: str = "",
) -> str:
    """The one table: per page type req/s, p50/p99 (ms) uncached, app-cached and through the proxy,
    queries, bytes and the ratios to the references; then the references, the purge and targets."""
    head = (
        f"{'page':<16} {'bytes':>7} {'SQL':>4} | {'uncached rps p50 p99':>21} | "
        f"{'app-cached rps p50 p99':>22} | {'proxy rps p50 p99':>21} {'proxy':>5} "
        f"{'nginx':>6} | {'unc/dj':>6} {'app/dj':>6} {'prx/ngx':>7}"
    )
    lines = [setup, head, "-" * len(head)] if setup else [head, "-" * len(head)]
    for row in rows:
        lines.append(
            f"{row.label:<16} {row.bytes:>7} {row.queries:>4} | {_cell(row.uncached):>21} | "
            f"{_cell(row.app):>22} | {_cell(row.proxy):>21} {row.proxy_status or '—':>5} "
            f"{_rps(row.static):>6} | "
            f"{_percent(ratio(row.uncached, bare))} {_percent(ratio(row.app, bare))} "
            f"{_percent(ratio(row.proxy, row.static or static)):>7}"
        )
    lines.append("-" * len(head))
    lines.append(f"{'bare Django':<16} {body_bytes:>7} {0:>4} | {_cell(bare):>21} |")
    lines.append(f"{'nginx file':<16} {body_bytes:>7} {0:>4} | {_cell(static):>21} |")
    lines.append(
        "(rps with ! had errors or non-2xx answers; p50/p99 in ms; bare Django and the nginx row: "
        "a body of the pages' median size; the nginx column: a file of the page's own size, "
        "measured right after it through the proxy, which prx/ngx compares with)"
    )
    if purges:
        lines.append(
            f"Purge: from a publish's commit until the proxy serves the new page "
            f"({len(purges)} publishes): "
            f"median {statistics.median(purges):.2f} s, max {max(purges):.2f} s (target < 1 s; "
            f"each: {', '.join(f'{value:.2f}' for value in purges)})"
        )
        if purge_note:
            lines.append(f"Purge stopped early: {purge_note}")
    elif purge_note:
        lines.append(f"Purge on publish: not measured ({purge_note})")
    lines.append("Targets (the slowest page type against the reference, same run):")
    for key, reference, name in (
        ("uncached", bare, "uncached ≥ 7 % of bare Django"),
        ("app", bare, "app-cached ≥ 50 % of bare Django"),
        ("proxy", static, "proxy-cached ≥ 50 % of nginx serving a file"),
    ):
        values = [
            (value, row.label)
            for row in rows
            if (
                value := ratio(
                    getattr(row, key), (row.static or reference) if key == "proxy" else reference
                )
            )
            is not None
        ]
        if not values:
            lines.append(f"  {name}: not measured")
            continue
        worst, label = min(values)
        verdict = "met" if worst >= TARGETS[key] else "NOT met"
        lines.append(f"  {name}: {verdict} (lowest {worst * 100:.1f} %, {label})")
    return "\n".join(lines)


def dry_run_rows() -> tuple[list[PageRow], Measure, Measure]:
    """Made-up figures in the shape of a real run, for --dry-run and the table's test."""
    rows = [
        PageRow(
            "home",
            MR_HOST,
            "/",
            30000,
            12,
            Measure(130, 55, 120),
            Measure(1900, 3.9, 9.0),
            Measure(9000, 0.8, 2.1),
            "HIT",
        ),
        PageRow(
            "committee",
            MR_HOST,
            "/ssu/",
            42000,
            15,
            Measure(95, 80, 160),
            Measure(1700, 4.2, 11.0),
            Measure(8800, 0.9, 2.5),
            "HIT",
        ),
        PageRow(
            "search",
            MR_HOST,
            "/sok/?q=avtale",
            25000,
            9,
            Measure(150, 50, 90, errors=3),
            None,
            None,
            "",
        ),
    ]
    return rows, Measure(3500, 2.1, 5.0), Measure(17000, 0.4, 1.2)
