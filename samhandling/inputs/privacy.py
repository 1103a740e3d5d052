"""Participants' input as a source of personal data.

Erasure keeps the text and unlinks it from the sign-up: input sent to a public body's work is
part of the case (a group's or a participant's view of the plan), and is shown and reported
without a name anyway ("A participant"). What goes is the link from the person to the text.
A person who wants the text itself gone asks the secretariat, who can delete it in the admin."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samhandling.privacy.registry import PersonalDataSource, Record, register_source


def _inputs_of_email(email: str):
    from samhandling.events.erasure import registrations_of_email

    from .models import Input

    return Input.objects.filter(
        registration_id__in=registrations_of_email(email=email).values("pk")
    )


def _records(*, email: str) -> list[Record]:
    records = []
    for item in _inputs_of_email(email).select_related("event").order_by("created_at", "pk"):
        title = item.event.title if item.event_id else _("Input")
        fields = [
            (_("Event"), title),
            (_("Input"), item.text),
            (_("Status"), item.get_status_display()),
            (_("Published"), _("Yes") if item.published else _("No")),
        ]
        data = {
            "id": item.pk,
            "event": item.event_id,
            "text": item.text,
            "status": item.status,
            "published": item.published,
            "created": item.created_at.isoformat(),
        }
        records.append(Record(title=title, fields=fields, data=data))
    return records


def _erase(*, email: str, now) -> dict[str, int]:
    from django.db import transaction

    from samhandling.audit.services import audit_log

    with transaction.atomic():
        items = list(_inputs_of_email(email))
        for item in items:
            item.registration = None
            item.save(update_fields=["registration"])
            audit_log(instance=item, action="samhandling.input.unlink", fields=["registration"])
    return {"unlinked": len(items)}


def _retention() -> str:
    return _(
        "Input is kept as part of the case. When you ask to be erased, it is no longer linked to "
        "you; it is never shown with your name."
    )


def register_input_source() -> None:
    register_source(
        PersonalDataSource(
            key="inputs",
            label=gettext_lazy("Input from events"),
            find=_records,
            erase=_erase,
            purpose=gettext_lazy(
                "Input you send from your sign-up is collected and summarised for the health "
                "community's work."
            ),
            retention=_retention,
            # Before the sign-ups are erased, while the link to them can still be found.
            order=5,
        )
    )
