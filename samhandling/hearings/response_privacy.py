"""Hearing responses as a source of personal data (samhandling/privacy/registry.py).

A data request shows every response sent with the address. Erasure deletes a private person's
response (with its attachments); a response given for an organisation stays as the
organisation's answer, with the person's name, role, e-mail, phone and address blanked, in the
response and in its kept versions. The e-mails about the responses go with them."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samhandling.privacy.registry import PersonalDataSource, Record, register_source

from .choices import MailKind, ResponderKind
from .responses import HearingResponse

CONTACT_FIELDS = ("name", "role", "email", "phone", "address")
RESPONSE_MAIL_KINDS = (
    MailKind.RESPONSE_CONFIRM,
    MailKind.RESPONSE_RECEIPT,
    MailKind.RESPONSE_WITHDRAWN,
)


def responses_of_email(*, email: str):
    return HearingResponse.objects.filter(email__iexact=email.strip())


def _records(*, email: str) -> list[Record]:
    records = []
    for response in responses_of_email(email=email).select_related("hearing", "organisation"):
        fields = [
            (_("Hearing"), response.hearing.title),
            (_("Status"), response.get_status_display()),
            (_("Responds for"), response.responder_name),
            (_("Name"), response.name),
            (_("Role or title"), response.role),
            (_("E-mail"), response.email),
            (_("Phone"), response.phone),
            (_("Address"), response.address),
            (_("General answer"), response.general_answer),
            (_("Sent"), response.created_at.isoformat()),
        ]
        data = {
            "id": response.pk,
            "hearing": {"id": response.hearing_id, "title": response.hearing.title},
            "status": response.status,
            "kind": response.kind,
            "organisation": response.responder_name if response.kind != "private" else "",
            "name": response.name,
            "role": response.role,
            "email": response.email,
            "phone": response.phone,
            "address": response.address,
            "general_answer": response.general_answer,
            "sections": {a.section_key: a.text for a in response.section_answers.all()},
            "attachments": [a.original_name for a in response.attachments.all()],
            "versions": response.versions.count(),
            "created_at": response.created_at.isoformat(),
            "received_at": response.received_at.isoformat() if response.received_at else None,
        }
        records.append(Record(title=response.hearing.title, fields=fields, data=data))
    return records


def _erase(*, email: str, now) -> dict[str, int]:
    from samhandling.audit.services import audit_log

    from .mail import HearingMail

    deleted = blanked = 0
    with transaction.atomic():
        responses = list(responses_of_email(email=email))
        HearingMail.objects.filter(
            to_email__iexact=email.strip(), kind__in=RESPONSE_MAIL_KINDS
        ).delete()
        for response in responses:
            if response.kind == ResponderKind.PRIVATE:
                for attachment in response.attachments.all():
                    name, storage = attachment.file.name, attachment.file.storage
                    transaction.on_commit(lambda n=name, s=storage: s.delete(n))
                audit_log(instance=response, action="samhandling.hearing_response.erase", data={})
                response.delete()
                deleted += 1
                continue
            for field in CONTACT_FIELDS:
                setattr(response, field, "")
            response.save(update_fields=list(CONTACT_FIELDS))
            for version in response.versions.all():
                version.content = {
                    **version.content,
                    **dict.fromkeys(CONTACT_FIELDS, ""),
                }
                version.save(update_fields=["content"])
            audit_log(
                instance=response,
                action="samhandling.hearing_response.erase",
                fields=CONTACT_FIELDS,
            )
            blanked += 1
    return {"deleted": deleted, "blanked": blanked}


def register_response_source() -> None:
    register_source(
        PersonalDataSource(
            key="hearing_responses",
            label=gettext_lazy("Hearing responses"),
            find=_records,
            erase=_erase,
            purpose=gettext_lazy(
                "To consider and publish your response to a hearing, and to send you the "
                "confirmation link and the receipt. A private person's e-mail, phone and address "
                "are never published."
            ),
            retention=lambda: _(
                "Kept with the hearing as a case document. On erasure a private person's "
                "response is deleted; a response given for an organisation stays as the "
                "organisation's, without your name and contact details."
            ),
            order=50,
        )
    )
