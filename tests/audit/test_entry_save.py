"""An audit entry is written with one query (no existence checks of its content type and user),
and an unregistered action is still refused."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samhandling.audit.models import AuditLogEntry
from samhandling.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _entry(action):
    content_type = ContentType.objects.get_for_model(Organisation, for_concrete_model=False)
    return AuditLogEntry(
        content_type=content_type, object_id="1", label="x", action=action, timestamp=timezone.now()
    )


def test_an_entry_is_one_insert():
    entry = _entry("samhandling.registration.create")
    with CaptureQueriesContext(connection) as queries:
        entry.save()
    assert [q["sql"].split()[0] for q in queries] == ["INSERT"]
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_an_unregistered_action_is_refused():
    before = AuditLogEntry.objects.count()
    with pytest.raises(ValidationError):
        _entry("samhandling.no-such-action").save()
    assert AuditLogEntry.objects.count() == before
