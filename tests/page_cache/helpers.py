"""Views through the real middleware with the page cache on, and changes committed as an
editor's or a participant's would be (the purge runs after commit)."""

from contextlib import contextmanager

from django.db import transaction
from django.test import Client

from tests.conftest import HN_HOST, MR_HOST  # noqa: F401 - re-exported for the tests


def view(path: str, host: str, **cookies):
    """An anonymous visitor's GET (a new client each time: no cookies but those given)."""
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, response.status_code)
    return response


def cached_view(path: str, host: str, **cookies):
    """View twice: the second comes from the cache (and is what a visitor then sees)."""
    view(path, host, **cookies)
    response = view(path, host, **cookies)
    assert response["X-Page-Cache"] == "hit", (path, response.get("X-Page-Cache"))
    return response.content.decode()


def fresh_view(path: str, host: str, **cookies) -> str:
    """The next anonymous view after a change: rendered again, not the old entry."""
    response = view(path, host, **cookies)
    assert response.get("X-Page-Cache") != "hit", path
    return response.content.decode()


@contextmanager
def committed(capture):
    """Run the block in a transaction and run its on-commit callbacks (the purge) at the end,
    as a real request's commit would (the test itself is inside pytest-django's transaction)."""
    with capture(execute=True), transaction.atomic():
        yield


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
