"""The fixed vocabularies of committees: levels, roles, whom a member represents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteeLevel(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership meeting")
    STRATEGIC = "strategic", _("Strategic committee")
    PROFESSIONAL = "professional", _("Professional committee")
    LOCAL = "local", _("Local committee")
    NEGOTIATION = "negotiation", _("Negotiation committee")
    WORKING_GROUP = "working_group", _("Working group")
    SECRETARIAT = "secretariat", _("Secretariat")


class MemberRole(models.TextChoices):
    """In the order members are listed on a committee page."""

    LEADER = "leader", _("Leader")
    DEPUTY_LEADER = "deputy_leader", _("Deputy leader")
    MEMBER = "member", _("Member")
    DEPUTY_MEMBER = "deputy_member", _("Deputy member")
    SECRETARY = "secretary", _("Secretary")


MEMBER_ROLE_PLURALS = {
    MemberRole.LEADER: _("Leader"),
    MemberRole.DEPUTY_LEADER: _("Deputy leader"),
    MemberRole.MEMBER: _("Members"),
    MemberRole.DEPUTY_MEMBER: _("Deputy members"),
    MemberRole.SECRETARY: _("Secretariat"),
}


class Represents(models.TextChoices):
    MUNICIPALITIES = "kommune", _("Municipalities")
    HOSPITAL_TRUST = "hospital_trust", _("Hospital trust")
    GPS = "gps", _("General practitioners")
    USERS = "users", _("User representatives")
    EMPLOYEES = "employees", _("Employee representatives")
    KS = "ks", _("KS")
    OTHER = "other", _("Other")


class MeetingFormat(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    DIGITAL = "digital", _("Digital")
    HYBRID = "hybrid", _("On site and digital")


class FollowUpStatus(models.TextChoices):
    """What the secretariat records: the follow-up is open or done."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class FollowUpState(models.TextChoices):
    """What readers are shown (agenda.follow_up_state): an open follow-up past its due date is
    overdue."""

    OPEN = "open", _("Open")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")
