"""The secretariat's contact pages in the admin ("Kontaktpersonar"): per community, its member
organisations with their active contacts and open invitations; invite by e-mail, revoke a
contact, withdraw an invitation. And the boards' action that e-mails the contacts of the
organisations that have not acted.

A user sees only the communities they are the secretariat of (organisations.roles); another
community's pages, contacts and invitations are answered 404. Views only call services and
selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from samhandling.organisations.models import HealthCommunity
from samhandling.organisations.roles import secretariat_communities

from .admin_forms import InviteForm, RemindForm
from .models import ContactInvitation, OrganisationContact
from .reminders import contacts_remind
from .services import ContactRefused, contact_invite, contact_revoke, invitation_withdraw


def _communities(request):
    communities = secretariat_communities(user=request.user)
    if not communities.exists():
        raise PermissionDenied
    return communities


def _community(request, community_pk: int) -> HealthCommunity:
    return get_object_or_404(_communities(request), pk=community_pk)


def contacts_index(request):
    communities = list(_communities(request).order_by("name"))
    if len(communities) == 1:
        return redirect("contacts_community", communities[0].pk)
    return TemplateResponse(
        request,
        "contacts/admin/index.html",
        {"title": gettext("Contact persons"), "communities": communities},
    )


def community_organisations(community):
    """The member organisations with their active contacts and open invitations."""
    now = timezone.now()
    return community.members.order_by("name").prefetch_related(
        Prefetch(
            "contacts",
            queryset=OrganisationContact.objects.filter(
                revoked_at__isnull=True, user__is_active=True
            ).select_related("user"),
            to_attr="active_contacts",
        ),
        Prefetch(
            "contact_invitations",
            queryset=ContactInvitation.objects.filter(
                community=community,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=now,
            ),
            to_attr="open_invitations",
        ),
    )


def community_contacts(request, community_pk: int, form=None):
    community = _community(request, community_pk)
    organisations = list(community_organisations(community))
    return TemplateResponse(
        request,
        "contacts/admin/community.html",
        {
            "title": gettext("Contact persons: %(community)s") % {"community": community.name},
            "community": community,
            "organisations": organisations,
            "without_contacts": sum(1 for o in organisations if not o.active_contacts),
            "form": form or InviteForm(community=community),
        },
        status=400 if form is not None else 200,
    )


@require_POST
def invite(request, community_pk: int):
    community = _community(request, community_pk)
    form = InviteForm(request.POST, community=community)
    if not form.is_valid():
        return community_contacts(request, community_pk, form=form)
    try:
        contact_invite(
            organisation=form.cleaned_data["organisation"],
            community=community,
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            invited_by=request.user,
        )
    except ContactRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("contacts_community", community.pk)
    messages.success(
        request,
        gettext("The invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]},
    )
    return redirect("contacts_community", community.pk)


@require_POST
def revoke(request, community_pk: int, pk: int):
    community = _community(request, community_pk)
    contact = get_object_or_404(
        OrganisationContact, pk=pk, organisation__in=community.members.all()
    )
    contact_revoke(contact=contact, revoked_by=request.user)
    messages.success(request, gettext("The contact role is revoked."))
    return redirect("contacts_community", community.pk)


@require_POST
def withdraw(request, community_pk: int, pk: int):
    community = _community(request, community_pk)
    invitation = get_object_or_404(ContactInvitation, pk=pk, community=community)
    try:
        invitation_withdraw(invitation=invitation, withdrawn_by=request.user)
    except ContactRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, gettext("The invitation is withdrawn."))
    return redirect("contacts_community", community.pk)


# --- The boards' reminder to the contacts -------------------------------------------------------


def _community_of_page(request, page) -> HealthCommunity:
    """The community of the page's site, when `request.user` is its secretariat (else 404)."""
    site = page.get_site()
    community = HealthCommunity.objects.filter(site=site).first() if site else None
    if community is None or not secretariat_communities(user=request.user).filter(pk=community.pk):
        raise Http404
    return community


def _remind(request, *, obj, community, kind, back: str):
    form = RemindForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("The note is too long."))
        return redirect(back)
    result = contacts_remind(
        community=community,
        kind=kind,
        obj=obj,
        note=form.cleaned_data["note"],
        sent_by=request.user,
        once_key=form.cleaned_data["key"],
    )
    if result.already_sent:
        messages.info(request, gettext("This reminder was sent already; nothing more is sent."))
        return redirect(back)
    messages.success(
        request,
        gettext("Sent to %(contacts)s contacts of %(organisations)s organisations.")
        % {"contacts": result.contacts, "organisations": len(result.organisations)},
    )
    if result.without_contacts:
        names = ", ".join(organisation.display_name for organisation in result.without_contacts)
        messages.warning(
            request,
            ngettext(
                "%(count)s organisation has no contact person to e-mail: %(names)s",
                "%(count)s organisations have no contact person to e-mail: %(names)s",
                len(result.without_contacts),
            )
            % {"count": len(result.without_contacts), "names": names},
        )
    return redirect(back)


@require_POST
def remind_series(request, pk: int):
    from samhandling.events.models import EventSeriesPage

    series = get_object_or_404(EventSeriesPage, pk=pk)
    community = _community_of_page(request, series)
    return _remind(
        request,
        obj=series,
        community=community,
        kind="quota",
        back=reverse("events_series_quota", args=[series.pk]),
    )


@require_POST
def remind_hearing(request, pk: int):
    from samhandling.hearings.pages import HearingPage

    hearing = get_object_or_404(HearingPage, pk=pk)
    community = _community_of_page(request, hearing)
    return _remind(
        request,
        obj=hearing,
        community=community,
        kind="hearing",
        back=reverse("hearings_board", args=[hearing.pk]),
    )
