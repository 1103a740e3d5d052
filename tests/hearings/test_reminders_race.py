"""The same reminder form sent by parallel requests against PostgreSQL: one reminder, one e-mail
per organisation (the key is unique, and `hearings_one_reminder_per_body` holds)."""

import uuid

import pytest
from django.conf import settings

from samhandling.hearings.mail import HearingMail, HearingReminder
from samhandling.hearings.reminders import reminder_send
from tests.concurrency import race

from .board_helpers import hearing_with_members

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]


def test_parallel_presses_of_one_form_send_each_email_once(demo):
    hearing, _members = hearing_with_members()
    key = uuid.uuid4()
    outcomes = race(lambda n: reminder_send(hearing=hearing, key=key), 6)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sum(1 for _reminder, created in outcomes if created) == 1
    assert HearingReminder.objects.filter(hearing=hearing).count() == 1
    assert HearingMail.objects.filter(hearing=hearing, kind="reminder").count() == 4
