"""The participant's input form, reached from the private link of their sign-up."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samhandling.core.form_guard import public_form
from samhandling.core.sites import site_root_for_request
from samhandling.events.models import ACTIVE_STATUSES
from samhandling.events.selectors import registration_for_token

from .forms import ParticipantInputForm
from .selectors import registration_inputs
from .services import InputRefused, input_closes_at, input_send, input_window_open

PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def _registration(request, token: str):
    registration = registration_for_token(token=token)
    if registration is None or not registration.event.live:
        return None
    root = site_root_for_request(request)
    if root is None or not registration.event.path.startswith(root.path):
        return None
    return registration


@require_http_methods(["GET", "POST"])
@public_form("manage")
def send(request, token: str):
    registration = _registration(request, token)
    if registration is None:
        return _private(render(request, "events/manage_not_found.html", {}, status=404))
    event = registration.event.specific
    is_open = input_window_open(event=event) and registration.status in ACTIVE_STATUSES
    form, refusal, status = None, "", 200
    if is_open:
        form = ParticipantInputForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                input_send(registration=registration, text=form.cleaned_data["text"])
            except InputRefused as refused:
                refusal, status = refused.message, 409
            else:
                return redirect(request.path + "?sendt=1#own-input")
        elif request.method == "POST":
            status = 400
    elif request.method == "POST":
        status = 409
    message = _("Thank you! Your input is sent.") if request.GET.get("sendt") else ""
    context = {
        "registration": registration,
        "event": event,
        "form": form,
        "is_open": is_open,
        "closes_at": input_closes_at(event=event),
        "refusal": refusal,
        "message": message,
        "own_inputs": registration_inputs(registration=registration),
        # The manage page itself answers only until the event has taken place.
        "manage_url": reverse("events:manage", args=[token])
        if (event.end or event.start) > timezone.now()
        else "",
    }
    return _private(render(request, "inputs/send.html", context, status=status))
