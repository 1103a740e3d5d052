"""Sending an issue to a list: one `Delivery` per confirmed subscriber, made in one transaction
when the send starts, then sent by task workers in batches, each recipient exactly once.

**Start** (`start_send`): in one transaction the send is created and its deliveries written in
bulk. The database allows one send per issue and list (a partial unique constraint), so a second
press of the button, or two at once, finds the first send instead of making a second set. The
worker tasks are enqueued after commit.

**Claim** (`claim_batch`): in one short transaction a worker picks up to `NEWSLETTER_BATCH_SIZE`
deliveries with `SELECT … FOR UPDATE SKIP LOCKED` (a second worker passes over them rather than
waiting) and moves them to `sending` with its claim token and a lease, the condition checked
again in the UPDATE (SQLite ignores FOR UPDATE and serialises the UPDATEs instead). In the same
transaction, deliveries whose subscriber was erased or left the list are marked `skipped`: an
unsubscribe takes effect also for a send that is running. The claim is the record of the send
per recipient.

**Send**: over one SMTP connection, opened once per batch and reused for all its messages. Each
delivery is marked `sent` (only by the holder of the claim, committed at once) after the
message's content reached the server and before the final "." that makes the server take it
(`_sendmail_marked`). A 4xx answer or a broken connection marks it `failed` with
`next_attempt_at` (exponential backoff) for a later task or the periodic job; a 5xx answer to the
recipient (a hard bounce) marks it `bounced`, suppresses the address (a hash) and erases the
subscriber.

**Exactly once.** A delivery in `sending` is never claimed while its lease lasts (the lease is
renewed while a live worker is still on its batch), so two workers never send the same delivery.
A worker killed in the middle of a batch leaves the deliveries it had marked as `sent` and the
rest claimed; when the lease lapses another worker takes those over and sends them. Because the
mark comes before the final ".", a killed worker never leaves a message the server took while
the database still offers it (a server discards a transaction whose connection ends before the
"."). The one window left is a worker that dies in the microseconds between its committed mark
and writing the "." (the recipient misses the issue), or a connection that breaks after the "."
was written and before the answer came (kept as sent: the server most likely took it). A mark
that finds the claim gone (another worker took over) abandons the message by closing the
connection."""

import contextlib
import logging
import re
import smtplib
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import IntegrityError, transaction
from django.db import connection as db_connection
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from samhandling.core.outbox import lease as outbox_lease

from .deliveries import Delivery, DeliveryStatus, NewsletterSend, SendStatus
from .dkim import DkimEmailBackend, dkim_sign
from .email import IssueMail, Recipient, raw_message
from .subscribers import Subscriber, Subscription, SuppressionReason
from .subscribing import unsubscribe_all
from .tokens import subscriber_token

logger = logging.getLogger(__name__)


# --- Settings -------------------------------------------------------------------------------------


def batch_size() -> int:
    return max(1, getattr(settings, "NEWSLETTER_BATCH_SIZE", 100))


def max_attempts() -> int:
    return max(1, getattr(settings, "NEWSLETTER_MAX_ATTEMPTS", 8))


def lease() -> timedelta:
    seconds = getattr(settings, "NEWSLETTER_LEASE_SECONDS", None)
    return timedelta(seconds=seconds) if seconds else outbox_lease()


def backoff(attempts: int) -> timedelta:
    """How long a delivery that failed for the `attempts`-th time waits: the base, doubled with
    each attempt, at most `NEWSLETTER_RETRY_MAX_SECONDS`."""
    base = getattr(settings, "NEWSLETTER_RETRY_SECONDS", 60)
    ceiling = getattr(settings, "NEWSLETTER_RETRY_MAX_SECONDS", 6 * 60 * 60)
    return timedelta(seconds=min(ceiling, base * 2 ** max(0, attempts - 1)))


# --- Starting a send -----------------------------------------------------------------------------


def confirmed_subscribers(mailing_list):
    return Subscriber.objects.filter(
        subscriptions__mailing_list=mailing_list, confirmed_at__isnull=False
    )


