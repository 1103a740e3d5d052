import pytest
from django.core.management import call_command

MR_HOST = "more-og-romsdal.localhost"
HN_HOST = "helse-nord.localhost"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content once, as `make run` does; each test then runs in a transaction that
    is rolled back. (pytest-django runs the tests that flush the database, the browser tests,
    after all others, and those load the demo again themselves.)"""
    with django_db_blocker.unblock():
        call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)


@pytest.fixture
def demo(db):
    """The demo sites by host name (the content itself is loaded once per session)."""
    from wagtail.models import Site

    if not Site.objects.filter(hostname=MR_HOST).exists():  # after a flushing test
        call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    return {site.hostname: site for site in Site.objects.all()}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: a cached menu must not outlive the rolled-back
    transaction (or the flushed database) it was read from."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin_client(db):
    """A client logged in to the admin as a new superuser, "sekretariat" (`.user` on it). Replaces
    pytest-django's fixture of that name, which logs in as "admin"."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "pw")
    from tests.staff_login import admin_login

    client = admin_login(Client(), user)
    client.user = user
    return client


def pytest_terminal_summary(terminalreporter):
    """The fuzzers' figures (requests fuzzed, responses 5xx), also in var/fuzz-report.txt."""
    from tests.fuzzing import write_report

    lines = write_report()
    if lines:
        terminalreporter.section("fuzzing")
        for line in lines:
            terminalreporter.write_line(line)
