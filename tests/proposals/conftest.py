import pytest


@pytest.fixture(autouse=True)
def _commit_callbacks(request):
    """The tests run in a transaction that is rolled back, so nothing is ever committed: each
    request and service call in these tests runs its on-commit callbacks (the outbox's tasks) at
    its end, through `helpers.committed`, as it would after a real commit."""
    if "db" not in request.fixturenames and "demo" not in request.fixturenames:
        yield
        return
    from . import helpers

    helpers.CAPTURE = request.getfixturevalue("django_capture_on_commit_callbacks")
    yield
    helpers.CAPTURE = None
