"""Who may act for what: the secretariat of a health community.

A community's secretariat is the Wagtail group linked as `HealthCommunity.secretariat_group`
(made by `proposals.workflow.secretariat_group`). Superusers (site administrators) act for every
community. Views and admin pages that show a community's sign-ups, responses, contacts or exports
scope them with these functions; they never decide by a group's name."""

from django.db.models import QuerySet

from .models import HealthCommunity


def secretariat_communities(*, user) -> QuerySet[HealthCommunity]:
    """The communities whose records `user` may see and change as their secretariat."""
    if not user.is_authenticated or not user.is_active:
        return HealthCommunity.objects.none()
    if user.is_superuser:
        return HealthCommunity.objects.all()
    return HealthCommunity.objects.filter(secretariat_group__user=user)


def is_secretariat_of(*, user, community) -> bool:
    """True when `user` is the secretariat of `community` (or an administrator)."""
    if community is None:
        return False
    return secretariat_communities(user=user).filter(pk=community.pk).exists()
