""" "Min organisasjon": the page where an organisation's contact sees and manages what the
organisation does in the site's health community.

Only a logged-in user with an active contact role for the organisation sees it; anyone else
logged in gets 404 (the same page as an organisation that does not exist), an anonymous visitor
is sent to log in. Reads go through myorg_selectors, every change through the events and
hearings services (their locks and rules). Never cached: `Cache-Control: private, no-store`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samhandling.core.sites import community_for_request, site_for_request, site_root_for_request
from samhandling.events.replacement import registration_replace
from samhandling.events.services import (
    RegistrationRefused,
    registration_cancel,
    registration_create,
)
from samhandling.hearings.contact_responses import response_submit_for_organisation
from samhandling.hearings.services import ResponseRefused

from . import myorg_selectors as selectors
from .myorg_forms import ColleagueSignupForm, ContactResponseForm, ReplaceForm

LOGIN_URL = "/innlogging/"
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def contact_view(view):
    """Log in first; answer privately. With `organisation_id`, 404 unless the user is an
    active contact of that organisation; the view gets the organisation instead of the id."""

    @wraps(view)
    def wrapped(request, *args, organisation_id=None, **kwargs):
        if not request.user.is_authenticated:
            return _private(redirect_to_login(request.get_full_path(), login_url=LOGIN_URL))
        root = site_root_for_request(request)
        if root is None or site_for_request(request) is None:
            raise Http404
        if organisation_id is not None:
            organisation = selectors.contact_organisation(
                user=request.user, organisation_id=organisation_id
            )
            if organisation is None:
                raise Http404
            kwargs["organisation"] = organisation
        return _private(view(request, *args, **kwargs))

    return wrapped


def _page_url(organisation, anchor: str = "") -> str:
    url = reverse("myorg:organisation", args=[organisation.pk])
    return f"{url}#{anchor}" if anchor else url


@contact_view
def my_organisations(request):
    """The bare address: straight to the organisation of a contact of one; a list otherwise."""
    organisations = selectors.my_organisations(user=request.user)
    if len(organisations) == 1:
        return redirect(_page_url(organisations[0]))
    return render(
        request,
        "contacts/myorg/choose.html",
        {"organisations": organisations, "community": community_for_request(request)},
    )


def _signup_choices(signups) -> list[tuple[int, str]]:
    return [(item.event.pk, item.event.title) for item in signups.open_events]


def _page(request, organisation, *, signup_form=None, status=200):
    root, site = site_root_for_request(request), site_for_request(request)
    signups = selectors.organisation_signups(organisation=organisation, root=root)
    current, former = selectors.organisation_memberships(organisation=organisation, root=root)
    context = {
        "organisation": organisation,
        "community": community_for_request(request),
        "signups": signups,
        "signup_form": signup_form
        or ColleagueSignupForm(events=_signup_choices(signups), auto_id="colleague_%s"),
        "hearings": selectors.organisation_hearings(
            organisation=organisation, root=root, site=site
        ),
        "inputs": selectors.organisation_input(organisation=organisation, root=root),
        "memberships_current": current,
        "memberships_former": former,
        "adoptions": selectors.organisation_adoptions(organisation=organisation, root=root),
        "several": len(selectors.my_organisations(user=request.user)) > 1,
    }
    return render(request, "contacts/myorg/organisation.html", context, status=status)


@contact_view
@require_http_methods(["GET", "HEAD"])
def organisation_page(request, organisation):
    return _page(request, organisation)


@contact_view
@require_POST
def signup_colleague(request, organisation):
    root = site_root_for_request(request)
    signups = selectors.organisation_signups(organisation=organisation, root=root)
    form = ColleagueSignupForm(
        request.POST, events=_signup_choices(signups), auto_id="colleague_%s"
    )
    if not form.is_valid():
        return _page(request, organisation, signup_form=form, status=400)
    data = form.cleaned_data
    event = selectors.signup_event(root=root, event_id=data["event"])
    if event is None:
        raise Http404
    try:
        outcome = registration_create(
            event=event,
            name=data["name"],
            email=data["email"],
            job_title=data["job_title"],
            consent=True,
            organisation=organisation,
            language=get_language() or "",
            actor=request.user,
        )
    except RegistrationRefused as refusal:
        form.add_error(None, " ".join(refusal.messages))
        return _page(request, organisation, signup_form=form, status=400)
    registration = outcome.registration
    messages.success(
        request,
        _("%(name)s is signed up for %(event)s (%(status)s). We have sent them an e-mail.")
        % {
            "name": registration.name,
            "event": event.title,
            "status": registration.get_status_display(),
        },
    )
    return redirect(_page_url(organisation))


def _registration(request, organisation, registration_id: int):
    registration = selectors.organisation_registration(
        organisation=organisation,
        registration_id=registration_id,
        root=site_root_for_request(request),
    )
    if registration is None:
        raise Http404
    return registration


@contact_view
@require_http_methods(["GET", "HEAD", "POST"])
def replace(request, organisation, registration_id: int):
    registration = _registration(request, organisation, registration_id)
    form = ReplaceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration_replace(
                    registration=registration,
                    name=data["name"],
                    email=data["email"],
                    job_title=data["job_title"],
                    language=get_language() or "",
                    replaced_by=request.user,
                )
            except RegistrationRefused as refusal:
                form.add_error(None, " ".join(refusal.messages))
            else:
                messages.success(
                    request,
                    _(
                        "%(new)s now has the seat at %(event)s. We have sent them an e-mail, "
                        "and told %(old)s."
                    )
                    % {
                        "new": data["name"],
                        "old": registration.name,
                        "event": registration.event.title,
                    },
                )
                return redirect(_page_url(organisation))
        status = 400
    return render(
        request,
        "contacts/myorg/replace.html",
        {
            "organisation": organisation,
            "registration": registration,
            "form": form,
            "back_url": _page_url(organisation, "signups"),
        },
        status=status,
    )


@contact_view
@require_POST
def cancel(request, organisation, registration_id: int):
    registration = _registration(request, organisation, registration_id)
    if not registration.is_active:
        messages.info(request, _("The sign-up was already cancelled."))
        return redirect(_page_url(organisation))
    registration_cancel(registration=registration, actor=request.user)
    messages.success(
        request,
        _("The sign-up of %(name)s for %(event)s is cancelled.")
        % {"name": registration.name, "event": registration.event.title},
    )
    return redirect(_page_url(organisation))


@contact_view
@require_http_methods(["GET", "HEAD", "POST"])
def answer_hearing(request, organisation, hearing_id: int):
    root, site = site_root_for_request(request), site_for_request(request)
    hearing = selectors.organisation_hearing(
        organisation=organisation, root=root, site=site, hearing_id=hearing_id
    )
    if hearing is None:
        raise Http404
    item = next(
        (
            i
            for i in selectors.organisation_hearings(
                organisation=organisation, root=root, site=site
            )
            if i.hearing.pk == hearing.pk
        ),
        None,
    )
    status = 200
    form = None
    if item is not None and item.can_answer:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
        form = ContactResponseForm(
            request.POST or None, request.FILES or None, hearing=hearing, initial=initial
        )
    if request.method == "POST":
        if form is None:
            status = 400
            messages.error(request, _refusal_text(item))
        elif form.is_valid():
            try:
                response_submit_for_organisation(
                    hearing=hearing,
                    organisation=organisation,
                    contact_user=request.user,
                    content=form.content(),
                    attachments=form.cleaned_data.get("attachments") or [],
                    language=get_language() or "nn",
                    email=form.cleaned_data["email"],
                )
            except ResponseRefused as refusal:
                form.add_error(None, refusal.message)
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "The response of %(organisation)s to %(hearing)s is received. The "
                        "receipt is sent to %(email)s."
                    )
                    % {
                        "organisation": organisation.display_name,
                        "hearing": hearing.title,
                        "email": request.user.email,
                    },
                )
                return redirect(_page_url(organisation))
        else:
            status = 400
    return render(
        request,
        "contacts/myorg/hearing.html",
        {
            "organisation": organisation,
            "hearing": hearing,
            "item": item,
            "form": form,
            "refusal": "" if form is not None else _refusal_text(item),
            "back_url": _page_url(organisation, "hearings"),
        },
        status=status,
    )


def _refusal_text(item) -> str:
    if item is not None and item.state in (selectors.SUBMITTED, selectors.PUBLISHED):
        return _(
            "Your organisation has already answered this hearing. Contact the secretariat if the "
            "response must be changed."
        )
    if item is not None and not item.has_opened:
        return _("The hearing has not opened yet. You can answer from %(date)s.") % {
            "date": item.hearing.opens_on.strftime("%d.%m.%Y")
        }
    return _("The deadline of the hearing has passed, so responses can no longer be sent.")
