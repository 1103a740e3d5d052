"""The reminder the secretariat sends from the board: one e-mail to every invited organisation
(with an e-mail address in the registry) that has not answered, through the hearings' outbox.

A press of the button is a `HearingReminder` keyed by the UUID in the form: the same form sent
twice (a double click, a reload) finds the key taken and sends nothing more, and the database
allows one e-mail per reminder and organisation (`hearings_one_reminder_per_body`)."""

import uuid

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext, override

from samhandling.audit.services import audit_log

from .board import community_of, not_answered_organisations
from .choices import MailKind
from .mail import HearingReminder, queue_mail
from .pages import HearingPage
from .responses import DeadlineExtension


def reminder_language(*, organisation, hearing: HearingPage) -> str:
    """The organisation's written standard (språklova § 15), else the site's default language."""
    if organisation.email_language:
        return organisation.email_language
    community = community_of(hearing)
    return community.default_language if community is not None else "nn"


def _reminder_text(*, hearing: HearingPage, organisation, deadline, language: str):
    with override(language):
        context = {
            "hearing": hearing,
            "organisation": organisation,
            "deadline": deadline,
            "url": hearing.get_full_url(),
        }
        subject = gettext("Reminder: hearing “%(title)s”") % {"title": hearing.title}
        body = render_to_string("hearings/email/reminder.txt", context)
    return subject, body


def reminder_send(
    *, hearing: HearingPage, key: uuid.UUID, actor=None
) -> tuple[HearingReminder, bool]:
    """Queue a reminder to each invited organisation that has not answered and has an e-mail
    address. Returns the reminder and whether it was made now (False: this key was used
    before, and nothing more is sent)."""
    try:
        with transaction.atomic():
            HearingPage.objects.select_for_update().filter(pk=hearing.pk).first()
            reminder, created = HearingReminder.objects.get_or_create(
                key=key, defaults={"hearing": hearing, "created_by": actor}
            )
            if not created:
                return reminder, False
            extensions = dict(
                DeadlineExtension.objects.filter(hearing=hearing).values_list(
                    "organisation_id", "deadline"
                )
            )
            count = 0
            for organisation in not_answered_organisations(hearing=hearing):
                if not organisation.email:
                    continue
                language = reminder_language(organisation=organisation, hearing=hearing)
                deadline = extensions.get(organisation.pk, hearing.deadline)
                subject, body = _reminder_text(
                    hearing=hearing, organisation=organisation, deadline=deadline, language=language
                )
                queue_mail(
                    kind=MailKind.REMINDER,
                    hearing=hearing,
                    reminder=reminder,
                    organisation=organisation,
                    to_email=organisation.email,
                    language=language,
                    subject=subject,
                    body=body,
                )
                count += 1
            reminder.recipients = count
            reminder.save(update_fields=["recipients"])
            audit_log(
                instance=hearing,
                action="samhandling.hearing.reminder",
                actor=actor,
                data={"reminder": reminder.pk, "recipients": count},
            )
            return reminder, True
    except IntegrityError:
        # A parallel request with the same key got there first.
        return HearingReminder.objects.get(key=key), False
