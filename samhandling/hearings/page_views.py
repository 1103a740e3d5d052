"""Public reads beside the hearing pages: a published response's attachment, and a hearing's
deadline as a calendar file."""

from django.http import FileResponse, Http404, HttpResponse

from samhandling.core.sites import site_for_request
from samhandling.core.visibility import published

from .choices import RedactionPart, ResponseStatus
from .ics import hearing_calendar
from .pages import HearingPage
from .responses import Redaction, ResponseAttachment


def _site_hearing(request, page_id: int) -> HearingPage:
    """A live, public hearing of the request's site, else 404."""
    site = site_for_request(request)
    if site is None:
        raise Http404
    pages = published(HearingPage.objects.descendant_of(site.root_page))
    hearing = pages.filter(pk=page_id).first()
    if hearing is None:
        raise Http404
    return hearing


def attachment(request, attachment_id: int):
    """An attachment of a published response: only when the hearing publishes its responses,
    the response is confirmed and not withheld, and the attachment is not blanked."""
    found = ResponseAttachment.objects.select_related("response").filter(pk=attachment_id).first()
    if found is None:
        raise Http404
    response = found.response
    hearing = _site_hearing(request, response.hearing_id)
    blanked = Redaction.objects.filter(
        response=response, part=RedactionPart.ATTACHMENT, target=str(found.pk)
    ).exists()
    if (
        not hearing.responses_public
        or response.status != ResponseStatus.CONFIRMED
        or response.withheld
        or blanked
    ):
        raise Http404
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError, OSError) as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=found.original_name or "vedlegg",
        content_type=found.content_type or "application/octet-stream",
    )


def hearing_ics(request, page_id: int):
    hearing = _site_hearing(request, page_id)
    response = HttpResponse(
        hearing_calendar(hearing=hearing, request=request),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{hearing.slug}.ics"'
    return response
