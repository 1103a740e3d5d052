"""Demo: one proposal of a date from a municipality of Møre og Romsdal, confirmed and waiting in
the secretariat's moderation queue (its draft event in the workflow, shown under "Awaiting your
review" on the admin's dashboard). Idempotent: a second load changes nothing."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Proposal
from .services import proposal_confirm, proposal_submit
from .workflow import secretariat_group, secretariat_workflow

DEMO_EMAIL = "kari.demo@molde.kommune.example"
DEMO_TITLE = "Fagdag om velferdsteknologi i Molde"
DEMO_TEXT = (
    "Molde kommune inviterer tilsette i kommunane og helseføretaket til fagdag om "
    "velferdsteknologi og digital heimeoppfølging.\n\n"
    "Vi viser korleis kommunen brukar digitalt tilsyn og medisineringsstøtte, og korleis "
    "samarbeidet med sjukehuset om utskrivingsklare pasientar fungerer. Påmelding skjer hos "
    "Molde kommune."
)


def build(*, community) -> Proposal | None:
    """The demo's pending proposal on the community's site, from Molde kommune."""
    from samhandling.organisations.models import Organisation

    secretariat_workflow(community=community)
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is not None:
        admin.groups.add(secretariat_group(community=community))
    existing = Proposal.objects.filter(site=community.site, email=DEMO_EMAIL).first()
    if existing is not None:
        return existing
    molde = Organisation.objects.filter(municipality_number="1506").first()
    proposal, _token = proposal_submit(
        site=community.site,
        kind="date",
        title=DEMO_TITLE,
        text=DEMO_TEXT,
        date=timezone.localdate() + dt.timedelta(days=45),
        time=dt.time(9, 30),
        place="Molde rådhus",
        link="https://www.molde.kommune.no/",
        name="Kari Demo",
        organisation=molde,
        organisation_other="" if molde else "Molde kommune",
        email=DEMO_EMAIL,
        language="nn",
    )
    return proposal_confirm(proposal=proposal)
