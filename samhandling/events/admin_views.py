"""Admin actions on registrations and events for the secretariat. They call the services, so the
waiting list, the locks and the e-mails work as for the participant's own actions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from samhandling.core.spreadsheets import csv_bytes
from samhandling.organisations.models import OrganisationKind
from samhandling.organisations.roles import secretariat_object_or_404

from .models import (
    ACTIVE_STATUSES,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationKind,
    RegistrationStatus,
)
from .notices import event_notify_change
from .quota_selectors import quota_rows
from .services import (
    RegistrationRefused,
    press_approve,
    press_reject,
    registration_cancel,
    registration_mark_attended,
    registration_move,
)

ACTIONS = {
    "approve": (press_approve, _("Approve press request"), _("The press request is approved.")),
    "reject": (press_reject, _("Reject press request"), _("The press request is rejected.")),
    "cancel": (registration_cancel, _("Cancel registration"), _("The registration is cancelled.")),
}
# Speakers wait for approval as press do; the same services, in their own words.
SPEAKER_TEXTS = {
    "approve": (_("Approve speaker request"), _("The speaker request is approved.")),
    "reject": (_("Reject speaker request"), _("The speaker request is rejected.")),
}


def action_texts(action: str, registration: Registration) -> tuple[str, str]:
    """The action's title and the message once done, for this registration's kind."""
    _service, title, done = ACTIONS[action]
    if registration.kind == RegistrationKind.SPEAKER and action in SPEAKER_TEXTS:
        return SPEAKER_TEXTS[action]
    return title, done


LISTING = "wagtailsnippets_events_registration:list"


def _require(request, perm: str = "events.change_registration") -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _registration(request, pk: int) -> Registration:
    """The registration, if it belongs to a community whose secretariat the user is (else 404)."""
    queryset = Registration.objects.select_related("event")
    return secretariat_object_or_404(queryset, user=request.user, page="event", pk=pk)


def _page(request, model, pk: int):
    """An event or series page in one of the user's communities (else 404)."""
    return secretariat_object_or_404(model.objects.all(), user=request.user, page="", pk=pk)


def registration_action(request, pk: int, action: str):
    _require(request)
    if action not in ACTIONS:
        raise Http404
    service = ACTIONS[action][0]
    registration = _registration(request, pk)
    title, done = action_texts(action, registration)
    if request.method == "POST":
        service(registration=registration, actor=request.user)
        messages.success(request, done)
        return redirect(LISTING)
    return TemplateResponse(
        request,
        "events/admin/confirm_action.html",
        {"registration": registration, "title": title, "listing": LISTING},
    )


def _other_events(registration: Registration):
    series = registration.event.series
    if series is None:
        return EventPage.objects.none()
    return EventPage.objects.child_of(series).exclude(pk=registration.event_id).order_by("start")


def registration_move_view(request, pk: int):
    """Move a participant to another event of the same series."""
    _require(request)
    registration = _registration(request, pk)
    targets = _other_events(registration)
    error, status = "", 200
    if request.method == "POST":
        chosen = request.POST.get("to_event", "")
        target = targets.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if target is None:
            error, status = gettext("Choose the event to move the sign-up to."), 400
        else:
            try:
                moved = registration_move(
                    registration=registration, to_event=target, actor=request.user
                )
            except RegistrationRefused as refusal:
                error, status = " ".join(refusal.messages), 400
            else:
                messages.success(
                    request,
                    gettext("%(name)s is moved to %(event)s (%(status)s).")
                    % {
                        "name": moved.name,
                        "event": target.title,
                        "status": moved.get_status_display(),
                    },
                )
                return redirect(LISTING)
    return TemplateResponse(
        request,
        "events/admin/move.html",
        {
            "registration": registration,
            "targets": targets,
            "error": error,
            "title": gettext("Move to another event in the series"),
            "listing": LISTING,
        },
        status=status,
    )


def quota_shares(rows, events) -> dict:
    """How many of the organisations in `rows` have signed someone up: across the series and at
    each event (an organisation may count at more than one event)."""
    return {
        "series": sum(1 for row in rows if row["used"]),
        "events": [
            (event, sum(1 for row in rows if event.pk in row["event_ids"])) for event in events
        ],
        "total": len(rows),
    }


QUOTA_FILTERS = {
    "all": _("All organisations"),
    "signed_up": _("Signed up"),
    "missing": _("Not signed up yet"),
}


