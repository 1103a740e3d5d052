"""The models of the committees app live in modules named for what they hold."""

from .agenda import AgendaItem, AgendaItemNumber
from .notices import MinutesNotice, MinutesPublication
from .pages import CommitteeIndexPage, CommitteePage, MeetingPage
from .people import Membership, Person

__all__ = [
    "AgendaItem",
    "AgendaItemNumber",
    "CommitteeIndexPage",
    "CommitteePage",
    "MeetingPage",
    "Membership",
    "MinutesNotice",
    "MinutesPublication",
    "Person",
]
