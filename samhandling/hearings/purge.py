"""What is never confirmed is not kept: a response or a comment whose confirmation link expired
unused (`HEARINGS_CONFIRM_LINK_HOURS`) is deleted, with its attachments, its e-mails and the
stored files, by the nightly job `hearings_purge_unconfirmed`. Each is noted in the audit log by
its id only."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from samhandling.audit.services import audit_log_deleted

from .choices import ResponseStatus
from .comment_services import comments_purge_unconfirmed
from .mail import HearingMail
from .responses import HearingResponse, ResponseAttachment


def responses_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete the responses whose confirmation link expired unconfirmed; how many."""
    now = now or timezone.now()
    with transaction.atomic():
        expired = HearingResponse.objects.select_for_update().filter(
            status=ResponseStatus.UNCONFIRMED, link_expires_at__lt=now
        )
        ids = list(expired.values_list("pk", flat=True))
        if not ids:
            return 0
        files = [
            (attachment.file.name, attachment.file.storage)
            for attachment in ResponseAttachment.objects.filter(response_id__in=ids)
        ]
        HearingMail.objects.filter(response_id__in=ids).delete()
        HearingResponse.objects.filter(pk__in=ids).delete()
        audit_log_deleted(
            model=HearingResponse, pks=ids, action="samhandling.hearing_response.purge"
        )
        for name, storage in files:
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    return len(ids)


def hearings_purge_unconfirmed(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """(responses, comments) deleted because their confirmation link expired unused."""
    return responses_purge_unconfirmed(now=now), comments_purge_unconfirmed(now=now)