def start_send(*, issue, mailing_list, requested_by=None) -> tuple[NewsletterSend, bool]:
    """Send `issue` to the confirmed subscribers of `mailing_list`. Returns the send and whether it
    was made now (False: the issue was sent, or is being sent, to that list already)."""
    from samhandling.audit.services import audit_log

    existing = _existing_send(issue, mailing_list)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            send = NewsletterSend.objects.create(
                issue=issue,
                mailing_list=mailing_list,
                requested_by=requested_by if getattr(requested_by, "pk", None) else None,
                subject=IssueMail(issue=issue, mailing_list=mailing_list).subject,
            )
            subscribers = confirmed_subscribers(mailing_list).values_list("pk", "email", "language")
            Delivery.objects.bulk_create(
                [
                    Delivery(send=send, subscriber_id=pk, email=email, language=language)
                    for pk, email, language in subscribers.iterator(chunk_size=2000)
                ],
                batch_size=1000,
            )
            send.recipient_count = send.deliveries.count()
            send.save(update_fields=["recipient_count"])
            audit_log(
                instance=issue,
                action="samhandling.newsletter.send",
                actor=requested_by,
                data={"send": send.pk, "list": mailing_list.pk, "recipients": send.recipient_count},
            )
            transaction.on_commit(lambda: enqueue_workers(send.pk))
    except IntegrityError:  # another request made the send first
        existing = _existing_send(issue, mailing_list)
        if existing is None:
            raise
        return existing, False
    return send, True


def _existing_send(issue, mailing_list) -> NewsletterSend | None:
    return (
        NewsletterSend.objects.filter(issue=issue, mailing_list=mailing_list)
        .exclude(status=SendStatus.CANCELLED)
        .first()
    )


def send_test(*, issue, email: str, language: str, requested_by) -> NewsletterSend:
    """A test send of the issue to one address (the staff member's own): a send of its own with
    one delivery, sent by the same worker, and no subscriber's links in it."""
    from samhandling.audit.services import audit_log

    with transaction.atomic():
        send = NewsletterSend.objects.create(
            issue=issue,
            test_email=email,
            requested_by=requested_by,
            subject=IssueMail(issue=issue).subject,
            recipient_count=1,
        )
        Delivery.objects.create(send=send, email=email, language=language)
        audit_log(
            instance=issue,
            action="samhandling.newsletter.test_send",
            actor=requested_by,
            data={"send": send.pk},
        )
        transaction.on_commit(lambda: enqueue_workers(send.pk, count=1))
    return send


def enqueue_workers(send_id: int, *, count: int | None = None, run_after=None) -> None:
    """Enqueue the worker tasks of a send (`NEWSLETTER_WORKER_TASKS` of them, so that as many
    worker processes share the send); a task that cannot be enqueued is covered by the periodic
    job `newsletters_send`."""
    from .tasks import send_newsletter

    task = send_newsletter
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    for _n in range(count or max(1, getattr(settings, "NEWSLETTER_WORKER_TASKS", 2))):
        try:
            task.enqueue(send_id)
        except Exception:  # noqa: BLE001 - the periodic job sends what is left
            logger.exception("Could not enqueue newsletter send %s", send_id)
            return


# --- Claiming ------------------------------------------------------------------------------------


def _claimable(now: datetime) -> Q:
    """Deliveries a worker may take: queued, failed and due again, or claimed by a worker whose
    lease lapsed; with attempts left, of a send that is not cancelled."""
    return (
        (
            Q(status=DeliveryStatus.QUEUED)
            | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
            | Q(status=DeliveryStatus.FAILED, next_attempt_at__isnull=True)
            | Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
        )
        & Q(attempts__lt=max_attempts())
        & Q(send__status__in=[SendStatus.QUEUED, SendStatus.SENDING])
    )


@dataclass
class ClaimedDelivery:
    pk: int
    send_id: int
    email: str
    language: str
    subscriber_id: int | None
    subscriber_key: uuid.UUID | None


@dataclass
class Batch:
    token: uuid.UUID
    lease_until: datetime
    deliveries: list[ClaimedDelivery]
    skipped: int = 0


def claim_batch(*, send_id: int | None = None, size: int | None = None, now=None) -> Batch | None:
    """Claim up to `size` deliveries (of one send, or of any); None when there is none to take."""
    now = now or timezone.now()
    size = size or batch_size()
    condition = _claimable(now) & (Q(send_id=send_id) if send_id else Q())
    # A row seen free but taken by another worker before our UPDATE (SQLite, which has no row
    # locks) is not ours: look again rather than stop while others are left.
    for _attempt in range(5):
        batch = _claim(condition, size=size, now=now)
        if batch is not False:
            return batch
    return None


