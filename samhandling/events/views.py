"""Public views: sign-up on the event page, the receipt, the private manage page and calendars.

No account is needed. Views only read through selectors and change through services."""

import hmac

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samhandling.core.form_guard import public_form
from samhandling.core.middleware import SUPPORTED
from samhandling.core.sites import community_for_request, site_for_request, site_root_for_request
from samhandling.core.structure_cache import cached, immutable

from .emails import manage_url
from .forms import OTHER, RegistrationDetailsForm, RegistrationForm, organisation_field_choices
from .ics import event_calendar, events_calendar
from .models import EventIndexPage, EventPage, Registration, RegistrationStatus, hash_token
from .selectors import (
    State,
    community_organisations,
    confirmed_count,
    event_state,
    events_below,
    registration_for_token,
    waiting_position,
)
from .services import (
    RegistrationRefused,
    check_signup_window,
    registration_cancel,
    registration_create,
)
from .services import registration_update as update_service

# The receipt page finds the sign-up through a signed cookie that holds only its id, for an hour:
# no session row is written for a visitor without an account.
RECEIPT_COOKIE = "samhandling_receipt"
RECEIPT_COOKIE_SALT = "samhandling.events.receipt"
RECEIPT_COOKIE_MAX_AGE = 60 * 60
# The manage page's forms are one button (cancel, confirm) or a few fields already filled in: a
# person may press within a second or two, so only a post straight after the page is refused.
MANAGE_MIN_SECONDS = 1
# The manage page's address is its key: never cache or index it. (Referrer-Policy stays the site's
# "same-origin": "no-referrer" would make browsers send `Origin: null` and fail the CSRF check.)
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def _organisations(request):
    community = community_for_request(request)
    return cached(
        "community-organisations",
        community.pk if community else None,
        build=lambda: [(o.pk, str(o)) for o in community_organisations(community=community)],
    )


def _organisation_choices(request) -> tuple:
    """The sign-up form's organisation options, built once per process, community, language
    and version of the structure cache (a new organisation or member bumps it)."""
    community = community_for_request(request)
    return immutable(
        "organisation-choices",
        community.pk if community else None,
        translation.get_language(),
        build=lambda: organisation_field_choices(_organisations(request)),
    )


def signup_context(request, page: EventPage, *, form=None, with_form: bool = True) -> dict:
    taken = confirmed_count(event=page) if page.capacity is not None else None
    state = event_state(event=page, taken=taken)
    if form is None and with_form and state.accepts_signups:
        form = RegistrationForm(choices=_organisation_choices(request))
    return {
        "state": state,
        "signup_form": form if state.accepts_signups else None,
        "series": page.series,
        "seats_left": max(page.capacity - taken, 0) if taken is not None else None,
        "ics_url": reverse("events:event_ics", args=[page.pk]),
        "signup_url": reverse("events:signup", args=[page.pk]),
    }


# Refusals that a different answer in the form may overcome (another organisation, another
# e-mail address): the refusal page links back to the form.
CORRECTABLE_REFUSALS = {"organisation_cap", "one_event_per_organisation", "duplicate"}


def _events_url(page: EventPage) -> str:
    """The address of the event listing the event is under ("" if none), from the cache."""
    return cached(
        "event-index-url",
        page.pk,
        build=lambda: getattr(EventIndexPage.objects.live().ancestor_of(page).first(), "url", ""),
    )


def _refusal(request, page: EventPage, refusal: RegistrationRefused) -> dict:
    """What the refusal page says: the reason, and what the visitor can do instead."""
    community = community_for_request(request)
    other = getattr(refusal, "other_event", None)
    return {
        "code": refusal.code,
        "message": refusal.messages[0],
        "other_event": other if other is not None and other.live else None,
        "events_url": _events_url(page) or "",
        "contact_email": community.contact_email if community else "",
        "correctable": refusal.code in CORRECTABLE_REFUSALS,
    }


