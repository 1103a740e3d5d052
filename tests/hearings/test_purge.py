"""Responses never confirmed are not kept: once their link has expired the nightly job deletes
them with their attachments (files too) and e-mails; confirmed ones and fresh ones stay."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from samhandling.audit.models import AuditLogEntry
from samhandling.hearings.choices import ResponseStatus
from samhandling.hearings.mail import HearingMail
from samhandling.hearings.purge import responses_purge_unconfirmed
from samhandling.hearings.responses import HearingResponse, ResponseAttachment

from .factories import confirmed_response, make_hearing
from .response_posts import pdf_bytes, respond_url, response_post, upload, visitor


def _submit(hearing, capture, email):
    with capture(execute=True):
        page = visitor().post(
            respond_url(hearing),
            {**response_post(email=email), "attachments": upload("svar.pdf", pdf_bytes())},
        )
    assert page.status_code == 302
    return HearingResponse.objects.get(hearing=hearing, email=email)


def test_expired_unconfirmed_responses_are_deleted_with_files_and_e_mails(
    demo, django_capture_on_commit_callbacks
):
    hearing = make_hearing()
    old = _submit(hearing, django_capture_on_commit_callbacks, "old@example.org")
    fresh = _submit(hearing, django_capture_on_commit_callbacks, "fresh@example.org")
    kept = confirmed_response(hearing, email="kept@example.org")
    stored = old.attachments.get().file
    assert stored.storage.exists(stored.name)
    past = timezone.now() - datetime.timedelta(minutes=1)
    HearingResponse.objects.filter(pk__in=[old.pk, kept.pk]).update(link_expires_at=past)

    with django_capture_on_commit_callbacks(execute=True):
        assert responses_purge_unconfirmed() == 1
    assert not HearingResponse.objects.filter(pk=old.pk).exists()
    assert not ResponseAttachment.objects.filter(response_id=old.pk).exists()
    assert not HearingMail.objects.filter(to_email="old@example.org").exists()
    assert not stored.storage.exists(stored.name)
    assert HearingResponse.objects.get(pk=fresh.pk).status == ResponseStatus.UNCONFIRMED
    assert HearingResponse.objects.get(pk=kept.pk).status == ResponseStatus.CONFIRMED
    assert AuditLogEntry.objects.filter(
        action="samhandling.hearing_response.purge", object_id=str(old.pk)
    ).exists()

    out = io.StringIO()
    call_command("hearings_purge_unconfirmed", stdout=out)
    assert "0 unconfirmed response(s)" in out.getvalue()
