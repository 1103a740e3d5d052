"""Admin: telling participants. The secretariat's own message to everyone signed up for an event
or a series (write, preview with the number of recipients, send), and the notice that an event
is cancelled. Both go through the services and the outbox, after commit."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from samhandling.organisations.roles import secretariat_object_or_404

from .emails import PRIVATE_LINK, compose, email_language
from .models import (
    ACTIVE_STATUSES,
    BROADCAST_LANGUAGES,
    Broadcast,
    EventPage,
    EventSeriesPage,
    OutboxMessage,
)
from .notices import broadcast_send, event_notify_cancellation
from .selectors import broadcast_recipients
from .services import RegistrationRefused


class BroadcastForm(forms.Form):
    language = forms.ChoiceField(label=_("Written in"), choices=BROADCAST_LANGUAGES)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Plain text. Each participant gets it with a greeting in their own language and the "
            "time and place of their event."
        ),
    )
    other_subject = forms.CharField(
        label=_("Subject in the other written standard (optional)"),
        max_length=200,
        required=False,
    )
    other_body = forms.CharField(
        label=_("The message in the other written standard (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "In bokmål if the message is in nynorsk, and the other way round. Participants whose "
            "e-mails are in that standard (their municipality's written standard or their own "
            "choice) get this text; without it everyone gets the message above."
        ),
    )
    key = forms.UUIDField(widget=forms.HiddenInput)


def _require(request) -> None:
    if not request.user.has_perm("events.change_registration"):
        raise PermissionDenied


def _event_or_series(request, pk: int):
    page = secretariat_object_or_404(Page.objects.all(), user=request.user, page="", pk=pk).specific
    if not isinstance(page, EventPage | EventSeriesPage):
        raise Http404
    return page


def broadcast(request, pk: int):
    """Write a message to every participant of an event or of a series; preview it (who gets
    it, how it reads for the first of them), then send it. Sending the same form twice sends
    nothing more (its key)."""
    _require(request)
    page = _event_or_series(request, pk)
    recipients = broadcast_recipients(page=page)
    step, preview, status = "write", None, 200
    default = getattr(page.get_site(), "health_community", None)
    language = getattr(default, "default_language", "nn")
    form = BroadcastForm(
        initial={"key": uuid.uuid4(), "language": language if language in ("nn", "nb") else "nn"}
    )
    if request.method == "POST":
        form = BroadcastForm(request.POST)
        action = request.POST.get("action")
        if not form.is_valid():
            status = 400
        elif action == "send":
            data = form.cleaned_data
            try:
                sent = broadcast_send(
                    page=page,
                    subject=data["subject"],
                    body=data["body"],
                    key=data["key"],
                    language=data["language"],
                    other_subject=data["other_subject"],
                    other_body=data["other_body"],
                    user=request.user,
                )
            except RegistrationRefused as refusal:
                form.add_error(None, refusal.messages[0])
                status = 400
            else:
                if sent:
                    messages.success(
                        request,
                        ngettext(
                            "The message is on its way to %(count)s participant.",
                            "The message is on its way to %(count)s participants.",
                            sent,
                        )
                        % {"count": sent},
                    )
                else:
                    messages.warning(request, gettext("This message has already been sent."))
                return redirect("wagtailadmin_pages:edit", page.pk)
        elif action == "preview":
            step = "preview"
            preview = _previews(recipients, form.cleaned_data)
    return TemplateResponse(
        request,
        "events/admin/broadcast.html",
        {
            "page": page,
            "form": form,
            "step": step,
            "preview": preview,
            "count": len(recipients),
            "is_series": isinstance(page, EventSeriesPage),
            "sent": Broadcast.objects.filter(page_id=page.pk).order_by("-created")[:10],
            "title": gettext("Message to the participants of %(page)s") % {"page": page.title},
        },
        status=status,
    )


def _previews(recipients, data) -> list[dict]:
    """The e-mail as the first recipient of each text will get it, and how many get that text
    (nothing is saved)."""
    unsaved = Broadcast(
        subject=data["subject"],
        body=data["body"],
        language=data["language"],
        other_subject=data["other_subject"],
        other_body=data["other_body"],
    )
    groups: dict[tuple[str, str], list] = {}
    for registration in recipients:
        text = unsaved.text_for(email_language(registration))
        groups.setdefault(text, []).append(registration)
    previews = []
    for registrations in groups.values():
        message = OutboxMessage(registration=registrations[0], kind="broadcast", broadcast=unsaved)
        message = compose(message)
        message.body = message.body.replace(PRIVATE_LINK, "")
        previews.append({"message": message, "count": len(registrations)})
    return previews


def event_notify_cancelled(request, pk: int):
    """Confirm, then e-mail every active participant that the event is cancelled."""
    _require(request)
    event = secretariat_object_or_404(EventPage.objects.all(), user=request.user, page="", pk=pk)
    active = event.registrations.filter(status__in=ACTIVE_STATUSES)
    told = OutboxMessage.objects.filter(kind="event_cancelled", registration__event_id=event.pk)
    count = active.exclude(pk__in=told.values("registration_id")).count()
    if request.method == "POST":
        try:
            sent = event_notify_cancellation(event=event)
        except RegistrationRefused as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s participant will be told that the event is cancelled.",
                    "%(count)s participants will be told that the event is cancelled.",
                    sent,
                )
                % {"count": sent},
            )
        return redirect("wagtailadmin_pages:edit", event.pk)
    return TemplateResponse(
        request,
        "events/admin/notify_cancelled.html",
        {
            "event": event,
            "count": count,
            "already_told": told.count(),
            "title": gettext("Tell the participants that the event is cancelled"),
        },
    )
