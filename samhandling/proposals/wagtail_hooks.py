"""Admin: "Proposals", a read-only list of the proposals with the proposer's details (which the
draft pages never show), for superusers and the members of a community's secretariat group, each
seeing the proposals of the sites whose secretariat they are in. The decision itself is made in
Wagtail's workflow on the page ("Awaiting your review" on the dashboard)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from samhandling.organisations.roles import secretariat_communities

from .models import Proposal

READ_ACTIONS = {"view", "inspect"}


def _secretariat_sites(user):
    """The sites whose community's secretariat the user is (HealthCommunity.secretariat_group,
    organisations.roles), not a group found by its name."""
    return secretariat_communities(user=user).values("site_id")


class ReadOnlyProposalPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in READ_ACTIONS or not (user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or secretariat_communities(user=user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return (
            user.is_superuser or _secretariat_sites(user).filter(site_id=instance.site_id).exists()
        )


class ProposalIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("site", "organisation", "page")
        user = self.request.user
        return (
            queryset if user.is_superuser else queryset.filter(site_id__in=_secretariat_sites(user))
        )


class ProposalInspectView(InspectView):
    def get_object(self, queryset=None):
        proposal = super().get_object(queryset)
        policy = ReadOnlyProposalPolicy(Proposal)
        if not policy.user_has_permission_for_instance(self.request.user, "view", proposal):
            raise Http404
        return proposal


class ProposalViewSet(ModelViewSet):
    model = Proposal
    icon = "mail"
    menu_label = _("Proposals")
    menu_order = 265
    add_to_admin_menu = True
    url_prefix = "forslag"
    pk_path_converter = "id"  # core/ids.py: a too-large id is a 404, not a 500
    inspect_view_enabled = True
    index_view_class = ProposalIndexView
    inspect_view_class = ProposalInspectView
    list_display = [
        "title",
        "kind",
        "status",
        "name",
        Column("organisation_name", label=_("Organisation")),
        "created_at",
    ]
    list_filter = ["status", "kind"]
    inspect_view_fields = [
        "title",
        "kind",
        "status",
        "text",
        "date",
        "time",
        "place",
        "link",
        "name",
        "organisation",
        "organisation_other",
        "email",
        "created_at",
        "confirmed_at",
        "decided_at",
        "decision_reason",
        "page",
    ]
    form_fields = ["title"]  # never shown: the policy allows no adding or editing


register_permission_policy(Proposal, ReadOnlyProposalPolicy(Proposal))


@hooks.register("register_admin_viewset")
def register_proposal_viewset():
    return ProposalViewSet("proposals_admin")
