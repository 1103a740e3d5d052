"""The sign-up POST kept cheap for a rush (issue #13): a bounded number of queries whatever the
number of sign-ups, one count under the lock, the e-mail's task written in the sign-up's own
transaction, a refusal as a small page, the event looked up once per site and version of the
structure cache, and the lock's re-read that refuses an event unpublished meanwhile."""

import subprocess
import sys

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from samhandling.events.models import OutboxMessage, Registration, RegistrationStatus
from samhandling.events.services import RegistrationRefused, registration_create

from .factories import BODO, NARVIK, TROMSO, event, kommune, series
from .test_views import client, form_data

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL (the counts differ by the transaction statements).
SIGN_UP_QUERIES = 13
REFUSAL_QUERIES = 3


def _post(visitor, action: str, **fields):
    with CaptureQueriesContext(connection) as queries:
        response = visitor.post(action, form_data(**fields))
    return response, len(queries.captured_queries)


def test_a_sign_up_and_a_refusal_take_few_queries_however_many_signed_up(demo):
    cap = 2
    conference = event(series(max_per_organisation=cap), capacity=3)
    action = reverse("events:signup", args=[conference.pk])
    visitor = client()
    visitor.get(action)  # the site, its community and the event are cached from here on
    counts = []
    for n, number in enumerate([TROMSO, TROMSO, BODO, BODO, NARVIK]):
        response, count = _post(
            visitor, action, email=f"p{n}@example.org", organisation=str(kommune(number).pk)
        )
        assert response.status_code == 302, response.content.decode()[:500]
        counts.append(count)
    print("queries per sign-up (3 confirmed, then waiting):", counts)
    assert max(counts) <= SIGN_UP_QUERIES
    # The waiting list costs no extra query: the second sign-up of an organisation, confirmed
    # (1) and waiting (3), the same. (The first POST also reads the series into the cache, and
    # the first of each organisation the organisation.)
    assert counts[3] == counts[1]
    assert counts[2] == counts[4] == counts[1] + 1
    refused, count = _post(
        visitor, action, email="p9@example.org", organisation=str(kommune(TROMSO).pk)
    )
    print("queries per refusal:", count)
    assert refused.status_code == 409 and count <= REFUSAL_QUERIES
    statuses = list(
        Registration.objects.filter(event=conference)
        .order_by("created")
        .values_list("status", "position")
    )
    assert statuses == [("confirmed", None)] * 3 + [("waiting", 1), ("waiting", 2)]


def test_a_refusal_is_a_small_page_with_the_reason_and_the_way_back(demo):
    conference = event(series(max_per_organisation=1), capacity=10)
    action = reverse("events:signup", args=[conference.pk])
    assert client().post(action, form_data(email="first@example.org")).status_code == 302
    response = client().post(action, form_data(email="second@example.org"))
    text = response.content.decode()
    assert response.status_code == 409 and response["X-Robots-Tag"] == "noindex"
    assert "<title>Not signed up: " in text and "We could not sign you up" in text
    assert "already has 1 participants" in text
    assert f'href="{action}"' in text and "Back to the form" in text
    assert f'href="{conference.url.split("localhost", 1)[-1]}"' in text  # back to the event
    assert "<form" not in text.split('id="main"', 1)[-1].split("</main>", 1)[0]
    assert len(text) < 12_000  # the full sign-up page with its form is about 15 KB


def test_a_past_event_refusal_has_no_link_back_to_a_form(demo):
    past = event(days=-2)
    response = client().post(reverse("events:signup", args=[past.pk]), form_data())
    text = response.content.decode()
    assert response.status_code == 409 and "This event has already taken place." in text
    assert "Back to the form" not in text


def test_the_email_task_is_written_in_the_sign_ups_own_transaction(demo, settings):
    conference = event(capacity=10)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        registration_create(event=conference, name="Kari", email="undone@example.org", consent=True)
        assert DBTaskResult.objects.count() == 1  # written at once, not after the commit
        raise RuntimeError("the transaction fails after the sign-up")
    assert not OutboxMessage.objects.filter(to_email="undone@example.org").exists()
    assert not DBTaskResult.objects.exists()  # gone with it: no task for a lost sign-up

    outcome = registration_create(
        event=conference, name="Kari", email="kept@example.org", consent=True
    )
    message = OutboxMessage.objects.get(registration=outcome.registration)
    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("send_outbox_message")
    assert task.args_kwargs["args"] == [message.pk]