def _claim(condition: Q, *, size: int, now: datetime) -> "Batch | None | bool":
    token = uuid.uuid4()
    until = now + lease()
    with transaction.atomic():
        pks = list(
            Delivery.objects.filter(condition)
            .order_by("pk")
            .select_for_update(skip_locked=True, of=("self",))  # not the send's row
            .values_list("pk", flat=True)[:size]
        )
        if not pks:
            return None
        claimed = Delivery.objects.filter(condition, pk__in=pks).update(
            status=DeliveryStatus.SENDING,
            claim=token,
            claimed_at=now,
            lease_until=until,
            attempts=F("attempts") + 1,
        )
        if not claimed:
            return False
        rows = list(
            Delivery.objects.filter(claim=token)
            .order_by("pk")
            .values(
                "pk",
                "send_id",
                "email",
                "language",
                "subscriber_id",
                "subscriber__key",
                "send__mailing_list_id",
                "send__test_email",
            )
        )
        keep, gone = _still_subscribed(rows)
        if gone:
            Delivery.objects.filter(claim=token, pk__in=gone).update(
                status=DeliveryStatus.SKIPPED, claim=None, lease_until=None, email=""
            )
    return Batch(
        token=token,
        lease_until=until,
        skipped=len(gone),
        deliveries=[
            ClaimedDelivery(
                pk=row["pk"],
                send_id=row["send_id"],
                email=row["email"],
                language=row["language"],
                subscriber_id=row["subscriber_id"],
                subscriber_key=row["subscriber__key"],
            )
            for row in rows
            if row["pk"] in keep
        ],
    )


def _still_subscribed(rows: list[dict]) -> tuple[set[int], list[int]]:
    """The claimed deliveries whose recipient is still a confirmed subscriber of the send's list
    (a test send's one delivery always is), and those whose recipient is not."""
    wanted = {
        (row["subscriber_id"], row["send__mailing_list_id"])
        for row in rows
        if row["subscriber_id"] and row["send__mailing_list_id"]
    }
    present = set()
    if wanted:
        present = set(
            Subscription.objects.filter(
                subscriber_id__in={s for s, _l in wanted},
                mailing_list_id__in={m for _s, m in wanted},
                subscriber__confirmed_at__isnull=False,
            ).values_list("subscriber_id", "mailing_list_id")
        )
    keep, gone = set(), []
    for row in rows:
        test_send = bool(row["send__test_email"])
        subscribed = (row["subscriber_id"], row["send__mailing_list_id"]) in present
        if row["email"] and (test_send or subscribed):
            keep.add(row["pk"])
        else:
            gone.append(row["pk"])
    return keep, gone


# --- Sending a batch -----------------------------------------------------------------------------


