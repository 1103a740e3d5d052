"""Browser tests: headless Chromium through Playwright against a live server with the demo.

Every test in this folder is marked `browser` (`make test-browser` runs only these, `make test-unit`
leaves them out) and is skipped, loudly, when no Chromium is installed.

Every test fails on a Content-Security-Policy violation that the policy enforces (the admin's
strict report-only policy is expected to be broken, so its reports are not counted): each browser
context listens to `securitypolicyviolation` events and to the console, and the report endpoint's
log is watched too (see `csp_watch.py`).

Speed: the demo is loaded once per test module, not once per test. The browser tests only read,
so they can share it; afterwards the module fixture puts the database back as it found it. A test
that needs to change data must load its own demo (see `fresh_demo`).
"""

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

from .chromium import CHROMIUM_ARGS, find_chromium
from .csp_watch import CspWatch

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse every
# database call made from it (the fixtures below load the demo from this thread).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Bind the live server to IPv4 loopback, where Chromium sends *.localhost.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
MR_HOST = "more-og-romsdal.localhost"
HN_HOST = "helse-nord.localhost"
CHROMIUM = find_chromium()
NO_CHROMIUM = (
    "NO CHROMIUM FOUND: browser test SKIPPED. Install Chromium (apt-get install chromium) "
    "or set CHROMIUM_PATH to run the Playwright and axe tests."
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        if CHROMIUM is None:
            item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


def pytest_report_header(config):
    if CHROMIUM is None:
        bar = "!" * 78
        return [bar, "!! " + NO_CHROMIUM, bar]
    return [f"browser tests: Chromium at {CHROMIUM}"]


@dataclass(frozen=True)
class Demo:
    """The addresses of the two demo sites on the live server."""

    port: int

    @property
    def mr(self) -> str:
        return f"http://{MR_HOST}:{self.port}"

    @property
    def hn(self) -> str:
        return f"http://{HN_HOST}:{self.port}"


def _load_demo(port: int) -> Demo:
    """Loads the demo into a database that an earlier test may have flushed: what the caches
    hold (Wagtail's site root paths, menus) is from the rows that were flushed, so they start
    empty."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    call_command("load_demo", "--no-admin", "--port", str(port), verbosity=0, stdout=io.StringIO())
    return Demo(port=port)


@pytest.fixture
def _live_server_helper(request):
    """Overrides pytest-django's autouse helper, which gives every test that uses `live_server`
    its own `transactional_db` (a flush after each test). The module fixture `live_demo` below opens
    the database for the whole module instead, and flushes it once at the end."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


def _reset_sequences(connection) -> None:
    """Rows restored with their ids leave PostgreSQL's sequences behind; move them past the ids."""
    from django.apps import apps
    from django.core.management.color import no_style

    models = apps.get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


@pytest.fixture(scope="module")
def live_demo(live_server, django_db_setup, django_db_blocker) -> Demo:
    """The live server with the demo loaded, shared by the tests of one module (read only).

    Afterwards the database is put back as it was found, and the caches are cleared."""
    from django.core.cache import caches
    from django.db import connection

    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        try:
            yield _load_demo(live_server.thread.port)
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)
            _reset_sequences(connection)
            for cache in caches.all():
                cache.clear()


@pytest.fixture
def fresh_demo(live_server, transactional_db) -> Demo:
    """The demo for one test only, for a test that changes data. Do not mix with `live_demo`
    in one module. The database is flushed after the test, as for any transactional test."""
    return _load_demo(live_server.thread.port)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        pytest.skip(NO_CHROMIUM)
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        CSP_WATCH.watch_contexts_of(browser)
        yield browser
        browser.close()


CSP_WATCH = CspWatch()


@pytest.fixture(autouse=True)
def _no_csp_violations():
    """Fails the test on any violation of an enforced Content-Security-Policy seen in its
    browser contexts or reported to the live server's report endpoint."""
    with CSP_WATCH.during_test():
        yield
    CSP_WATCH.assert_none()


def _new_context(browser, **options):
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def context(browser):
    context = _new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def nojs_page(browser):
    """A page in a browser context with JavaScript turned off."""
    context = _new_context(browser, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(browser):
    """Makes pages with their own context options (viewport, media, ...)."""
    contexts = []

    def make(**options):
        context = _new_context(browser, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _forms_filled_at_robot_speed(settings):
    """Playwright fills and sends a form in well under a second, which the bot check of public
    forms (FORM_GUARD_MIN_SECONDS, 3 s in production) refuses. The browser tests lower it to 0;
    test_form_guard.py puts the production value back and shows the refusal in a real browser."""
    settings.FORM_GUARD_MIN_SECONDS = 0
