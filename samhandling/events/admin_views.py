"""Admin actions on a registration. They call the services, so the waiting list, the locks and
the e-mails work as for the participant's own actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import Registration
from .services import press_approve, press_reject, registration_cancel

ACTIONS = {
    "approve": (press_approve, _("Approve press request"), _("The press request is approved.")),
    "reject": (press_reject, _("Reject press request"), _("The press request is rejected.")),
    "cancel": (registration_cancel, _("Cancel registration"), _("The registration is cancelled.")),
}


def registration_action(request, pk: int, action: str):
    if not request.user.has_perm("events.change_registration"):
        raise PermissionDenied
    if action not in ACTIONS:
        raise Http404
    service, title, done = ACTIONS[action]
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    listing = "wagtailsnippets_events_registration:list"
    if request.method == "POST":
        service(registration=registration)
        messages.success(request, done)
        return redirect(listing)
    return TemplateResponse(
        request,
        "events/admin/confirm_action.html",
        {"registration": registration, "title": title, "listing": listing},
    )