class _Mails:
    """One IssueMail per send, built on first use (a worker's batches may span sends)."""

    def __init__(self):
        self._by_send: dict[int, IssueMail] = {}

    def for_send(self, send_id: int) -> IssueMail:
        if send_id not in self._by_send:
            send = NewsletterSend.objects.select_related("issue", "mailing_list").get(pk=send_id)
            self._by_send[send_id] = IssueMail(
                issue=send.issue.specific, mailing_list=send.mailing_list
            )
        return self._by_send[send_id]


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    bounced: int = 0
    skipped: int = 0
    lost: int = 0  # marks refused because another worker had taken the claim over

    def add(self, other: "Outcome") -> None:
        for name in ("sent", "failed", "bounced", "skipped", "lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class _Connection:
    """The worker's SMTP connection: opened on first use, reused for every message, opened again
    after the server dropped it."""

    def __init__(self):
        self.backend = None

    def get(self):
        if self.backend is None:
            self.backend = get_connection(fail_silently=False)
            self.backend.open()
        return self.backend

    def drop(self) -> None:
        if self.backend is not None:
            # A dead connection is dropped all the same.
            with contextlib.suppress(Exception):
                self.backend.close()
            self.backend = None


def _refusal_code(error: BaseException) -> int | None:
    """The SMTP reply code of a refusal, or None for a broken connection or other failure."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return max(codes) if codes else None
    if isinstance(error, smtplib.SMTPSenderRefused):
        return None  # our sender address was refused: not the recipient's fault; retried
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code
    return None


def send_batch(batch: Batch, *, connection: _Connection, mails: _Mails) -> Outcome:
    outcome = Outcome(skipped=batch.skipped)
    mine = Delivery.objects.filter(claim=batch.token)
    for index, delivery in enumerate(batch.deliveries):
        now = timezone.now()
        if batch.lease_until - now < lease() / 2:  # a slow server: keep the rest of the batch
            batch.lease_until = now + lease()
            mine.filter(status=DeliveryStatus.SENDING).update(lease_until=batch.lease_until)
        mail = mails.for_send(delivery.send_id)
        recipient = Recipient(
            email=delivery.email,
            language=delivery.language,
            token=_token(delivery),
            message_id=f"newsletter.{delivery.send_id}.{delivery.pk}",
        )
        try:
            mark = partial(_mark_sent, delivery.pk, batch.token)
            marked = _send_one(connection.get(), mail, recipient, mark=mark)
        except MarkedButUnanswered as error:
            outcome.sent += 1
            connection.drop()
            rest = [d.pk for d in batch.deliveries[index + 1 :]]
            outcome.failed += _release_rest(rest, batch.token, error)
            break
        except Exception as error:  # noqa: BLE001 - recorded per recipient
            code = _refusal_code(error)
            if code is not None and code >= 500:
                _bounced(delivery, batch.token, code=code, error=error)
                outcome.bounced += 1
                continue
            _failed(delivery, batch.token, code=code, error=error)
            outcome.failed += 1
            if code is None:  # the connection broke: free the rest of the batch for later
                connection.drop()
                rest = [d.pk for d in batch.deliveries[index + 1 :]]
                outcome.failed += _release_rest(rest, batch.token, error)
                break
            continue
        if marked:
            outcome.sent += 1
        else:  # another worker holds it now: this one never finished the message (see below)
            connection.drop()
            outcome.lost += 1
            logger.warning(
                "Newsletter delivery %s was taken over before it was marked", delivery.pk
            )
    # The marks kept the claim, so that a refusal after the final "." could still be recorded.
    mine.filter(status=DeliveryStatus.SENT).update(claim=None, lease_until=None)
    return outcome


def _send_one(backend, mail: IssueMail, recipient: Recipient, *, mark) -> int:
    """Hand one message to the server and mark its delivery sent (`mark()`, committed); returns
    what `mark()` returned (0: the claim was lost to another worker, and the message was not
    handed over). Over SMTP the message's bytes are made from the send's prepared bytes
    (`email.raw_message`; DKIM-signed when configured) and given to the open connection, marked
    between its content and the final "." (`_sendmail_marked`); with any other backend (tests, the
    dev mailbox) the message is built and sent the ordinary way and marked after."""
    raw = raw_message(mail, recipient) if isinstance(backend, SMTPBackend) else None
    if raw is None:
        mail.message(recipient, connection=backend).send()
        return mark()
    sender, data = raw
    if isinstance(backend, DkimEmailBackend) and backend.key:
        data = dkim_sign(data, key=backend.key)
    return _sendmail_marked(backend.connection, sender, recipient.email, data, mark=mark)


class MarkedButUnanswered(Exception):
    """The connection broke after the final "." was sent: the server most likely took the
    message, so its delivery stays marked sent rather than being sent again."""


_CRLF = b"\r\n"
_LEADING_DOT = re.compile(rb"(?m)^\.")


def _sendmail_marked(smtp: smtplib.SMTP, sender: str, to: str, data: bytes, *, mark) -> int:
    """smtplib's sendmail for one recipient, with the delivery marked sent after the message's
    content reached the server and before the final "." that makes the server take it (RFC 5321
    §4.1.1.4: until then the server discards the transaction if the connection ends).

    So a worker killed at any moment never leaves a message the server took but the database
    does not know of: killed before the mark, the server drops the unfinished message and another
    worker sends it after the lease; killed after it, the message is sent or (if the process died
    in the microseconds between the committed mark and writing ".") lost, never sent twice. If
    the mark finds the claim gone (another worker took the delivery over), the "." is not sent
    and the caller closes the connection, which abandons the message. A refusal after the "."
    is recorded over the mark by the caller (the mark keeps the claim for that)."""
    smtp.ehlo_or_helo_if_needed()
    if smtp.sock is not None:  # the "." goes out alone: no wait for the server's delayed ACK
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    options = [f"SIZE={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(sender, options)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = smtp.rcpt(to)
    if code not in (250, 251):
        smtp.rset()
        raise smtplib.SMTPRecipientsRefused({to: (code, reply)})
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    content = _LEADING_DOT.sub(b"..", data)
    if not content.endswith(_CRLF):
        content += _CRLF
    smtp.send(content)
    marked = mark()
    if not marked:
        return 0
    try:
        smtp.send(b"." + _CRLF)
        code, reply = smtp.getreply()
    except (OSError, smtplib.SMTPServerDisconnected) as error:
        raise MarkedButUnanswered(error) from error
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
    return marked


_async_marks = threading.local()


def _mark_sent(pk: int, token) -> int:
    """Mark one delivery sent, right after the server accepted it, and commit at once. On
    PostgreSQL the commit does not wait for the write-ahead log to reach the disk
    (`synchronous_commit = off`): the mark is visible to every other worker at once and survives
    a killed worker; only a crash of the database server itself within a fraction of a second (the
    WAL writer's delay) could lose the last marks, and those recipients would get the issue again.
    A sender thread sets this for its own connection once (`_run_threads`), so that the mark is a
    single UPDATE in autocommit, one round trip; elsewhere it is set for this transaction only."""
    mark = Delivery.objects.filter(pk=pk, claim=token, status=DeliveryStatus.SENDING)
    fields = {  # the claim stays until the batch ends (send_batch), for a refusal after the "."
        "status": DeliveryStatus.SENT,
        "sent_at": timezone.now(),
        "smtp_code": 250,
        "last_error": "",
    }
    if getattr(_async_marks, "enabled", False) and not db_connection.in_atomic_block:
        return mark.update(**fields)
    with transaction.atomic():
        if db_connection.vendor == "postgresql":
            with db_connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return mark.update(**fields)


def _token(delivery: ClaimedDelivery) -> str:
    if delivery.subscriber_key is None:
        return ""
    return subscriber_token(Subscriber(key=delivery.subscriber_key))


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _failed(delivery: ClaimedDelivery, token, *, code, error) -> None:
    attempts = Delivery.objects.filter(pk=delivery.pk).values_list("attempts", flat=True).first()
    Delivery.objects.filter(pk=delivery.pk, claim=token).update(
        status=DeliveryStatus.FAILED,
        claim=None,
        lease_until=None,
        smtp_code=code,
        last_error=_error_text(error),
        next_attempt_at=timezone.now() + backoff(attempts or 1),
    )
    logger.warning("Newsletter delivery %s failed: %s", delivery.pk, error)


def _release_rest(pks: list[int], token, error: BaseException) -> int:
    """The rest of a batch after the connection broke: failed, due again after the first backoff
    (their attempt is not counted: they were never tried)."""
    if not pks:
        return 0
    return Delivery.objects.filter(pk__in=pks, claim=token).update(
        status=DeliveryStatus.FAILED,
        claim=None,
        lease_until=None,
        attempts=F("attempts") - 1,
        last_error=_error_text(error),
        next_attempt_at=timezone.now() + backoff(1),
    )


def _bounced(delivery: ClaimedDelivery, token, *, code: int, error) -> None:
    """A hard bounce: the delivery is marked, the address suppressed (its hash only) and the
    subscriber erased, so that nothing more is sent to it and no import adds it again."""
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=delivery.pk, claim=token).update(
            status=DeliveryStatus.BOUNCED,
            claim=None,
            lease_until=None,
            smtp_code=code,
            last_error=_error_text(error),
        )
        subscriber = (
            Subscriber.objects.select_for_update().filter(pk=delivery.subscriber_id).first()
            if updated and delivery.subscriber_id
            else None
        )
        if subscriber is not None:  # one way to erase a subscriber: the unsubscribe service
            unsubscribe_all(subscriber=subscriber, reason=SuppressionReason.BOUNCED)
    logger.info("Newsletter delivery %s bounced (%s)", delivery.pk, code)


# --- The worker loop -----------------------------------------------------------------------------


def send_threads() -> int:
    return max(1, getattr(settings, "NEWSLETTER_SEND_THREADS", 1))


def run_worker(*, send_id: int | None = None, seconds: float | None = None) -> Outcome:
    """Claim and send batches (of one send, or of all) until nothing is left to take now or
    `seconds` have passed; then close the sends that are finished.

    On PostgreSQL, outside a transaction, the task runs `NEWSLETTER_SEND_THREADS` senders side by
    side, each a worker of its own: its own database connection, its own claims (a token per
    batch, exactly as two worker processes), its own SMTP connection reused for all its batches.
    While one waits for the SMTP server or the database, another builds or sends. Inside a
    transaction (the tests) or on SQLite there is one sender, in the calling thread: other
    threads could not see uncommitted rows, and SQLite serialises the writers anyway."""
    deadline = None if seconds is None else time.monotonic() + seconds
    threads = send_threads()
    if threads > 1 and db_connection.vendor == "postgresql" and not db_connection.in_atomic_block:
        total, sends = _run_threads(send_id=send_id, deadline=deadline, threads=threads)
    else:
        total, sends = _send_loop(send_id=send_id, deadline=deadline)
    if send_id:
        sends.add(send_id)
    for pk in sends:
        finish_or_follow_up(pk)
    return total


def _send_loop(*, send_id: int | None, deadline: float | None) -> tuple[Outcome, set[int]]:
    """One sender: claim, send, mark, until nothing is claimable or the deadline passed."""
    total = Outcome()
    connection, mails = _Connection(), _Mails()
    sends: set[int] = set()
    try:
        while batch := claim_batch(send_id=send_id):
            sends.update(d.send_id for d in batch.deliveries)
            _mark_started({d.send_id for d in batch.deliveries})
            total.add(send_batch(batch, connection=connection, mails=mails))
            if deadline is not None and time.monotonic() > deadline:
                break
    finally:
        connection.drop()
    return total, sends


def _run_threads(*, send_id, deadline, threads: int) -> tuple[Outcome, set[int]]:
    results: list = [None] * threads

    def sender(index: int) -> None:
        _async_marks.enabled = True
        try:
            with db_connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO OFF")
            results[index] = _send_loop(send_id=send_id, deadline=deadline)
        except BaseException as error:  # noqa: BLE001 - raised again in the task's thread
            results[index] = error
        finally:
            _async_marks.enabled = False
            # A pooled connection goes back clean.
            with contextlib.suppress(Exception), db_connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
            db_connection.close()

    workers = [
        threading.Thread(target=sender, args=(n,), name=f"newsletter-sender-{n}")
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    total, sends = Outcome(), set()
    errors = [r for r in results if isinstance(r, BaseException)]
    for result in results:
        if isinstance(result, tuple):
            total.add(result[0])
            sends.update(result[1])
    if errors:
        raise errors[0]
    return total, sends


def _mark_started(send_ids: set[int]) -> None:
    NewsletterSend.objects.filter(pk__in=send_ids, status=SendStatus.QUEUED).update(
        status=SendStatus.SENDING, started_at=timezone.now()
    )


def pending(send_id: int):
    """Deliveries of the send still to be sent: queued, claimed, or failed with attempts left."""
    return Delivery.objects.filter(send_id=send_id).filter(
        Q(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING])
        | Q(status=DeliveryStatus.FAILED, attempts__lt=max_attempts())
    )


def finish_or_follow_up(send_id: int) -> None:
    """Mark the send done when nothing is left; else, if nothing is claimable now (claims of live
    or dead workers, failures waiting for their backoff), enqueue a task for when the first of
    them is due."""
    rest = pending(send_id).aggregate(
        count=Count("pk"),
        queued=Count("pk", filter=Q(status=DeliveryStatus.QUEUED)),
        lease=Min("lease_until"),
        retry=Min("next_attempt_at"),
    )
    if not rest["count"]:
        NewsletterSend.objects.filter(
            pk=send_id, status__in=[SendStatus.QUEUED, SendStatus.SENDING]
        ).update(status=SendStatus.DONE, finished_at=timezone.now())
        return
    if rest["queued"]:
        return  # another task is on it
    due = [moment for moment in (rest["lease"], rest["retry"]) if moment is not None]
    if due:
        enqueue_workers(send_id, count=1, run_after=min(due) + timedelta(seconds=1))


def send_progress(send: NewsletterSend) -> dict[str, int]:
    """Counts of the send's deliveries for the admin: sent, failed (and still to be retried),
    bounced, skipped, and left (queued or being sent)."""
    counts = dict(
        Delivery.objects.filter(send=send)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "total": send.recipient_count,
        "sent": counts.get(DeliveryStatus.SENT, 0),
        "failed": counts.get(DeliveryStatus.FAILED, 0),
        "bounced": counts.get(DeliveryStatus.BOUNCED, 0),
        "skipped": counts.get(DeliveryStatus.SKIPPED, 0),
        "left": counts.get(DeliveryStatus.QUEUED, 0) + counts.get(DeliveryStatus.SENDING, 0),
    }
