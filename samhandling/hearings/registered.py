"""A response the secretariat registers on behalf of a responder: received by letter or e-mail,
typed in from the board. It counts at once (the secretariat vouches for the sender), carries
who registered it, and is received on the day the letter came (after the deadline: late)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log

from .choices import ResponderKind, ResponseStatus
from .pages import HearingPage
from .responses import HearingResponse, ResponseVersion, SectionAnswer


def response_register(
    *,
    hearing: HearingPage,
    kind: str,
    name: str,
    email: str,
    received_on: dt.date,
    organisation=None,
    organisation_name: str = "",
    role: str = "",
    general_answer: str = "",
    section_answers: dict[str, str] | None = None,
    no_comments: bool = False,
    decision_reference: str = "",
    decision_date: dt.date | None = None,
    actor=None,
) -> HearingResponse:
    section_answers = {
        key: text.strip()
        for key, text in (section_answers or {}).items()
        if text and text.strip() and hearing.section(key) is not None
    }
    if not (no_comments or general_answer.strip() or section_answers):
        raise ValidationError(_("The response is empty: write an answer or choose “no comments”."))
    if kind == ResponderKind.ORGANISATION and organisation is None:
        raise ValidationError(_("Choose the organisation."))
    if kind == ResponderKind.OTHER_ORGANISATION and not organisation_name.strip():
        raise ValidationError(_("Give the name of the organisation."))
    if received_on > timezone.localdate():
        raise ValidationError(_("The day it was received cannot be in the future."))
    now = timezone.now()
    received_at = timezone.make_aware(dt.datetime.combine(received_on, dt.time(12, 0)))
    try:
        with transaction.atomic():
            response = HearingResponse.objects.create(
                hearing=hearing,
                kind=kind,
                organisation=organisation if kind == ResponderKind.ORGANISATION else None,
                organisation_name=organisation_name.strip()
                if kind == ResponderKind.OTHER_ORGANISATION
                else "",
                name=name,
                role=role,
                email=email,
                general_answer="" if no_comments else general_answer.strip(),
                no_comments=no_comments,
                decision_reference=decision_reference,
                decision_date=decision_date,
                status=ResponseStatus.CONFIRMED,
                confirmed_at=now,
                received_at=received_at,
                registered_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            if not no_comments:
                SectionAnswer.objects.bulk_create(
                    SectionAnswer(response=response, section_key=key, text=text)
                    for key, text in section_answers.items()
                )
            ResponseVersion.objects.create(
                response=response,
                number=1,
                created_at=now,
                content={
                    "general_answer": response.general_answer,
                    "no_comments": no_comments,
                    "sections": {} if no_comments else section_answers,
                },
            )
            audit_log(
                instance=hearing,
                action="samhandling.response.register",
                actor=actor,
                data={"response": response.pk},
            )
    except IntegrityError as error:
        raise ValidationError(_("This organisation has already answered this hearing.")) from error
    return response
