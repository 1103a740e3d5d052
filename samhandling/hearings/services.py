"""Responding to a hearing: submit, confirm, change and withdraw a response (business rules only;
the views and forms call these).

A response is sent unconfirmed and counts once its e-mail address is confirmed through the
private link (so nobody answers on a municipality's behalf from a stranger's address). Confirming
locks the hearing's row, checks the deadline again (the hearing's, or the organisation's extended
one) and relies on the database for one official response per organisation
(`hearings_one_official_response_per_organisation`): a second one is refused with a message and
nothing changes. Every confirmed state is kept as a `ResponseVersion`; e-mail goes through the
hearings outbox (mail.queue_mail) in the same transaction."""

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log

from .choices import MailKind, MailStatus, ResponderKind, ResponseStatus
from .pages import HearingPage, HearingQuestion, end_of_day, settings_confirm_hours
from .response_selectors import response_snapshot
from .responses import (
    DeadlineExtension,
    HearingResponse,
    QuestionAnswer,
    ResponseAttachment,
    ResponseVersion,
    SectionAnswer,
    new_token,
)

ONE_RESPONSE_CONSTRAINT = "hearings_one_official_response_per_organisation"


class ResponseRefused(Exception):
    """A rule says no: `code` for tests and templates, `message` for the visitor."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ResponseContent:
    """What a responder writes (the same on submit and on change)."""

    general_answer: str = ""
    no_comments: bool = False
    decision_reference: str = ""
    decision_date: dt.date | None = None
    name: str = ""
    role: str = ""
    phone: str = ""
    address: str = ""
    section_answers: dict | None = None  # {section key: text}
    question_answers: dict | None = None  # {question id: (choice, reason)}

    def is_empty(self, *, attachments: int = 0) -> bool:
        return not (
            self.no_comments
            or self.general_answer.strip()
            or any(text.strip() for text in (self.section_answers or {}).values())
            or any(choice for choice, _reason in (self.question_answers or {}).values())
            or attachments
        )


def confirm_link_hours() -> int:
    return settings_confirm_hours()


# --- deadlines ---------------------------------------------------------------------------------


def effective_deadline(*, hearing: HearingPage, organisation=None) -> dt.datetime:
    """The last moment a response counts: the end of the hearing's deadline day, or of the day the
    secretariat extended it to for `organisation` (never earlier than the hearing's)."""
    closes = hearing.closes_at
    if organisation is not None:
        extension = (
            DeadlineExtension.objects.filter(hearing=hearing, organisation=organisation)
            .values_list("deadline", flat=True)
            .first()
        )
        if extension is not None:
            closes = max(closes, end_of_day(extension))
    return closes


def has_opened(*, hearing: HearingPage, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return timezone.localtime(now).date() >= hearing.opens_on


def accepts_responses(*, hearing: HearingPage, organisation=None, now=None) -> bool:
    now = now or timezone.now()
    return has_opened(hearing=hearing, now=now) and now <= effective_deadline(
        hearing=hearing, organisation=organisation
    )


def open_for_anyone(*, hearing: HearingPage, now=None) -> bool:
    """Whether the form is shown: the hearing is open, or a body has a later deadline."""
    now = now or timezone.now()
    if accepts_responses(hearing=hearing, now=now):
        return True
    if not has_opened(hearing=hearing, now=now):
        return False
    latest = (
        DeadlineExtension.objects.filter(hearing=hearing)
        .order_by("-deadline")
        .values_list("deadline", flat=True)
        .first()
    )
    return latest is not None and now <= end_of_day(latest)


def check_period(*, hearing: HearingPage, organisation=None, now=None) -> None:
    now = now or timezone.now()
    if not has_opened(hearing=hearing, now=now):
        raise ResponseRefused(
            _("The hearing has not opened yet. Nothing was saved."), code="upcoming"
        )
    if now > effective_deadline(hearing=hearing, organisation=organisation):
        raise ResponseRefused(
            _(
                "The deadline of the hearing has passed, so responses can no longer be sent or "
                "changed. Nothing was saved."
            ),
            code="closed",
        )


def already_answered_message() -> str:
    return _(
        "This organisation has already answered the hearing. The person who sent its response "
        "can change it through the private link in the e-mail they received; otherwise contact "
        "the secretariat. Nothing was saved."
    )


def organisation_has_answered(*, hearing: HearingPage, organisation, exclude=None) -> bool:
    if organisation is None:
        return False
    answered = HearingResponse.objects.filter(
        hearing=hearing, organisation=organisation, status=ResponseStatus.CONFIRMED
    )
    if exclude is not None:
        answered = answered.exclude(pk=exclude.pk)
    return answered.exists()


# --- reading -------------------------------------------------------------------------------------


def link_expired(*, response: HearingResponse, now=None) -> bool:
    now = now or timezone.now()
    return (
        response.status == ResponseStatus.UNCONFIRMED
        and response.link_expires_at is not None
        and now > response.link_expires_at
    )


# --- writing -------------------------------------------------------------------------------------


def _write_content(response: HearingResponse, content: ResponseContent) -> None:
    for field in (
        "general_answer",
        "no_comments",
        "decision_reference",
        "decision_date",
        "name",
        "role",
        "phone",
        "address",
    ):
        setattr(response, field, getattr(content, field))
    if response.kind != ResponderKind.PRIVATE:
        response.phone = response.address = ""
    else:
        response.decision_reference, response.decision_date = "", None


def _write_answers(response: HearingResponse, content: ResponseContent) -> None:
    hearing = response.hearing.specific
    keys = {section.key for section in hearing.draft_sections}
    SectionAnswer.objects.filter(response=response).delete()
    QuestionAnswer.objects.filter(response=response).delete()
    SectionAnswer.objects.bulk_create(
        SectionAnswer(response=response, section_key=key, text=text)
        for key, text in (content.section_answers or {}).items()
        if key in keys and text.strip()
    )
    question_ids = set(HearingQuestion.objects.filter(hearing=hearing).values_list("pk", flat=True))
    QuestionAnswer.objects.bulk_create(
        QuestionAnswer(response=response, question_id=qid, choice=choice, reason=reason)
        for qid, (choice, reason) in (content.question_answers or {}).items()
        if qid in question_ids and choice
    )


def _add_attachments(response: HearingResponse, files, stored: list) -> None:
    """Store the files; `stored` collects (storage, name) so that a caller whose transaction
    fails deletes them again (nothing half-saved)."""
    for upload in files:
        name = upload.name.rsplit("/", 1)[-1][:200]
        attachment = ResponseAttachment(
            response=response,
            original_name=name,
            size=upload.size,
            content_type=getattr(upload, "content_type", "") or "",
        )
        attachment.file.save(name, upload, save=False)
        stored.append((attachment.file.storage, attachment.file.name))
        attachment.save()


def _forget_files(stored: list) -> None:
    for storage, name in stored:
        with contextlib.suppress(OSError):  # already gone
            storage.delete(name)


def _queue(kind: str, response: HearingResponse, *, version=None, token: str = "") -> None:
    from .response_emails import response_mail

    mail = response_mail(kind=kind, response=response, token=token)
    from .mail import queue_mail

    queue_mail(
        kind=kind,
        hearing=response.hearing,
        response=response,
        organisation=response.organisation,
        to_email=response.email,
        language=mail.language,
        subject=mail.subject,
        body=mail.body,
        html=mail.html,
        receipt_version=version,
    )


def response_submit(
    *,
    hearing: HearingPage,
    kind: str,
    email: str,
    content: ResponseContent,
    organisation=None,
    organisation_name: str = "",
    attachments=(),
    language: str = "nn",
    now=None,
) -> tuple[HearingResponse, str]:
    """Save an unconfirmed response and queue the e-mail with its confirmation link. Returns the
    response and the link's token (only its hash is stored)."""
    now = now or timezone.now()
    if kind == ResponderKind.ORGANISATION and organisation is None:
        raise ResponseRefused(_("Choose the organisation you answer for."), code="organisation")
    if kind != ResponderKind.ORGANISATION:
        organisation = None
    if kind != ResponderKind.OTHER_ORGANISATION:
        organisation_name = ""
    check_period(hearing=hearing, organisation=organisation, now=now)
    if content.is_empty(attachments=len(attachments)):
        raise ResponseRefused(empty_message(), code="empty")
    if organisation_has_answered(hearing=hearing, organisation=organisation):
        raise ResponseRefused(already_answered_message(), code="answered")
    token, token_hash = new_token()
    stored: list = []
    try:
        return _submit(
            hearing=hearing,
            kind=kind,
            email=email,
            content=content,
            organisation=organisation,
            organisation_name=organisation_name,
            attachments=attachments,
            language=language,
            now=now,
            token=token,
            token_hash=token_hash,
            stored=stored,
        )
    except Exception:
        _forget_files(stored)
        raise


def _submit(
    *,
    hearing,
    kind,
    email,
    content,
    organisation,
    organisation_name,
    attachments,
    language,
    now,
    token,
    token_hash,
    stored,
):
    with transaction.atomic():
        response = HearingResponse(
            hearing=hearing,
            kind=kind,
            organisation=organisation,
            organisation_name=organisation_name,
            email=email,
            language=language,
            token_hash=token_hash,
            created_at=now,
            link_expires_at=now + dt.timedelta(hours=confirm_link_hours()),
        )
        _write_content(response, content)
        response.save()
        _write_answers(response, content)
        _add_attachments(response, attachments, stored)
        audit_log(
            instance=response,
            action="samhandling.hearing_response.submit",
            data={"hearing": hearing.pk, "kind": kind},
            public=True,
        )
        _queue(MailKind.RESPONSE_CONFIRM, response, token=token)
    return response, token


def empty_message() -> str:
    return _(
        "The response is empty. Write an answer, answer a question, attach a document, or "
        "choose “no comments”."
    )


def _lock_hearing(hearing: HearingPage) -> None:
    """Serialise confirmations and changes of one hearing's responses."""
    HearingPage.objects.select_for_update(of=("self",)).filter(pk=hearing.pk).values_list(
        "pk", flat=True
    ).first()


def _new_version(response: HearingResponse, now) -> ResponseVersion:
    last = response.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ResponseVersion.objects.create(
        response=response,
        number=last + 1,
        created_at=now,
        content=response_snapshot(response=response),
    )


def response_confirm(*, response: HearingResponse, now=None) -> ResponseVersion:
    """Confirm the e-mail address: the response counts from now (version 1, a receipt)."""
    now = now or timezone.now()
    if response.status == ResponseStatus.CONFIRMED:
        raise ResponseRefused(_("The response is already confirmed."), code="confirmed")
    if response.status != ResponseStatus.UNCONFIRMED:
        raise ResponseRefused(_("The response was withdrawn."), code="withdrawn")
    if link_expired(response=response, now=now):
        raise ResponseRefused(expired_message(), code="expired")
    try:
        with transaction.atomic():
            _lock_hearing(response.hearing)
            fresh = HearingResponse.objects.select_for_update().get(pk=response.pk)
            if fresh.status != ResponseStatus.UNCONFIRMED:
                raise ResponseRefused(_("The response is already confirmed."), code="confirmed")
            check_period(hearing=fresh.hearing, organisation=fresh.organisation, now=now)
            if organisation_has_answered(
                hearing=fresh.hearing, organisation=fresh.organisation, exclude=fresh
            ):
                raise ResponseRefused(already_answered_message(), code="answered")
            fresh.status = ResponseStatus.CONFIRMED
            fresh.confirmed_at = fresh.received_at = now
            fresh.save(update_fields=["status", "confirmed_at", "received_at"])
            version = _new_version(fresh, now)
            audit_log(
                instance=fresh,
                action="samhandling.hearing_response.confirm",
                data={"hearing": fresh.hearing_id, "version": version.number},
                public=True,
            )
            _queue(MailKind.RESPONSE_RECEIPT, fresh, version=version)
            _scrub_sent_links(fresh)
    except IntegrityError as error:
        # The database's guarantee (PostgreSQL names the constraint; SQLite its columns): another
        # response of the organisation was confirmed in between.
        taken = response.organisation_id is not None and (
            HearingResponse.objects.filter(
                hearing_id=response.hearing_id,
                organisation_id=response.organisation_id,
                status=ResponseStatus.CONFIRMED,
            )
            .exclude(pk=response.pk)
            .exists()
        )
        if taken or ONE_RESPONSE_CONSTRAINT in str(error):
            raise ResponseRefused(already_answered_message(), code="answered") from error
        raise
    response.refresh_from_db()
    return version


PRIVATE_LINK = re.compile(r"/hoyring/svar/[A-Za-z0-9_-]+/")
SCRUBBED_LINK = "/hoyring/svar/[…]/"


def _scrub_sent_links(response: HearingResponse) -> None:
    """Once the link has done its first work (the response is confirmed), the outbox keeps no
    working copy of it: the sent confirmation e-mails keep the text, not the token."""
    from .mail import HearingMail

    sent = HearingMail.objects.filter(
        response=response, kind=MailKind.RESPONSE_CONFIRM, status=MailStatus.SENT
    )
    for mail in sent:
        mail.body = PRIVATE_LINK.sub(SCRUBBED_LINK, mail.body)
        mail.html = PRIVATE_LINK.sub(SCRUBBED_LINK, mail.html)
        mail.save(update_fields=["body", "html"])


def expired_message() -> str:
    return _(
        "The confirmation link has expired, so the response was not counted. Fill in the form "
        "again and confirm within %(hours)s hours."
    ) % {"hours": confirm_link_hours()}


def can_change(*, response: HearingResponse, now=None) -> bool:
    return response.status == ResponseStatus.CONFIRMED and accepts_responses(
        hearing=response.hearing, organisation=response.organisation, now=now
    )


def response_update(
    *,
    response: HearingResponse,
    content: ResponseContent,
    remove_attachments=(),
    attachments=(),
    now=None,
) -> ResponseVersion:
    """Change a confirmed response before its deadline: a new version and a new receipt."""
    now = now or timezone.now()
    if response.status != ResponseStatus.CONFIRMED:
        raise ResponseRefused(_("Only a confirmed response can be changed."), code="state")
    stored: list = []
    try:
        return _update(response, content, remove_attachments, attachments, now, stored)
    except Exception:
        _forget_files(stored)
        raise


def _update(response, content, remove_attachments, attachments, now, stored) -> ResponseVersion:
    with transaction.atomic():
        _lock_hearing(response.hearing)
        fresh = HearingResponse.objects.select_for_update().get(pk=response.pk)
        if fresh.status != ResponseStatus.CONFIRMED:
            raise ResponseRefused(_("Only a confirmed response can be changed."), code="state")
        check_period(hearing=fresh.hearing, organisation=fresh.organisation, now=now)
        kept = fresh.attachments.exclude(pk__in=[int(pk) for pk in remove_attachments]).count()
        if content.is_empty(attachments=kept + len(attachments)):
            raise ResponseRefused(empty_message(), code="empty")
        _write_content(fresh, content)
        fresh.received_at = now
        fresh.save()
        _write_answers(fresh, content)
        removed = list(fresh.attachments.filter(pk__in=[int(pk) for pk in remove_attachments]))
        for attachment in removed:
            name, storage = attachment.file.name, attachment.file.storage
            attachment.delete()
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        _add_attachments(fresh, attachments, stored)
        version = _new_version(fresh, now)
        audit_log(
            instance=fresh,
            action="samhandling.hearing_response.change",
            data={"hearing": fresh.hearing_id, "version": version.number},
            public=True,
        )
        _queue(MailKind.RESPONSE_RECEIPT, fresh, version=version)
    response.refresh_from_db()
    return version


def response_withdraw(*, response: HearingResponse, now=None) -> HearingResponse:
    """Withdraw a confirmed response before its deadline (the organisation may answer again)."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_hearing(response.hearing)
        fresh = HearingResponse.objects.select_for_update().get(pk=response.pk)
        if fresh.status != ResponseStatus.CONFIRMED:
            raise ResponseRefused(_("Only a confirmed response can be withdrawn."), code="state")
        check_period(hearing=fresh.hearing, organisation=fresh.organisation, now=now)
        fresh.status = ResponseStatus.WITHDRAWN
        fresh.withdrawn_at = now
        fresh.save(update_fields=["status", "withdrawn_at"])
        audit_log(
            instance=fresh,
            action="samhandling.hearing_response.withdraw",
            data={"hearing": fresh.hearing_id},
            public=True,
        )
        _queue(MailKind.RESPONSE_WITHDRAWN, fresh)
    response.refresh_from_db()
    return response


def attachment_limits() -> tuple[int, int]:
    """(per file, all files of a response) in bytes."""
    per_file = getattr(settings, "HEARINGS_ATTACHMENT_MAX_SIZE", 10 * 1024 * 1024)
    total = getattr(settings, "HEARINGS_ATTACHMENTS_MAX_TOTAL", 30 * 1024 * 1024)
    return per_file, total
