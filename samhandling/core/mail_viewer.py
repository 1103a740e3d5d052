"""The demo's mail viewer in the admin (superusers only, dev and demo settings only): every e-mail
the demo has sent, its text and HTML parts and its attachments (the .ics), so that a newcomer can
open a confirmation and follow its private link without a mail server."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .mailbox import clear_mailbox, stored_mail, stored_mails


def _only_superusers(request) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied


def mail_index(request):
    _only_superusers(request)
    page = Paginator(stored_mails(), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request, "core/mail_viewer/index.html", {"title": _("E-mail (demo)"), "page": page}
    )


def mail_detail(request, key: str):
    _only_superusers(request)
    mail = stored_mail(key)
    if mail is None:
        raise Http404
    context = {
        "title": mail.subject or _("E-mail (demo)"),
        "mail": mail,
        "text": mail.body("plain"),
        "html": mail.body("html"),
        "attachments": [
            {
                "index": i,
                "name": part.get_filename() or f"vedlegg-{i + 1}",
                "type": part.get_content_type(),
            }
            for i, part in enumerate(mail.attachments())
        ],
    }
    return TemplateResponse(request, "core/mail_viewer/detail.html", context)


def mail_attachment(request, key: str, index: int):
    _only_superusers(request)
    mail = stored_mail(key)
    part = mail.attachment(index) if mail else None
    if part is None:
        raise Http404
    response = HttpResponse(part.get_payload(decode=True), content_type=part.get_content_type())
    filename = (part.get_filename() or f"vedlegg-{index + 1}").replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def mail_clear(request):
    _only_superusers(request)
    removed = clear_mailbox()
    text = ngettext("%(count)d e-mail deleted.", "%(count)d e-mails deleted.", removed)
    messages.success(request, text % {"count": removed})
    return redirect("core_mail_index")
