"""Reads for the proposals' views."""

from samhandling.core.tokens import hash_token

from .models import Proposal


def proposal_for_token(*, token: str) -> Proposal | None:
    if not token or len(token) > 100:
        return None
    return (
        Proposal.objects.select_related("site", "organisation", "page")
        .filter(token_hash=hash_token(token))
        .first()
    )


def organisation_choices(*, community) -> list[tuple[int, str]]:
    """(id, name) of the community's active member organisations, by name."""
    if community is None:
        return []
    members = community.members.filter(is_active=True).order_by("name")
    return [(organisation.pk, organisation.display_name) for organisation in members]
