"""What the fuzzers share: their fixed budget and the figures they report.

The public forms (tests/test_fuzz_forms.py, hypothesis) and the JSON API
(tests/api/test_fuzz_api.py, schemathesis) are fuzzed on every `make test`, under SQLite, and
again under PostgreSQL in CI. The budget is fixed and the runs derandomized (the same examples
every run, no example database), so CI stays fast and a failure can be replayed. At the end of
the session the figures (requests sent, responses 5xx, per fuzzer and database) are printed in
pytest's summary and written to var/fuzz-report.txt, for the issue's closing note.
"""

from collections import Counter, defaultdict
from pathlib import Path

from hypothesis import HealthCheck, settings

# Examples per fuzzed form and per API operation.
FORM_EXAMPLES = 100
API_EXAMPLES = 15

FIXED = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "print_blob": True,
    # Each example reuses the test's database transaction and client on purpose.
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}


def fixed_budget(max_examples: int):
    """Hypothesis settings for a fuzzer: `max_examples` examples, the same ones every run."""
    return settings(max_examples=max_examples, **FIXED)


_figures: dict[str, Counter] = defaultdict(Counter)
REPORT = Path(__file__).resolve().parent.parent / "var" / "fuzz-report.txt"


def record(target: str, status: int) -> None:
    """Count one fuzzed request to `target` and what it answered."""
    from django.db import connection

    figures = _figures[f"{target} [{connection.vendor}]"]
    figures["requests"] += 1
    figures["responses 5xx"] += status >= 500
    figures["accepted (2xx/3xx)"] += status < 400
    figures["refused (4xx)"] += 400 <= status < 500


def report_lines() -> list[str]:
    lines = []
    for target, figures in sorted(_figures.items()):
        lines.append(
            f"{target}: {figures['requests']} requests fuzzed, "
            f"{figures['responses 5xx']} responses 5xx, "
            f"{figures['accepted (2xx/3xx)']} accepted, {figures['refused (4xx)']} refused"
        )
    for vendor in sorted({target.rsplit(" ", 1)[1] for target in _figures}):
        mine = [f for target, f in _figures.items() if target.endswith(vendor)]
        lines.append(
            f"total {vendor}: {sum(f['requests'] for f in mine)} requests fuzzed, "
            f"{sum(f['responses 5xx'] for f in mine)} responses 5xx"
        )
    return lines


def write_report() -> list[str]:
    """The figures of this run, also written to var/fuzz-report.txt, where the figures of a run
    on the other database (CI runs SQLite, then PostgreSQL) are kept."""
    lines = report_lines()
    if lines:
        vendors = {target.rsplit(" ", 1)[1] for target in _figures}
        kept = []
        if REPORT.exists():
            old = REPORT.read_text(encoding="utf-8").splitlines()
            kept = [line for line in old if "[" in line and not any(v in line for v in vendors)]
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text("\n".join(sorted(kept + lines)) + "\n", encoding="utf-8")
    return lines