def test_an_event_unpublished_since_it_was_read_takes_no_sign_up(demo):
    conference = event(capacity=10)
    read_before = type(conference).objects.get(pk=conference.pk)
    conference.unpublish()
    with pytest.raises(RegistrationRefused) as refusal:
        registration_create(event=read_before, name="Kari", email="k@example.org", consent=True)
    assert refusal.value.code == "no_signup"
    assert not Registration.objects.filter(event_id=conference.pk).exists()


def test_the_cached_event_is_forgotten_when_it_is_unpublished(
    demo, django_capture_on_commit_callbacks
):
    conference = event(capacity=10)
    action = reverse("events:signup", args=[conference.pk])
    assert client().get(action).status_code == 200  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        conference.unpublish()
    assert client().get(action).status_code == 404
    assert client().post(action, form_data()).status_code == 404
    assert not Registration.objects.filter(event_id=conference.pk).exists()


def test_a_full_event_puts_sign_ups_on_the_waiting_list_in_order(demo):
    conference = event(capacity=1)
    people = [f"w{n}@example.org" for n in range(4)]
    for address in people:
        registration_create(event=conference, name="P", email=address, consent=True)
    Registration.objects.filter(email="w2@example.org").update(
        status=RegistrationStatus.CANCELLED, position=None
    )
    registration_create(event=conference, name="P", email="w9@example.org", consent=True)
    waiting = Registration.objects.filter(event=conference, status=RegistrationStatus.WAITING)
    assert sorted(waiting.values_list("email", "position")) == [
        ("w1@example.org", 1),
        ("w3@example.org", 3),
        ("w9@example.org", 4),
    ]


SETTINGS_PROBE = (
    "from samhandling.settings import base; d = base.DATABASES['default']; "
    "print(d['CONN_MAX_AGE'], d.get('OPTIONS', {}).get('pool'))"
)


def _database_settings(**env) -> str:
    import os

    done = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
            "SECRET_KEY": "x",
            "DATABASE_CONN_MAX_AGE": "60",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


def test_postgresql_gets_a_connection_pool_sized_from_the_environment():
    url = "postgres://app@db.example.org:5432/samhandling"
    pooled = _database_settings(DATABASE_URL=url, DATABASE_POOL_MIN="2", DATABASE_POOL_MAX="8")
    # Django refuses a pool with persistent connections: CONN_MAX_AGE becomes 0.
    assert pooled == "0 {'min_size': 2, 'max_size': 8, 'timeout': 10}"
    default = _database_settings(DATABASE_URL=url)
    assert default == "0 {'min_size': 1, 'max_size': 4, 'timeout': 10}"
    assert _database_settings(DATABASE_URL=url, DATABASE_POOL_MAX="0") == "60 None"
    assert _database_settings(DATABASE_URL="sqlite:////tmp/x.sqlite3") == "60 None"


def test_an_organisation_deleted_after_it_was_cached_is_refused_in_the_form(demo):
    """The chosen organisation comes from the structure cache; deleting it forgets it, so a
    form sent afterwards says the choice is no longer valid (no 500, nothing saved)."""
    from samhandling.organisations.models import HealthCommunity, Organisation

    from .factories import HN_HOST

    community = HealthCommunity.objects.get(site=demo[HN_HOST])
    gone = Organisation.objects.create(name="Nedlagd kommune", kind="other")
    community.members.add(gone)
    conference = event(capacity=10)
    action = reverse("events:signup", args=[conference.pk])
    visitor = client()
    assert "Nedlagd kommune" in visitor.get(action).content.decode()
    # Sent without consent: refused in the form, but the organisation is read (and cached).
    unsent = form_data(email="a@example.org", organisation=str(gone.pk), consent="")
    assert visitor.post(action, unsent).status_code == 400
    gone.delete()
    response = visitor.post(action, form_data(email="a@example.org", organisation=str(gone.pk)))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Registration.objects.filter(event=conference).exists()
