"""The personal data sources of the apps that exist today: sign-ups and the e-mails about them,
committee people and the notices sent to them, and the requests made here. Registered in
`PrivacyConfig.ready`; later apps register their own (see `registry.py`)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samhandling.core.templatetags.samhandling_tags import timespan

from .registry import PersonalDataSource, Record, register_source


def _when(value) -> str:
    return timespan(value) if value else ""


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def needs_retention_days() -> int:
    return getattr(settings, "EVENTS_NEEDS_RETENTION_DAYS", 1)


def registration_retention_days() -> int:
    return getattr(settings, "EVENTS_REGISTRATION_RETENTION_DAYS", 90)


def contact_retention_days() -> int:
    return getattr(settings, "COMMITTEES_CONTACT_RETENTION_DAYS", 90)


def link_hours() -> int:
    return getattr(settings, "PRIVACY_LINK_HOURS", 24)


# Sign-ups ------------------------------------------------------------------------------------


def _registration_records(*, email: str) -> list[Record]:
    from samhandling.events.erasure import registrations_of_email

    registrations = registrations_of_email(email=email).select_related("event", "organisation")
    records = []
    for registration in registrations.order_by("event__start", "pk"):
        event = registration.event
        fields = [
            (_("Event"), event.title),
            (_("When"), timespan(event.start, event.end)),
            (_("Status"), registration.get_status_display()),
            (_("Signed up as"), registration.get_kind_display()),
            (_("Name"), registration.name),
            (_("E-mail"), registration.email),
            (_("Phone"), registration.phone),
            (_("Organisation"), registration.organisation_name),
            (_("Job title"), registration.job_title),
            (_("Dietary needs"), registration.dietary_needs),
            (_("Accessibility needs"), registration.accessibility_needs),
            (_("Checked in"), _yes_no(registration.attended)),
            (_("Date of sign-up"), _when(registration.created)),
        ]
        data = {
            "id": registration.pk,
            "event": {"id": event.pk, "title": event.title, "start": _iso(event.start)},
            "status": registration.status,
            "kind": registration.kind,
            "name": registration.name,
            "email": registration.email,
            "phone": registration.phone,
            "organisation": registration.organisation_name,
            "job_title": registration.job_title,
            "dietary_needs": registration.dietary_needs,
            "accessibility_needs": registration.accessibility_needs,
            "language": registration.language,
            "consent": registration.consent,
            "attended": registration.attended,
            "attended_at": _iso(registration.attended_at),
            "reminder_sent_at": _iso(registration.reminder_sent_at),
            "created": _iso(registration.created),
            "updated": _iso(registration.updated),
        }
        records.append(Record(title=event.title, fields=fields, data=data))
    return records


def _registration_erase(*, email: str, now) -> dict[str, int]:
    from samhandling.events.erasure import registrations_erase

    return registrations_erase(email=email, now=now)


def _registration_retention() -> str:
    needs, days = needs_retention_days(), registration_retention_days()
    return " ".join(
        [
            ngettext(
                "Dietary and accessibility needs are erased %(days)s day after the event.",
                "Dietary and accessibility needs are erased %(days)s days after the event.",
                needs,
            )
            % {"days": needs},
            ngettext(
                "The rest of the sign-up is deleted %(days)s day after the event.",
                "The rest of the sign-up is deleted %(days)s days after the event.",
                days,
            )
            % {"days": days},
        ]
    )


# E-mails about sign-ups ----------------------------------------------------------------------


def _outbox_messages(email: str):
    from django.db.models import Q

    from samhandling.events.erasure import registrations_of_email
    from samhandling.events.models import OutboxMessage
    from samhandling.events.replacement import REPLACED_KIND

    ids = registrations_of_email(email=email).values("pk")
    # The notice to a person whose seat was given to another stays linked to the sign-up, but it
    # is the earlier person's: it belongs to whoever it was sent to, not to the new participant.
    return OutboxMessage.objects.filter(
        Q(to_email__iexact=email) | (Q(registration_id__in=ids) & ~Q(kind=REPLACED_KIND))
    )


def _outbox_records(*, email: str) -> list[Record]:
    records = []
    for message in _outbox_messages(email).order_by("created", "pk"):
        fields = [
            (_("To"), message.to_email),
            (_("Subject"), message.subject),
            (_("Status"), message.get_status_display()),
            (_("Written"), _when(message.created)),
            (_("Sent"), _when(message.sent_at)),
        ]
        data = {
            "id": message.pk,
            "kind": message.kind,
            "to": message.to_email,
            "subject": message.subject,
            "body": message.body,
            "status": message.status,
            "created": _iso(message.created),
            "sent_at": _iso(message.sent_at),
        }
        title = message.subject or _("E-mail about a sign-up")
        records.append(Record(title=title, fields=fields, data=data))
    return records


def _outbox_erase(*, email: str, now) -> dict[str, int]:
    # The sign-up source deletes these too; this covers messages to the address of no sign-up.
    deleted, _details = _outbox_messages(email).delete()
    return {"deleted": deleted}


# Committee people ----------------------------------------------------------------------------


def _people_records(*, email: str) -> list[Record]:
    from samhandling.committees.erasure import people_of_email

    records = []
    for person in people_of_email(email=email).prefetch_related("memberships__committee"):
        memberships = [
            {
                "committee": membership.committee.title,
                "role": membership.get_role_display(),
                "term_start": _iso(membership.term_start),
                "term_end": _iso(membership.term_end),
            }
            for membership in person.memberships.all()
        ]
        fields = [
            (_("Name"), person.name),
            (_("Title"), person.title),
            (_("E-mail"), person.email),
            (_("E-mail shown publicly"), _yes_no(person.show_email)),
            (
                _("Memberships"),
                "; ".join(f"{item['committee']} ({item['role']})" for item in memberships),
            ),
        ]
        data = {
            "id": person.pk,
            "name": person.name,
            "title": person.title,
            "email": person.email,
            "show_email": person.show_email,
            "memberships": memberships,
        }
        records.append(Record(title=person.name, fields=fields, data=data))
    return records


def _people_erase(*, email: str, now) -> dict[str, int]:
    from samhandling.committees.erasure import people_erase_contact

    return people_erase_contact(email=email)


def _people_retention() -> str:
    days = contact_retention_days()
    return ngettext(
        "Name, role, organisation and period of a membership are a public record and are kept. "
        "The e-mail address is erased %(days)s day after the last membership has ended.",
        "Name, role, organisation and period of a membership are a public record and are kept. "
        "The e-mail address is erased %(days)s days after the last membership has ended.",
        days,
    ) % {"days": days}


# Notices of minutes --------------------------------------------------------------------------


def _notices(email: str):
    from samhandling.committees.models import MinutesNotice

    return MinutesNotice.objects.filter(to_email__iexact=email).select_related(
        "publication__meeting"
    )


def _notice_records(*, email: str) -> list[Record]:
    records = []
    for notice in _notices(email).order_by("created", "pk"):
        meeting = notice.publication.meeting
        fields = [
            (_("Meeting"), meeting.title),
            (_("To"), notice.to_email),
            (_("Status"), notice.get_status_display()),
            (_("Sent"), _when(notice.sent_at)),
        ]
        data = {
            "id": notice.pk,
            "meeting": {"id": meeting.pk, "title": meeting.title},
            "to": notice.to_email,
            "status": notice.status,
            "created": _iso(notice.created),
            "sent_at": _iso(notice.sent_at),
        }
        records.append(Record(title=meeting.title, fields=fields, data=data))
    return records


def _notices_erase(*, email: str, now) -> dict[str, int]:
    deleted, _details = _notices(email).delete()
    return {"deleted": deleted}


# Requests for one's data ---------------------------------------------------------------------


def _request_records(*, email: str) -> list[Record]:
    from .models import DataRequest

    records = []
    for request in DataRequest.objects.filter(email__iexact=email).order_by("created", "pk"):
        fields = [
            (_("E-mail"), request.email),
            (_("Asked"), _when(request.created)),
            (_("Link valid until"), _when(request.expires)),
        ]
        data = {
            "id": request.pk,
            "email": request.email,
            "created": _iso(request.created),
            "expires": _iso(request.expires),
            "status": request.status,
        }
        records.append(Record(title=_("Request for your data"), fields=fields, data=data))
    return records


def _request_erase(*, email: str, now) -> dict[str, int]:
    from .models import DataRequest

    deleted, _details = DataRequest.objects.filter(email__iexact=email).delete()
    return {"deleted": deleted}


def _request_retention() -> str:
    hours = link_hours()
    return ngettext(
        "Deleted when the link expires, %(hours)s hour after it was sent.",
        "Deleted when the link expires, %(hours)s hours after it was sent.",
        hours,
    ) % {"hours": hours}


def register_builtin_sources() -> None:
    register_source(
        PersonalDataSource(
            key="registrations",
            label=gettext_lazy("Sign-ups for events"),
            find=_registration_records,
            erase=_registration_erase,
            purpose=gettext_lazy(
                "To run the event: seats, the organisation's places, name badges, check-in, "
                "meals and practical arrangements, and e-mail to you about the event."
            ),
            retention=_registration_retention,
            order=10,
        )
    )
    register_source(
        PersonalDataSource(
            key="event_emails",
            label=gettext_lazy("E-mails about sign-ups"),
            find=_outbox_records,
            erase=_outbox_erase,
            purpose=gettext_lazy("To send you confirmations, changes and reminders."),
            retention=lambda: _("Deleted together with the sign-up they are about."),
            order=20,
        )
    )
    register_source(
        PersonalDataSource(
            key="committee_people",
            label=gettext_lazy("Committee members"),
            find=_people_records,
            erase=_people_erase,
            purpose=gettext_lazy(
                "To show who sits in the committees, and to send members notices of meetings "
                "and minutes."
            ),
            retention=_people_retention,
            order=30,
        )
    )
    register_source(
        PersonalDataSource(
            key="minutes_notices",
            label=gettext_lazy("Notices of minutes"),
            find=_notice_records,
            erase=_notices_erase,
            purpose=gettext_lazy("To tell committee members that minutes have been published."),
            retention=lambda: _("Kept as a record that the notice was sent, until erased."),
            order=40,
        )
    )
    register_source(
        PersonalDataSource(
            key="data_requests",
            label=gettext_lazy("Requests to see your data"),
            find=_request_records,
            erase=_request_erase,
            purpose=gettext_lazy("To send you the private link to this page."),
            retention=_request_retention,
            order=90,
        )
    )
