"""A sign-up is written before the row locks, with the status the unlocked count expects, and
decided again under the lock: when others came first (or the event changed since the page was
read), the sign-up, its audit entry and its e-mail all carry the status decided under the lock."""

import pytest

from samhandling.audit.models import AuditLogEntry
from samhandling.events import services
from samhandling.events.models import EventPage, OutboxMessage, Registration, RegistrationStatus
from samhandling.events.services import RegistrationRefused, registration_create

from .factories import event

pytestmark = pytest.mark.django_db


def sign_up(page, n, **extra):
    values = {
        "event": page,
        "name": f"Deltakar {n}",
        "email": f"deltakar{n}@example.org",
        "consent": True,
        "language": "en",
    }
    return registration_create(**{**values, **extra}).registration


def test_the_status_decided_under_the_lock_is_the_one_kept_and_mailed(demo):
    conference = event(capacity=1)
    sign_up(conference, 1)
    # The page as a visitor read it before the last seat went: the unlocked count expects a seat.
    read_earlier = EventPage.objects.get(pk=conference.pk)
    read_earlier.capacity = None
    registration = sign_up(read_earlier, 2)

    stored = Registration.objects.get(pk=registration.pk)
    assert (stored.status, stored.position) == (RegistrationStatus.WAITING, 1)
    kinds = OutboxMessage.objects.filter(registration=stored).values_list("kind", flat=True)
    assert list(kinds) == ["waiting"]
    entry = AuditLogEntry.objects.get(
        object_id=str(stored.pk), action="samhandling.registration.create"
    )
    assert entry.data["status"] == RegistrationStatus.WAITING


def test_a_place_in_the_queue_taken_meanwhile_gives_the_next_one(demo, monkeypatch):
    conference = event(capacity=1)
    sign_up(conference, 1)
    assert sign_up(conference, 2).position == 1
    # A stale expectation of the queue (made before the second sign-up) is put right under the
    # lock: the waiting positions stay distinct.
    real_tally = services._tally
    calls = []

    def tally(*args, **kwargs):
        result = real_tally(*args, **kwargs)
        calls.append(kwargs.get("leave_out"))
        if kwargs.get("leave_out") is None:  # the unlocked count, as if read a moment earlier
            return services.Tally(
                duplicate=False,
                organisation_taken=0,
                other_event_id=None,
                confirmed=result.confirmed,
                last_position=0,
            )
        return result

    monkeypatch.setattr(services, "_tally", tally)
    third = sign_up(conference, 3)
    assert calls[0] is None and calls[1] == third.pk
    assert Registration.objects.get(pk=third.pk).position == 2


def test_a_refusal_under_the_lock_leaves_nothing_written(demo):
    conference = event(capacity=5)
    sign_up(conference, 1)
    registrations, messages, entries = (
        Registration.objects.count(),
        OutboxMessage.objects.count(),
        AuditLogEntry.objects.count(),
    )
    read_earlier = EventPage.objects.get(pk=conference.pk)
    EventPage.objects.filter(pk=conference.pk).update(live=False)  # unpublished meanwhile
    with pytest.raises(RegistrationRefused):
        sign_up(read_earlier, 2)
    assert Registration.objects.count() == registrations
    assert OutboxMessage.objects.count() == messages
    assert AuditLogEntry.objects.count() == entries
