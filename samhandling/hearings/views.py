"""Public views for hearing responses: the form, the page after sending, the private link
(confirm, see, change, withdraw) and the receipt. No account is needed; views read and change
only through services.py."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samhandling.core.form_guard import public_form
from samhandling.core.sites import site_for_request, site_root_for_request

from .choices import ResponseStatus
from .forms import HearingResponseForm, initial_for
from .pages import HearingPage
from .response_selectors import organisation_choices, response_details, response_for_token
from .responses import HearingResponse
from .services import (
    ResponseRefused,
    accepts_responses,
    can_change,
    effective_deadline,
    expired_message,
    has_opened,
    link_expired,
    open_for_anyone,
    response_confirm,
    response_submit,
    response_update,
    response_withdraw,
)

SENT_COOKIE = "samhandling_hearing_response"
SENT_COOKIE_SALT = "samhandling.hearings.sent"
SENT_COOKIE_MAX_AGE = 60 * 60
# The private link's forms are one button or a form already filled in.
LINK_MIN_SECONDS = 1
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def _site_hearing(request, page_id: int) -> HearingPage:
    root = site_root_for_request(request)
    if site_for_request(request) is None or root is None:
        raise Http404
    hearing = HearingPage.objects.live().public().descendant_of(root).filter(pk=page_id).first()
    if hearing is None:
        raise Http404
    return hearing


def _period_message(hearing: HearingPage) -> str:
    if not has_opened(hearing=hearing):
        return _("The hearing has not opened yet. You can answer from %(date)s.") % {
            "date": hearing.opens_on.strftime("%d.%m.%Y")
        }
    return _(
        "The deadline of the hearing has passed, so responses can no longer be sent. Contact "
        "the secretariat if your organisation has been granted a later deadline."
    )


def _form_page(request, hearing, form, *, status=200, message=""):
    is_open = open_for_anyone(hearing=hearing)
    if form is None and is_open:
        invited, others = organisation_choices(hearing=hearing)
        form = HearingResponseForm(hearing=hearing, invited=invited, others=others)
    context = {
        "page": hearing,
        "hearing": hearing,
        "form": form if is_open else None,
        "period_message": "" if is_open else _period_message(hearing),
        "only_extended": is_open and not accepts_responses(hearing=hearing),
        "message": message,
        "respond_url": reverse("hearings:respond", args=[hearing.pk]),
    }
    response = render(request, "hearings/respond.html", context, status=status)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def respond(request, page_id: int):
    hearing = _site_hearing(request, page_id)
    if request.method == "POST":
        return respond_post(request, hearing)
    return _form_page(request, hearing, None)


@public_form("hearing")
def respond_post(request, hearing: HearingPage):
    if not open_for_anyone(hearing=hearing):
        return _form_page(request, hearing, None, status=400)
    invited, others = organisation_choices(hearing=hearing)
    form = HearingResponseForm(
        request.POST, request.FILES, hearing=hearing, invited=invited, others=others
    )
    if not form.is_valid():
        return _form_page(request, hearing, form, status=400)
    data = form.cleaned_data
    try:
        response, _token = response_submit(
            hearing=hearing,
            kind=data["kind"],
            email=data["email"],
            organisation=data["organisation"],
            organisation_name=data["organisation_name"],
            content=form.content(),
            attachments=data["attachments"],
            language=getattr(request, "LANGUAGE_CODE", "") or "nn",
        )
    except ResponseRefused as refusal:
        form.add_error(None, refusal.message)
        return _form_page(request, hearing, form, status=400)
    sent_url = reverse("hearings:response_sent")
    redirect_to = redirect(sent_url + "#main")
    redirect_to.set_signed_cookie(
        SENT_COOKIE,
        str(response.pk),
        salt=SENT_COOKIE_SALT,
        max_age=SENT_COOKIE_MAX_AGE,
        path=sent_url,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return redirect_to


def response_sent(request):
    """After sending: check your e-mail; what was sent (found through a signed cookie)."""
    value = request.get_signed_cookie(
        SENT_COOKIE, default=None, salt=SENT_COOKIE_SALT, max_age=SENT_COOKIE_MAX_AGE
    )
    response = None
    if value and value.isdigit():
        response = (
            HearingResponse.objects.select_related("hearing", "organisation")
            .filter(pk=int(value))
            .first()
        )
    context = {"details": response_details(response=response) if response else None}
    if response is not None:
        context["hearing"] = response.hearing.specific
    return _private(render(request, "hearings/response_sent.html", context))


def _not_found(request):
    return _private(render(request, "hearings/response_not_found.html", status=404))


def _on_this_site(request, response: HearingResponse) -> bool:
    root = site_root_for_request(request)
    return root is not None and response.hearing.path.startswith(root.path)


def _link_response(request, token: str) -> HearingResponse | None:
    response = response_for_token(token=token)
    if response is None or not response.hearing.live or not _on_this_site(request, response):
        return None
    return response


def _link_page(request, response, *, token, status=200, message="", refusal=""):
    hearing = response.hearing.specific
    context = {
        **response_details(response=response),
        "hearing": hearing,
        "token": token,
        "show_contact": True,
        "expired": link_expired(response=response),
        "can_confirm": response.status == ResponseStatus.UNCONFIRMED
        and not link_expired(response=response)
        and accepts_responses(hearing=hearing, organisation=response.organisation),
        "can_change": can_change(response=response),
        "deadline": effective_deadline(hearing=hearing, organisation=response.organisation),
        "closed": not accepts_responses(hearing=hearing, organisation=response.organisation)
        and has_opened(hearing=hearing),
        "message": message,
        "refusal": refusal,
        "expired_message": expired_message(),
        "respond_url": reverse("hearings:respond", args=[hearing.pk]),
        "change_url": reverse("hearings:response_change", args=[token]),
        "receipt_url": reverse("hearings:receipt", args=[token]),
    }
    return _private(render(request, "hearings/response_link.html", context, status=status))


@require_http_methods(["GET", "POST"])
@public_form("manage", min_seconds=LINK_MIN_SECONDS)
def response_link(request, token: str):
    """The private link: GET only shows (mail scanners fetch links); POST confirms or withdraws."""
    response = _link_response(request, token)
    if response is None:
        return _not_found(request)
    message = ""
    if request.GET.get("trukke"):
        message = _("Your response is withdrawn. We are sending you an e-mail to confirm it.")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                response_confirm(response=response)
                return redirect(reverse("hearings:receipt", args=[token]) + "#main")
            if action == "withdraw":
                if request.POST.get("confirmed") != "1":
                    context = {"response": response, "hearing": response.hearing, "token": token}
                    return _private(render(request, "hearings/response_withdraw.html", context))
                response_withdraw(response=response)
                return redirect(request.path + "?trukke=1")
        except ResponseRefused as refusal:
            response.refresh_from_db()
            return _link_page(request, response, token=token, status=400, refusal=refusal.message)
        return _link_page(request, response, token=token, status=400)
    return _link_page(request, response, token=token, message=message)


@require_http_methods(["GET", "POST"])
@public_form("manage", min_seconds=LINK_MIN_SECONDS)
def response_change(request, token: str):
    """The response form, prefilled, to change a confirmed response before the deadline."""
    response = _link_response(request, token)
    if response is None:
        return _not_found(request)
    if not can_change(response=response):
        return redirect(reverse("hearings:response", args=[token]))
    hearing = response.hearing.specific
    existing = list(response.attachments.all())
    status = 200
    if request.method == "POST":
        form = HearingResponseForm(
            request.POST, request.FILES, hearing=hearing, change=True, existing=existing
        )
        if form.is_valid():
            try:
                response_update(
                    response=response,
                    content=form.content(),
                    remove_attachments=form.cleaned_data.get("remove_attachments") or [],
                    attachments=form.cleaned_data["attachments"],
                )
            except ResponseRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                return redirect(reverse("hearings:receipt", args=[token]) + "?endra=1#main")
        status = 400
    else:
        form = HearingResponseForm(
            initial=initial_for(response), hearing=hearing, change=True, existing=existing
        )
    context = {
        "page": hearing,
        "hearing": hearing,
        "response": response,
        "form": form,
        "change": True,
        "link_url": reverse("hearings:response", args=[token]),
        "deadline": effective_deadline(hearing=hearing, organisation=response.organisation),
    }
    return _private(render(request, "hearings/respond_change.html", context, status=status))


def receipt(request, token: str):
    """The receipt: the response as it counts now, after confirming or changing it."""
    response = _link_response(request, token)
    if response is None:
        return _not_found(request)
    if response.status != ResponseStatus.CONFIRMED:
        return redirect(reverse("hearings:response", args=[token]))
    hearing = response.hearing.specific
    context = {
        **response_details(response=response),
        "hearing": hearing,
        "show_contact": True,
        "version": response.versions.order_by("-number").first(),
        "changed": bool(request.GET.get("endra")),
        "link_url": reverse("hearings:response", args=[token]),
        "deadline": effective_deadline(hearing=hearing, organisation=response.organisation),
        "now": timezone.now(),
    }
    return _private(render(request, "hearings/response_receipt.html", context))
