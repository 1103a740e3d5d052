"""Says loudly, before the tests run, whether the browser tests can run here."""

import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))

from tests.browser.chromium import find_chromium  # noqa: E402

path = find_chromium()
if path:
    print(f"Browser tests: using Chromium at {path}")
else:
    bar = "!" * 78
    print(
        f"\n{bar}\n!! NO CHROMIUM FOUND: the browser tests (Playwright, axe) will be SKIPPED.\n"
        "!! Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.\n"
        f"{bar}\n"
    )
