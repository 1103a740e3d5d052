"""The secretariat's newsletter work in the admin, on an issue page: preview (HTML and text), a
test send to oneself, send to a list (with a confirm step), the progress of a running send
(refreshing itself, also without JavaScript) and the history of the issue's sends.

Permissions follow the page tree, so each health community's editors act on their own site's
issues only: previewing needs the right to edit the issue, sending to publish it; the lists
offered are those of the issue's own health community."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext

from .admin_forms import SendForm, TestSendForm
from .deliveries import NewsletterSend
from .email import IssueMail, Recipient, _community
from .issues import NewsletterIssuePage
from .lists import MailingList
from .sending import confirmed_subscribers, send_progress, send_test, start_send


def _issue(request, pk: int, *, publish: bool = False) -> NewsletterIssuePage:
    issue = get_object_or_404(NewsletterIssuePage, pk=pk)
    permissions = issue.permissions_for_user(request.user)
    if not (permissions.can_publish() if publish else permissions.can_edit()):
        raise PermissionDenied
    return issue


def _lists(issue):
    community = _community(issue)
    if community is None:
        return MailingList.objects.none()
    return MailingList.objects.filter(community=community)


def _preview_language(request, issue) -> str:
    language = request.GET.get("language", "")
    return language if language in {"nn", "nb", "en"} else issue.content_language


def issue_newsletter(request, pk: int):
    """The issue's newsletter page in the admin: preview links, test send, send, history."""
    issue = _issue(request, pk)
    can_send = issue.permissions_for_user(request.user).can_publish()
    sends = list(
        NewsletterSend.objects.filter(issue=issue).select_related("mailing_list", "requested_by")
    )
    lists = [(the_list, confirmed_subscribers(the_list).count()) for the_list in _lists(issue)]
    return TemplateResponse(
        request,
        "newsletters/admin/issue.html",
        {
            "title": gettext("Newsletter: %(title)s") % {"title": issue.title},
            "issue": issue,
            "can_send": can_send and issue.live,
            "send_form": SendForm(lists=_lists(issue)),
            "test_form": TestSendForm(initial={"language": get_language()}),
            "lists": lists,
            "sends": [(send, send_progress(send)) for send in sends],
            "user_email": request.user.email,
        },
    )


def preview(request, pk: int, fmt: str):
    """The e-mail as a subscriber of the issue's first list would get it (links go nowhere)."""
    issue = _issue(request, pk)
    the_list = _lists(issue).first()
    language = _preview_language(request, issue)
    message = IssueMail(issue=issue, mailing_list=the_list).message(
        Recipient(email=request.user.email or "preview@example.org", language=language)
    )
    if fmt == "txt":
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
    if fmt == "html":
        response = HttpResponse(message.alternatives[0][0], content_type="text/html; charset=utf-8")
        # Shown inside the admin's frame only; the message's own inline styles are allowed.
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response
    raise Http404


def test_send(request, pk: int):
    issue = _issue(request, pk)
    if request.method != "POST":
        return redirect("newsletters_issue", pk)
    form = TestSendForm(request.POST)
    if not request.user.email:
        messages.error(request, gettext("Your user has no e-mail address to send the test to."))
    elif form.is_valid():
        send_test(
            issue=issue,
            email=request.user.email,
            language=form.cleaned_data["language"],
            requested_by=request.user,
        )
        messages.success(
            request, gettext("A test is sent to %(email)s.") % {"email": request.user.email}
        )
    else:
        messages.error(request, gettext("Choose a language for the test."))
    return redirect("newsletters_issue", pk)


def send_confirm(request, pk: int):
    """Choose a list, see how many will get the issue, confirm; the send starts on confirming."""
    issue = _issue(request, pk, publish=True)
    if not issue.live:
        messages.error(request, gettext("Publish the issue before you send it."))
        return redirect("newsletters_issue", pk)
    form = SendForm(request.POST or request.GET or None, lists=_lists(issue))
    if form is None or not form.is_valid():
        if request.method == "POST":
            messages.error(request, gettext("Choose the list to send to."))
        return redirect("newsletters_issue", pk)
    the_list = form.cleaned_data["mailing_list"]
    if request.method == "POST" and form.cleaned_data.get("confirmed"):
        send, created = start_send(issue=issue, mailing_list=the_list, requested_by=request.user)
        if created:
            messages.success(
                request,
                gettext("The issue is being sent to %(count)s subscribers of “%(list)s”.")
                % {"count": send.recipient_count, "list": the_list.name},
            )
        else:
            messages.info(
                request, gettext("This issue was sent to that list already; nothing more is sent.")
            )
        return redirect("newsletters_send", send.pk)
    return TemplateResponse(
        request,
        "newsletters/admin/send_confirm.html",
        {
            "title": gettext("Send the newsletter"),
            "issue": issue,
            "mailing_list": the_list,
            "count": confirmed_subscribers(the_list).count(),
            "form": SendForm(
                initial={"mailing_list": the_list.pk, "confirmed": True}, lists=_lists(issue)
            ),
            "already": NewsletterSend.objects.filter(issue=issue, mailing_list=the_list)
            .exclude(status="cancelled")
            .first(),
        },
    )


def send_detail(request, pk: int):
    send = get_object_or_404(
        NewsletterSend.objects.select_related("issue", "mailing_list", "requested_by"), pk=pk
    )
    issue = _issue(request, send.issue_id)
    progress = send_progress(send)
    running = send.status in ("queued", "sending")
    return TemplateResponse(
        request,
        "newsletters/admin/send.html",
        {
            "title": gettext("Newsletter send: %(title)s") % {"title": issue.title},
            "issue": issue,
            "send": send,
            "progress": progress,
            "running": running,
            "percent": round(100 * (progress["total"] - progress["left"]) / progress["total"])
            if progress["total"]
            else 100,
        },
    )
