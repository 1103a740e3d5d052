from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "samhandling.proposals"
    label = "proposals"
    verbose_name = _("Proposals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The proposers as a source of personal data, and the secretariat's decisions in
        # Wagtail's workflow (approved and published, or changes requested) told to the proposer.
        from .privacy import register_proposal_source
        from .signals import connect_signals

        register_proposal_source()
        connect_signals()
