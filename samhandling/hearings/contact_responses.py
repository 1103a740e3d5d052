"""A hearing response sent by an organisation's contact (kontaktperson), who is logged in: it
counts at once, without the e-mail confirmation round of the public form (the login vouches for
the person, and the contact role for the organisation).

The same rules as a confirmed public response: the deadline (the hearing's, or the
organisation's extended one), not empty, and one official response per organisation, kept by a
lock on the hearing's row and by the database's constraint
(`hearings_one_official_response_per_organisation`). Version 1 is kept, the receipt goes to the
contact through the hearings outbox, and the audit log names the contact."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log

from .choices import MailKind, ResponderKind, ResponseStatus
from .pages import HearingPage
from .responses import HearingResponse, new_token
from .services import (
    ONE_RESPONSE_CONSTRAINT,
    ResponseContent,
    ResponseRefused,
    _add_attachments,
    _forget_files,
    _lock_hearing,
    _new_version,
    _queue,
    _write_answers,
    _write_content,
    already_answered_message,
    check_period,
    empty_message,
    organisation_has_answered,
)


def contact_already_answered_message() -> str:
    return _(
        "Your organisation has already answered this hearing, so a second response was not "
        "saved. Contact the secretariat if the response must be changed."
    )


def response_submit_for_organisation(
    *,
    hearing: HearingPage,
    organisation,
    contact_user,
    content: ResponseContent,
    attachments=(),
    language: str = "nn",
    email: str = "",
    now=None,
) -> HearingResponse:
    """Save a confirmed response on behalf of `organisation`, sent by `contact_user` (whose
    role the caller has checked). The receipt goes to `email`, else the contact's address; an
    account without one (a login through ID-porten or Ansattporten gives none) keeps `email`."""
    now = now or timezone.now()
    if organisation is None:
        raise ResponseRefused(_("Choose the organisation you answer for."), code="organisation")
    email = (email or contact_user.email or "").strip().lower()
    if not email:
        raise ResponseRefused(
            _("Your account has no e-mail address for the receipt. Contact the secretariat."),
            code="no_email",
        )
    check_period(hearing=hearing, organisation=organisation, now=now)
    if content.is_empty(attachments=len(attachments)):
        raise ResponseRefused(empty_message(), code="empty")
    stored: list = []
    try:
        return _submit(
            hearing, organisation, contact_user, email, content, attachments, language, now, stored
        )
    except IntegrityError as error:
        _forget_files(stored)
        if ONE_RESPONSE_CONSTRAINT in str(error) or organisation_has_answered(
            hearing=hearing, organisation=organisation
        ):
            raise ResponseRefused(contact_already_answered_message(), code="answered") from error
        raise
    except Exception:
        _forget_files(stored)
        raise


def _submit(
    hearing, organisation, contact_user, email, content, attachments, language, now, stored
) -> HearingResponse:
    with transaction.atomic():
        _lock_hearing(hearing)
        check_period(hearing=hearing, organisation=organisation, now=now)
        if organisation_has_answered(hearing=hearing, organisation=organisation):
            raise ResponseRefused(contact_already_answered_message(), code="answered")
        _token, token_hash = new_token()
        response = HearingResponse(
            hearing=hearing,
            kind=ResponderKind.ORGANISATION,
            organisation=organisation,
            email=email,
            language=language,
            token_hash=token_hash,
            status=ResponseStatus.CONFIRMED,
            created_at=now,
            confirmed_at=now,
            received_at=now,
        )
        if not contact_user.email:
            contact_user.email = email
            contact_user.save(update_fields=["email"])
        _write_content(response, content)
        if not response.name:
            response.name = contact_user.get_full_name() or email
        response.save()
        _write_answers(response, content)
        _add_attachments(response, attachments, stored)
        version = _new_version(response, now)
        audit_log(
            instance=response,
            action="samhandling.hearing_response.contact_submit",
            actor=contact_user,
            data={
                "hearing": hearing.pk,
                "organisation": organisation.pk,
                "version": version.number,
            },
        )
        _queue(MailKind.RESPONSE_RECEIPT, response, version=version)
    return response


__all__ = [
    "already_answered_message",
    "contact_already_answered_message",
    "response_submit_for_organisation",
]
