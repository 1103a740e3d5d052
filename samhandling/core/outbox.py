"""Claiming the rows of an outbox, so that each e-mail is sent by one worker at a time.

The events' outbox (`events.OutboxMessage`), the committees' notices of minutes
(`committees.MinutesNotice`) and the e-mails with links to one's personal data
(`privacy.DataRequest`) share this: a row goes queued → sending → sent, or back to failed.

- **Claim**: in one short transaction the row is picked with `SELECT … FOR UPDATE SKIP LOCKED`
  (so a second run or worker passes over it rather than waiting) and moved to `sending` with a
  fresh claim token and a lease (`lease_until`), its attempts counted. The claim is committed
  before the mail server is called, so a slow or dead server holds no lock, and the condition is
  checked again in the UPDATE itself, so SQLite (which ignores FOR UPDATE) claims a row once too.
- **Send**, outside any transaction (`EMAIL_TIMEOUT` bounds each step of the SMTP dialogue).
- **Mark**: only the holder of the claim token may mark the row sent or failed. A failure frees
  the row at once (status failed, lease cleared) for the next run.

A row in `sending` is never taken while its lease lasts, so two overlapping runs and the task
worker deliver each e-mail exactly once. The one window left is a worker that dies after the mail
server accepted the message and before the row was marked: when the lease lapses the next run
sends it again. We chose at-least-once there: a confirmation with a private link that never comes
is worse than the same e-mail twice, and the window is one SMTP reply wide. (The lease is kept
well above the time a send can take with `EMAIL_TIMEOUT`, so a slow live worker is not
overtaken.)"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"


class OutboxRow(models.Model):
    """The fields an outbox row needs to be claimed, besides its own `status` field (whose
    choices include at least queued, sending, sent and failed)."""

    # Set when a worker claims the row; only the holder of the claim may mark it sent or failed.
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True, editable=False)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        abstract = True


def lease() -> timedelta:
    """How long a claim holds: `EMAIL_OUTBOX_LEASE_SECONDS`, and never less than ten times
    `EMAIL_TIMEOUT` (an SMTP dialogue has several steps, each of which may take that long)."""
    seconds = getattr(settings, "EMAIL_OUTBOX_LEASE_SECONDS", 900)
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 0
    return timedelta(seconds=max(seconds, 10 * timeout))


def claimable(now: datetime) -> Q:
    """Rows a worker may take: queued, failed, or claimed by a worker whose lease has lapsed."""
    return Q(status__in=[QUEUED, FAILED]) | Q(status=SENDING, lease_until__lt=now)


@dataclass(frozen=True)
class Claim:
    model: type[models.Model]
    pk: int
    token: uuid.UUID

    @property
    def mine(self) -> models.QuerySet:
        return self.model.objects.filter(pk=self.pk, claim=self.token)

    def sent(self, **fields) -> bool:
        """Mark the row sent (and write `fields`); False when the claim was lost meanwhile."""
        return bool(
            self.mine.update(
                status=SENT,
                claim=None,
                lease_until=None,
                sent_at=timezone.now(),
                last_error="",
                **fields,
            )
        )

    def failed(self, error: BaseException) -> bool:
        """Record the error and free the row for the next run."""
        return self.release(status=FAILED, last_error=f"{type(error).__name__}: {error}"[:2000])

    def release(self, *, status: str, **fields) -> bool:
        return bool(self.mine.update(status=status, claim=None, lease_until=None, **fields))


def claim_next(
    *,
    model: type[models.Model],
    where: Q,
    max_attempts: int,
    exclude: Iterable[int] = (),
    now: datetime | None = None,
) -> Claim | None:
    """Claim the oldest row matching `where` that no one holds; None when there is none."""
    now = now or timezone.now()
    condition = Q(where, claimable(now), attempts__lt=max_attempts)
    token = uuid.uuid4()
    with transaction.atomic():
        pk = (
            model.objects.filter(condition)
            .exclude(pk__in=list(exclude))
            .order_by("created", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        claimed = model.objects.filter(condition, pk=pk).update(
            status=SENDING,
            claim=token,
            claimed_at=now,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
        )
    return Claim(model=model, pk=pk, token=token) if claimed else None


def claim_each(
    *, model: type[models.Model], where: Q, max_attempts: int, now: datetime | None = None
):
    """Claim the rows matching `where` one by one (each just before it is sent, so that its lease
    starts then) and yield each claim; a row is tried once per run. Several runs at once share
    the rows between them."""
    tried: list[int] = []
    while claim := claim_next(
        model=model, where=where, max_attempts=max_attempts, exclude=tried, now=now
    ):
        tried.append(claim.pk)
        yield claim
