"""A later deadline for one invited body, granted by the secretariat from the board."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samhandling.audit.services import audit_log

from .pages import HearingPage
from .responses import DeadlineExtension


def deadline_extend(
    *, hearing: HearingPage, organisation, deadline: dt.date, reason: str = "", actor=None
) -> DeadlineExtension:
    """Give `organisation` until `deadline` (after the hearing's own); a second extension for
    the same body replaces the first."""
    if deadline <= hearing.deadline:
        raise ValidationError(
            _("The extended deadline must be after the hearing's deadline (%(deadline)s).")
            % {"deadline": hearing.deadline.strftime("%d.%m.%Y")}
        )
    with transaction.atomic():
        extension, created = DeadlineExtension.objects.select_for_update().update_or_create(
            hearing=hearing,
            organisation=organisation,
            defaults={"deadline": deadline, "reason": reason, "created_by": actor},
        )
        audit_log(
            instance=hearing,
            action="samhandling.hearing.extend_deadline",
            actor=actor,
            data={"organisation": organisation.pk, "extension": extension.pk},
        )
    return extension


def deadline_extension_remove(*, extension: DeadlineExtension, actor=None) -> None:
    with transaction.atomic():
        hearing, organisation_id = extension.hearing, extension.organisation_id
        extension.delete()
        audit_log(
            instance=hearing,
            action="samhandling.hearing.extension_removed",
            actor=actor,
            data={"organisation": organisation_id},
        )
