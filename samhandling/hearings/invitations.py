"""Who is invited to a hearing (høyringsinstansar), read in one place for the form, the page and
the board: every member organisation of the site's health community when the hearing invites
the members, and the organisations chosen from the registry. (The bodies named in free text are
`HearingPage.invited_other_names`.)"""

from django.db.models import Q, QuerySet

from samhandling.organisations.models import Organisation

from .pages import InvitedOrganisation


def invited_organisations(*, hearing, site=None) -> QuerySet:
    """The invited organisations of the registry, each once, by name (one query)."""
    members = hearing.invite_members
    return invited_queryset(
        hearing=hearing, site=(site or hearing.get_site()) if members else None, members=members
    )


def invited_queryset(*, hearing, site, members: bool) -> QuerySet:
    """`invited_organisations` by the hearing and site (objects or ids): the organisations chosen
    for the hearing, and with `members` every member organisation of the site's community."""
    wanted = Q(pk__in=InvitedOrganisation.objects.filter(hearing=hearing).values("organisation_id"))
    if members:
        wanted |= Q(health_communities__site=site)
    return Organisation.objects.filter(wanted).distinct().order_by("name", "pk")
