"""Which records the project's audit log keeps, and the project's own actions with their labels.

To log a new action: add its name and label to `ACTIONS`, then call
`samhandling.audit.services.audit_log(instance=…, action=…, actor=…, fields=[…])` after the
write, inside the same transaction."""

from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

# Records about a person: their log entries are labelled "<kind> #<id>", never by the person.
PERSONAL_MODELS = (
    "events.Registration",
    "committees.Person",
    "committees.Membership",
    "hearings.HearingResponse",
    "hearings.SectionComment",
    "inputs.Input",
    "newsletters.Subscriber",
    "proposals.Proposal",
)
# Every record whose log entries are the project's (AuditLogEntry), kept for the retention period.
AUDITED_MODELS = (
    *PERSONAL_MODELS,
    "organisations.Organisation",
    "organisations.HealthCommunity",
    "inputs.ThemeSummary",
    "newsletters.MailingList",
)

ACTIONS = {
    "samhandling.registration.create": _("Registration: signed up"),
    "samhandling.registration.change": _("Registration: changed"),
    "samhandling.registration.replace": _("Registration: given to another participant"),
    "samhandling.registration.move": _("Registration: moved to another event"),
    "samhandling.registration.cancel": _("Registration: cancelled"),
    "samhandling.registration.promote": _("Registration: given a seat from the waiting list"),
    "samhandling.registration.approve": _("Registration: request approved"),
    "samhandling.registration.reject": _("Registration: request rejected"),
    "samhandling.registration.check_in": _("Registration: checked in"),
    "samhandling.registration.check_in_undo": _("Registration: check-in undone"),
    "samhandling.registration.purge": _("Registration: deleted after the retention period"),
    "samhandling.hearing_response.submit": _("Hearing response: sent, not yet confirmed"),
    "samhandling.hearing_response.confirm": _("Hearing response: confirmed"),
    "samhandling.hearing_response.contact_submit": _(
        "Hearing response: sent by the organisation's contact"
    ),
    "samhandling.hearing_response.change": _("Hearing response: changed"),
    "samhandling.hearing_response.withdraw": _("Hearing response: withdrawn"),
    "samhandling.hearing_response.erase": _("Hearing response: personal data erased"),
    "samhandling.hearing_response.purge": _("Hearing response: deleted unconfirmed"),
    "samhandling.membership.create": _("Membership: added"),
    "samhandling.membership.change": _("Membership: changed"),
    "samhandling.membership.end": _("Membership: ended"),
    "samhandling.membership.delete": _("Membership: deleted"),
    "samhandling.record.change": _("Changed"),
    "samhandling.minutes.publish": _("Minutes published"),
    "samhandling.decision.follow_up": _("Follow-up of a decision changed"),
    "samhandling.personal_data.erase": _("Personal data erased"),
    # Hearings: the secretariat's board (logged on the hearing page; ids only).
    "samhandling.hearing.reminder": _("Hearing: reminder sent"),
    "samhandling.hearing.extend_deadline": _("Hearing: deadline extended for a body"),
    "samhandling.hearing.extension_removed": _("Hearing: extended deadline removed"),
    "samhandling.hearing.summary": _("Hearing: summary changed"),
    "samhandling.response.withhold": _("Hearing response: withheld from publication"),
    "samhandling.response.release": _("Hearing response: no longer withheld"),
    "samhandling.response.blank": _("Hearing response: part blanked"),
    "samhandling.response.unblank": _("Hearing response: blanking undone"),
    "samhandling.response.register": _("Hearing response: registered by the secretariat"),
    "samhandling.comment.create": _("Comment on a section: sent"),
    "samhandling.comment.confirm": _("Comment on a section: confirmed"),
    "samhandling.comment.publish": _("Comment on a section: published"),
    "samhandling.comment.reject": _("Comment on a section: declined"),
    "samhandling.comment.unpublish": _("Comment on a section: taken down"),
    "samhandling.comment.erase": _("Comment on a section: deleted on request"),
    "samhandling.comment.purge": _("Comment on a section: deleted unconfirmed"),
    "samhandling.proposal.create": _("Proposal: sent, not yet confirmed"),
    "samhandling.proposal.confirm": _("Proposal: confirmed, draft page made"),
    "samhandling.proposal.publish": _("Proposal: published"),
    "samhandling.proposal.decline": _("Proposal: declined"),
    "samhandling.proposal.erase": _("Proposal: deleted on request"),
    "samhandling.proposal.purge": _("Proposal: deleted after the retention period"),
    "samhandling.input.send": _("Input: sent by a participant"),
    "samhandling.input.create": _("Input: registered for a group"),
    "samhandling.input.themes": _("Input: themes changed"),
    "samhandling.input.status": _("Input: status changed"),
    "samhandling.input.publish": _("Input: published"),
    "samhandling.input.unpublish": _("Input: unpublished"),
    "samhandling.input.merge": _("Input: merged into another"),
    "samhandling.input.unmerge": _("Input: merge undone"),
    "samhandling.input.unlink": _("Input: unlinked from an erased sign-up"),
    "samhandling.input_summary.save": _("Summary of input: written"),
    "samhandling.input_summary.publish": _("Summary of input: published"),
    "samhandling.input_summary.unpublish": _("Summary of input: unpublished"),
    "samhandling.newsletter_list.create": _("Mailing list: created"),
    "samhandling.newsletter_list.change": _("Mailing list: changed"),
    "samhandling.newsletter_list.import": _("Mailing list: addresses imported"),
    "samhandling.newsletter_subscriber.remove": _("Subscriber: removed by the secretariat"),
    # Newsletters (logged on the issue page; ids and counts only).
    "samhandling.newsletter.send": _("Newsletter: sent to a list"),
    "samhandling.newsletter.test_send": _("Newsletter: test send"),
    # Organisation contacts (logged on the organisation; ids only).
    "samhandling.contact.grant": _("Contact: role granted"),
    "samhandling.contact.revoke": _("Contact: role revoked"),
    "samhandling.contact.invite": _("Contact: invited by e-mail"),
    "samhandling.contact.accept": _("Contact: invitation accepted"),
    "samhandling.contact.withdraw": _("Contact: invitation withdrawn"),
    "samhandling.contact.remind": _("Contact: reminder e-mailed to the contacts"),
}


def audited_models() -> list:
    return [apps.get_model(name) for name in AUDITED_MODELS]


def is_personal(model) -> bool:
    return any(model is apps.get_model(name) for name in PERSONAL_MODELS)


def _field_label(log_entry, name: str) -> str:
    """The field's name in the reader's language; `data["fields_of"]` ("committees.agendaitem")
    names the model the fields belong to when it is not the logged object's (a meeting's case)."""
    try:
        if fields_of := (log_entry.data or {}).get("fields_of"):
            model = apps.get_model(fields_of)
        else:
            model = log_entry.content_type.model_class()
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field since removed, or a model that no longer exists
        return name


class FieldsFormatter(LogFormatter):
    """The action's label, followed by the names of the fields it changed, if any."""

    def __init__(self, label):
        self.label = label

    def format_message(self, log_entry):
        fields = (log_entry.data or {}).get("fields") or []
        if not fields:
            return capfirst(str(self.label))
        names = ", ".join(_field_label(log_entry, name) for name in fields)
        return f"{capfirst(str(self.label))}: {names}"


def register(actions) -> None:
    """Called by Wagtail's `register_log_actions` hook: the project's actions and log model."""
    from .models import AuditLogEntry

    for name, label in ACTIONS.items():
        actions.register_action(name)(lambda label=label: FieldsFormatter(label))
    for model in audited_models():
        actions.register_model(model, AuditLogEntry)
