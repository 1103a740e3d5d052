"""The fixed vocabularies of agreements and action plans."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VersionStatus(models.TextChoices):
    """In the order a version goes through them."""

    DRAFT = "draft", _("Draft")
    IN_NEGOTIATION = "in_negotiation", _("In negotiation")
    ON_HEARING = "on_hearing", _("On hearing")
    RECOMMENDED = "recommended", _("Recommended by SSU")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")
    TERMINATED = "terminated", _("Terminated")


class MilestoneState(models.TextChoices):
    DONE = "done", _("Done")
    UPCOMING = "upcoming", _("Upcoming")
    LATE = "late", _("Late")


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    # Not the "Cancelled" of an event (nn "Avlyst"): a measure is stopped (nn "Avbrote").
    CANCELLED = "cancelled", pgettext_lazy("action plan measure", "Cancelled")


OPEN_MEASURE_STATUSES = (MeasureStatus.NOT_STARTED, MeasureStatus.IN_PROGRESS)