def _refused_page(request, page: EventPage, refusal: RegistrationRefused):
    """A sign-up a rule refused (409): a small page with the reason, what one can do instead
    and a link back to the form; no form, seat count or series to render, so that a rush of
    refusals costs the server little."""
    context = {
        "page": page,
        "refusal": _refusal(request, page, refusal),
        "signup_url": reverse("events:signup", args=[page.pk]),
    }
    response = TemplateResponse(request, "events/signup_refused.html", context, status=409)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _signup_page(request, page: EventPage, form, status: int = 200, refusal=None):
    """The sign-up form on a page of its own: where the form is sent, and shown again with the
    reason when a sign-up is refused. Lighter than the event page (no program or body), so a
    rush of refusals costs the server little. A refusal (a rule says no) is shown as such, with
    what one can do instead, not as an error in the form."""
    context = {"page": page, **signup_context(request, page, form=form)}
    if refusal is not None:
        context["refusal"] = _refusal(request, page, refusal)
    response = TemplateResponse(request, "events/signup.html", context, status=status)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def signup(request, page_id: int):
    page = _site_event(request, page_id)
    if request.method == "POST":
        return event_signup(request, page)
    return _signup_page(request, page, None)


@public_form("signup")
def event_signup(request, page: EventPage):
    """A sign-up sent from the event page or the sign-up page: validate, sign up, then show the
    receipt; otherwise the sign-up page again, with the reason."""
    form = RegistrationForm(request.POST, choices=_organisation_choices(request))
    if not event_state(event=page, taken=0).accepts_signups:  # full still takes the waiting list
        try:
            check_signup_window(event=page)
        except RegistrationRefused as refusal:
            return _refused_page(request, page, refusal)
        return _signup_page(request, page, None, status=409)
    if not form.is_valid():
        return _signup_page(request, page, form, status=400)
    data = form.cleaned_data
    try:
        outcome = registration_create(
            event=page,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            organisation=data["organisation"],
            organisation_other=data["organisation_other"],
            job_title=data["job_title"],
            kind=data["kind"],
            dietary_needs=data["dietary_needs"],
            accessibility_needs=data["accessibility_needs"],
            consent=data["consent"],
            language=getattr(request, "LANGUAGE_CODE", ""),
            language_chosen=request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in SUPPORTED,
        )
    except RegistrationRefused as refusal:
        return _refused_page(request, page, refusal)
    response = redirect(reverse("events:receipt") + "#main")
    # The private link is shown once more on the receipt: the cookie (signed, HTTP only, for the
    # receipt's path and an hour) holds the sign-up's id and its token, checked against the hash.
    response.set_signed_cookie(
        RECEIPT_COOKIE,
        f"{outcome.registration.pk}:{outcome.token}",
        salt=RECEIPT_COOKIE_SALT,
        max_age=RECEIPT_COOKIE_MAX_AGE,
        path=reverse("events:receipt"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def receipt(request):
    registration, manage_link = None, ""
    value = request.get_signed_cookie(
        RECEIPT_COOKIE, default=None, salt=RECEIPT_COOKIE_SALT, max_age=RECEIPT_COOKIE_MAX_AGE
    )
    pk, _sep, token = (value or "").partition(":")
    if pk.isdigit():
        registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if (
        registration is not None
        and token
        and hmac.compare_digest(registration.token_hash, hash_token(token))
    ):
        manage_link = manage_url(event=registration.event, token=token)
    context = {"registration": registration, "manage_link": manage_link}
    return _private(render(request, "events/receipt.html", context))


def _on_this_site(request, registration) -> bool:
    """A private link works only on the host of its event's own site."""
    root = site_root_for_request(request)
    return root is not None and registration.event.path.startswith(root.path)


def _not_found(request, *, past_event=None):
    """No sign-up for this link (404), or its event has taken place (410): the link is valid
    until then, and shows nobody's details afterwards."""
    status = 410 if past_event is not None else 404
    context = {"past_event": past_event}
    response = render(request, "events/manage_not_found.html", context, status=status)
    _private(response)
    return response


@require_http_methods(["GET", "POST"])
@public_form("manage", min_seconds=MANAGE_MIN_SECONDS)
def manage(request, token: str):
    registration = registration_for_token(token=token)
    if (
        registration is None
        or not registration.event.live
        or not _on_this_site(request, registration)
    ):
        return _not_found(request)
    event = registration.event.specific
    state = event_state(event=event, taken=0)
    if state.code == State.PAST:
        return _not_found(request, past_event=event)
    editable = registration.is_active and state.code != State.CANCELLED
    organisations = _organisations(request)
    form = None
    message = request.GET.get("endra") and _(
        "Your changes are saved. We send you one e-mail with your details in a moment; changes "
        "you make before it goes are included in it."
    )
    if editable:
        initial = {
            "name": registration.name,
            "phone": registration.phone,
            "organisation": registration.organisation_id or OTHER,
            "organisation_other": registration.organisation_other,
            "job_title": registration.job_title,
            "dietary_needs": registration.dietary_needs,
            "accessibility_needs": registration.accessibility_needs,
        }
        form = RegistrationDetailsForm(initial=initial, organisations=organisations)
    can_cancel = registration.is_active
    if request.method == "POST" and can_cancel:
        if request.POST.get("action") == "cancel":
            # Asked once: the first press shows a confirmation, the second cancels.
            if request.POST.get("confirmed") != "1":
                return _private(
                    render(request, "events/manage_cancel.html", {"registration": registration})
                )
            registration_cancel(registration=registration)
            return redirect(request.path + "?avmeldt=1")
        if editable:
            form = RegistrationDetailsForm(request.POST, organisations=organisations)
            if form.is_valid():
                try:
                    update_service(registration=registration, data=form.cleaned_data)
                except RegistrationRefused as refusal:
                    form.add_error(None, refusal.messages[0])
                else:
                    return redirect(request.path + "?endra=1")
    if request.GET.get("avmeldt"):
        message = _("Your sign-up is cancelled. We are sending you an e-mail to confirm it.")
    response = render(
        request,
        "events/manage.html",
        {
            "registration": registration,
            "event": event,
            "state": state,
            "form": form,
            "message": message,
            "is_waiting": registration.status == RegistrationStatus.WAITING,
            "position": waiting_position(registration=registration),
            "ics_url": reverse("events:event_ics", args=[event.pk]),
            "can_cancel": can_cancel,
        },
        status=400 if form is not None and form.errors else 200,
    )
    _private(response)
    return response


def _site_event(request, page_id: int) -> EventPage:
    """The live, public event `page_id` on the request's site, else 404. Kept in the structure
    cache (publishing, unpublishing, moving a page or changing who may see it forgets it), so a
    rush of sign-ups does not look the page up for every request; the sign-up itself reads the
    event again under its lock."""
    site = site_for_request(request)
    if site is None:
        raise Http404
    event = cached("site-event", site.pk, page_id, build=lambda: _find_site_event(request, page_id))
    if event is None:
        raise Http404
    return event


def _find_site_event(request, page_id: int) -> EventPage | None:
    return (
        EventPage.objects.live()
        .public()
        .descendant_of(site_root_for_request(request))
        .select_related("locale")
        .filter(pk=page_id)
        .first()
    )


def event_ics(request, page_id: int):
    event = _site_event(request, page_id)
    body = event_calendar(event=event, url=event.get_full_url(request) or "")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def site_ics(request):
    site = site_for_request(request)
    if site is None:
        raise Http404
    from samhandling.hearings.ics import deadline_entries

    body = events_calendar(
        events=events_below(root=site.root_page),
        name=site.site_name,
        request=request,
        extra=deadline_entries(root=site.root_page, request=request),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def webcal_url(request) -> str:
    return "webcal://" + request.get_host() + reverse("events:site_ics")