def series_quota(request, pk: int):
    """The quota board of a series, with a CSV export of the filtered list."""
    _require(request, "events.view_registration")
    series = _page(request, EventSeriesPage, pk)
    show = request.GET.get("show", "all")
    if show not in QUOTA_FILTERS:
        show = "all"
    query = request.GET.get("q", "").strip()
    events = list(EventPage.objects.child_of(series).order_by("start"))
    all_rows = quota_rows(series=series, events=events)
    # Kinds of organisation among the members (municipalities, hospital trusts, …), to filter by.
    kinds = [
        (value, label)
        for value, label in OrganisationKind.choices
        if any(row["organisation"].kind == value for row in all_rows)
    ]
    kind = request.GET.get("kind", "")
    if kind not in dict(kinds):
        kind = ""
    of_kind = [row for row in all_rows if row["organisation"].kind == kind] if kind else all_rows
    rows = of_kind
    if show == "missing":
        rows = [row for row in rows if not row["used"]]
    elif show == "signed_up":
        rows = [row for row in rows if row["used"]]
    if query:
        rows = [row for row in rows if query.lower() in row["organisation"].display_name.lower()]
    if request.GET.get("export") == "csv":
        header = [
            gettext("Organisation"),
            gettext("Municipality number"),
            gettext("E-mail"),
            gettext("Confirmed"),
            gettext("Waiting"),
            gettext("Seats left"),
            gettext("Events"),
        ]
        body = csv_bytes(
            header=header,
            rows=(
                [
                    row["organisation"].display_name,
                    row["organisation"].municipality_number or "",
                    row["organisation"].email,
                    row["confirmed"],
                    row["waiting"],
                    "" if row["left"] is None else row["left"],
                    "; ".join(row["events"]),
                ]
                for row in rows
            ),
        )
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="quota-{series.slug}-{show}.csv"'
        return response
    missing = sum(1 for row in of_kind if not row["used"])
    listing = reverse(LISTING)
    return TemplateResponse(
        request,
        "events/admin/quota.html",
        {
            "series": series,
            "series_site": series.get_site(),
            "rows": rows,
            "show": show,
            "query": query,
            "kind": kind,
            "kinds": kinds,
            "kind_label": dict(kinds).get(kind, ""),
            "filters": list(QUOTA_FILTERS.items()),
            "total": len(of_kind),
            "missing": missing,
            "shares": quota_shares(of_kind, events),
            "export_query": urlencode({"show": show, "q": query, "kind": kind, "export": "csv"}),
            "missing_export_query": urlencode({"show": "missing", "kind": kind, "export": "csv"}),
            "registrations_url": f"{listing}?{urlencode({'series': series.pk})}",
            "events": events,
            "title": gettext("Quota board: %(series)s") % {"series": series.title},
        },
    )


def _checkin_url(event_pk: int, query: str) -> str:
    url = reverse("events_event_checkin", args=[event_pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


def event_checkin(request, pk: int):
    """A mobile-friendly check-in list of the confirmed participants, with search."""
    _require(request)
    event = _page(request, EventPage, pk)
    query = request.GET.get("q", "").strip()
    confirmed = Registration.objects.filter(
        event_id=event.pk, status=RegistrationStatus.CONFIRMED
    ).select_related("organisation")
    registrations = confirmed
    if query:
        registrations = registrations.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(organisation_other__icontains=query)
        )
    return TemplateResponse(
        request,
        "events/admin/checkin.html",
        {
            "event": event,
            "registrations": registrations.order_by("name", "pk"),
            "query": query,
            "total": confirmed.count(),
            "attended": confirmed.filter(attended=True).count(),
            "title": gettext("Check-in: %(event)s") % {"event": event.title},
        },
    )


def registration_attended(request, pk: int):
    """POST only: mark a participant as attended (attended=1) or undo it (attended=0)."""
    _require(request)
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    registration = _registration(request, pk)
    query = request.POST.get("q", "").strip()
    value = request.POST.get("attended")
    if value not in ("0", "1"):
        return HttpResponse(status=400)
    try:
        registration = registration_mark_attended(
            registration=registration, attended=value == "1", actor=request.user
        )
    except RegistrationRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        if registration.attended:
            messages.success(
                request, gettext("%(name)s is checked in.") % {"name": registration.name}
            )
        else:
            messages.success(
                request, gettext("%(name)s is no longer checked in.") % {"name": registration.name}
            )
    return redirect(_checkin_url(registration.event_id, query) + f"#registration-{pk}")


def event_notify(request, pk: int):
    """Confirm, then e-mail every active participant that the event has changed."""
    _require(request)
    event = _page(request, EventPage, pk)
    count = Registration.objects.filter(event_id=event.pk, status__in=ACTIVE_STATUSES).count()
    if request.method == "POST":
        sent = event_notify_change(event=event)
        messages.success(
            request,
            ngettext(
                "%(count)s participant will be notified of the change.",
                "%(count)s participants will be notified of the change.",
                sent,
            )
            % {"count": sent},
        )
        return redirect("wagtailadmin_pages:edit", event.pk)
    return TemplateResponse(
        request,
        "events/admin/notify.html",
        {
            "event": event,
            "count": count,
            "title": gettext("Notify participants of the change"),
        },
    )
