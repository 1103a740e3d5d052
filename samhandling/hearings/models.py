"""The hearings app's models, defined in modules of their own."""

from .comments import SectionComment
from .mail import HearingMail, HearingReminder
from .pages import HearingIndexPage, HearingPage, HearingQuestion, InvitedOrganisation
from .responses import (
    DeadlineExtension,
    HearingResponse,
    QuestionAnswer,
    Redaction,
    ResponseAttachment,
    ResponseVersion,
    SectionAnswer,
    SectionSummary,
)

__all__ = [
    "DeadlineExtension",
    "HearingIndexPage",
    "HearingMail",
    "HearingPage",
    "HearingQuestion",
    "HearingReminder",
    "HearingResponse",
    "InvitedOrganisation",
    "QuestionAnswer",
    "Redaction",
    "ResponseAttachment",
    "ResponseVersion",
    "SectionAnswer",
    "SectionComment",
    "SectionSummary",
]
