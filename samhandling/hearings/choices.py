"""The choices of the hearings app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HearingState(models.TextChoices):
    """A hearing's state as the public sees it (computed from its dates and its outcome)."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    PROCESSING = "processing", _("Being processed")
    DECIDED = "decided", _("Decided")


class Outcome(models.TextChoices):
    """What the secretariat records after the deadline."""

    NONE = "", _("Not yet (the state follows the dates)")
    PROCESSING = "processing", _("Being processed")
    DECIDED = "decided", _("Decided")


class Publication(models.TextChoices):
    AFTER_DEADLINE = "after_deadline", _("After the deadline")
    AT_ONCE = "at_once", _("At once, when confirmed")


class CommentModeration(models.TextChoices):
    OFF = "off", _("No comments on sections")
    BEFORE = "before", _("Moderated before publication")
    AFTER = "after", _("Published at once, moderated afterwards")


class ResponderKind(models.TextChoices):
    ORGANISATION = "organisation", _("On behalf of an organisation in the list")
    OTHER_ORGANISATION = "other_organisation", _("On behalf of another organisation")
    PRIVATE = "private", _("As a private person")


class ResponseStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for the e-mail address to be confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class QuestionChoice(models.TextChoices):
    AGREE = "agree", _("Agree")
    PARTLY = "partly", _("Partly agree")
    DISAGREE = "disagree", _("Disagree")
    NO_OPINION = "no_opinion", _("No opinion")


class CommentStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for the e-mail address to be confirmed")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class MailKind(models.TextChoices):
    RESPONSE_CONFIRM = "response_confirm", _("Confirm a hearing response")
    RESPONSE_RECEIPT = "response_receipt", _("Receipt for a hearing response")
    RESPONSE_WITHDRAWN = "response_withdrawn", _("Hearing response withdrawn")
    REMINDER = "reminder", _("Reminder to answer a hearing")
    COMMENT_CONFIRM = "comment_confirm", _("Confirm a comment")
    COMMENT_DECISION = "comment_decision", _("A comment was published or declined")


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class RedactionPart(models.TextChoices):
    """Which part of a response the secretariat blanks from publication."""

    GENERAL = "general", _("The general answer")
    SECTION = "section", _("The answer to one section")
    QUESTION = "question", _("The reason given for one question")
    ATTACHMENT = "attachment", _("One attachment")
