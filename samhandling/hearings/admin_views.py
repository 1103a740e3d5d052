"""The secretariat's views of a hearing in the admin: the board (who has answered, reminders,
extended deadlines), a response with its versions and the withhold/blank forms, the exports and
the summary report. They only call the services and selectors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext

from samhandling.organisations.roles import (
    scope_to_secretariat,
    secretariat_object_or_404,
)

from . import archive, exports, report
from .admin_forms import (
    BlankForm,
    ExtensionForm,
    RegisterResponseForm,
    ReminderForm,
    SummaryForm,
    WithholdForm,
)
from .board import BodyState, hearing_board, hearings_for_board
from .choices import HearingState
from .extensions import deadline_extend, deadline_extension_remove
from .pages import HearingPage
from .redactions import (
    blankable_parts,
    response_blank,
    response_release,
    response_unblank,
    response_withhold,
)
from .registered import response_register
from .reminders import reminder_send
from .responses import DeadlineExtension, HearingResponse, Redaction

VIEW_PERM = "hearings.view_hearingresponse"
CHANGE_PERM = "hearings.change_hearingresponse"


def _require(request, perm: str = VIEW_PERM) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _hearing(request, pk: int) -> HearingPage:
    """The hearing, if it lies in a community whose secretariat the user is (else 404)."""
    return secretariat_object_or_404(HearingPage.objects.all(), user=request.user, page="", pk=pk)


def hearing_index(request):
    _require(request)
    return TemplateResponse(
        request,
        "hearings/admin/index.html",
        {
            "title": gettext("Hearings"),
            "hearings": [
                (hearing, HearingState(hearing.state).label)
                for hearing in scope_to_secretariat(
                    hearings_for_board(), user=request.user, page=""
                )
            ],
        },
    )


SHOW = ("all", "not_answered", "answered")


def board_view(request, pk: int, extension_form=None):
    _require(request)
    hearing = _hearing(request, pk)
    board = hearing_board(hearing=hearing)
    show = request.GET.get("show", "all")
    rows = board.rows
    if show == "not_answered":
        rows = board.not_answered
    elif show == "answered":
        rows = [row for row in rows if row.answered]
    else:
        show = "all"
    organisations = [row.body.organisation for row in board.rows if row.body.organisation]
    return TemplateResponse(
        request,
        "hearings/admin/board.html",
        {
            "title": gettext("Board: %(title)s") % {"title": hearing.title},
            "hearing": hearing,
            "board": board,
            "rows": rows,
            "show": show,
            "filters": [
                ("all", gettext("All invited bodies")),
                ("not_answered", gettext("Not answered")),
                ("answered", gettext("Answered")),
            ],
            "reminder_form": ReminderForm(),
            "reminder_recipients": sum(
                1
                for row in board.not_answered
                if row.body.organisation is not None and row.body.organisation.email
            ),
            "extension_form": extension_form or ExtensionForm(organisations=organisations),
            "not_answered_state": BodyState.NOT_ANSWERED,
        },
        status=400 if extension_form is not None else 200,
    )


def board_remind(request, pk: int):
    _require(request, CHANGE_PERM)
    hearing = _hearing(request, pk)
    if request.method != "POST":
        return redirect("hearings_board", pk)
    form = ReminderForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("The reminder form was not valid. Try again."))
        return redirect("hearings_board", pk)
    reminder, created = reminder_send(
        hearing=hearing, key=form.cleaned_data["key"], actor=request.user
    )
    if created:
        messages.success(
            request,
            ngettext(
                "A reminder is sent to %(count)s organisation.",
                "A reminder is sent to %(count)s organisations.",
                reminder.recipients,
            )
            % {"count": reminder.recipients},
        )
    else:
        messages.info(request, gettext("This reminder was sent already; nothing more is sent."))
    return redirect("hearings_board", pk)


def board_extend(request, pk: int):
    _require(request, CHANGE_PERM)
    hearing = _hearing(request, pk)
    if request.method != "POST":
        return redirect("hearings_board", pk)
    board = hearing_board(hearing=hearing)
    organisations = [row.body.organisation for row in board.rows if row.body.organisation]
    form = ExtensionForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            extension = deadline_extend(
                hearing=hearing,
                organisation=form.cleaned_data["organisation"],
                deadline=form.cleaned_data["deadline"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("deadline", error)
        else:
            messages.success(
                request,
                gettext("%(organisation)s may answer until %(deadline)s.")
                % {
                    "organisation": extension.organisation.display_name,
                    "deadline": extension.deadline.strftime("%d.%m.%Y"),
                },
            )
            return redirect("hearings_board", pk)
    return board_view(request, pk, extension_form=form)


def extension_remove(request, pk: int, extension_pk: int):
    _require(request, CHANGE_PERM)
    hearing = _hearing(request, pk)
    extension = get_object_or_404(DeadlineExtension, pk=extension_pk, hearing_id=hearing.pk)
    if request.method == "POST":
        deadline_extension_remove(extension=extension, actor=request.user)
        messages.success(request, gettext("The extended deadline is removed."))
    return redirect("hearings_board", pk)


def response_detail(request, pk: int):
    _require(request)
    response = secretariat_object_or_404(
        HearingResponse.objects.select_related("hearing", "organisation", "withheld_by"),
        user=request.user,
        page="hearing",
        pk=pk,
    )
    parts = blankable_parts(response=response)
    withhold_form, blank_form, status = WithholdForm(), BlankForm(parts=parts), 200
    if request.method == "POST":
        _require(request, CHANGE_PERM)
        action = request.POST.get("action")
        try:
            if action == "withhold":
                withhold_form = WithholdForm(request.POST)
                if withhold_form.is_valid():
                    response_withhold(
                        response=response,
                        reason=withhold_form.cleaned_data["reason"],
                        actor=request.user,
                    )
                    messages.success(request, gettext("The response is withheld from publication."))
                    return redirect("hearings_response", pk)
            elif action == "release":
                response_release(response=response, actor=request.user)
                messages.success(request, gettext("The response is no longer withheld."))
                return redirect("hearings_response", pk)
            elif action == "blank":
                blank_form = BlankForm(request.POST, parts=parts)
                if blank_form.is_valid():
                    part, target = blank_form.part_and_target()
                    response_blank(
                        response=response,
                        part=part,
                        target=target,
                        reason=blank_form.cleaned_data["reason"],
                        actor=request.user,
                    )
                    messages.success(request, gettext("The part is blanked from publication."))
                    return redirect("hearings_response", pk)
            elif action == "unblank":
                redaction = get_object_or_404(
                    Redaction, pk=request.POST.get("redaction") or 0, response=response
                )
                response_unblank(redaction=redaction, actor=request.user)
                messages.success(request, gettext("The blanking is undone."))
                return redirect("hearings_response", pk)
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        status = 400
    labels = {(part, target): label for part, target, label in parts}
    redactions = [
        (redaction, labels.get((redaction.part, redaction.target), redaction.get_part_display()))
        for redaction in response.redactions.select_related("created_by")
    ]
    sections = {section.key: section.label for section in response.hearing.draft_sections}
    return TemplateResponse(
        request,
        "hearings/admin/response.html",
        {
            "title": gettext("Response from %(name)s") % {"name": response.responder_name},
            "response": response,
            "hearing": response.hearing,
            "section_answers": [
                (sections.get(answer.section_key, answer.section_key), answer)
                for answer in response.section_answers.all()
            ],
            "question_answers": response.question_answers.select_related("question"),
            "attachments": response.attachments.all(),
            "versions": response.versions.order_by("-number"),
            "withhold_form": withhold_form,
            "blank_form": blank_form,
            "redactions": redactions,
            "can_blank": bool(parts),
        },
        status=status,
    )


def response_register_view(request, pk: int):
    """Register a response received by letter or e-mail on behalf of its sender."""
    _require(request, CHANGE_PERM)
    hearing = _hearing(request, pk)
    form = RegisterResponseForm(request.POST if request.method == "POST" else None, hearing=hearing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            response = response_register(
                hearing=hearing,
                kind=data["kind"],
                organisation=data["organisation"],
                organisation_name=data["organisation_name"],
                name=data["name"],
                role=data["role"],
                email=data["email"],
                received_on=data["received_on"],
                no_comments=data["no_comments"],
                decision_reference=data["decision_reference"],
                decision_date=data["decision_date"],
                general_answer=data["general_answer"],
                section_answers=form.section_answers(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                gettext("The response from %(name)s is registered.")
                % {"name": response.responder_name},
            )
            return redirect("hearings_board", pk)
    return TemplateResponse(
        request,
        "hearings/admin/register.html",
        {
            "title": gettext("Register a response received by letter or e-mail"),
            "hearing": hearing,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


def export_xlsx(request, pk: int):
    _require(request)
    hearing = _hearing(request, pk)
    body = exports.responses_xlsx(hearing=hearing)
    name = f"{archive.safe_name(hearing.title)}_hoyringssvar.xlsx"
    result = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    result["Content-Disposition"] = f'attachment; filename="{name}"'
    return result


def export_zip(request, pk: int):
    _require(request)
    hearing = _hearing(request, pk)
    return FileResponse(
        archive.archive_file(hearing=hearing),
        as_attachment=True,
        filename=archive.archive_filename(hearing=hearing),
        content_type="application/zip",
    )


def report_view(request, pk: int):
    _require(request)
    hearing = _hearing(request, pk)
    keys = [("", gettext("General"))] + [(s.key, s.label) for s in hearing.draft_sections]
    saved = report.summaries(hearing=hearing)
    forms = [
        (
            key,
            label,
            SummaryForm(
                request.POST if request.method == "POST" else None,
                prefix=f"s-{key or 'general'}",
                initial={"text": saved[key].text if key in saved else ""},
            ),
        )
        for key, label in keys
    ]
    if request.method == "POST":
        _require(request, CHANGE_PERM)
        if all(form.is_valid() for _key, _label, form in forms):
            for key, _label, form in forms:
                if form.has_changed():
                    report.section_summary_save(
                        hearing=hearing,
                        section_key=key,
                        text=form.cleaned_data["text"],
                        actor=request.user,
                    )
            messages.success(request, gettext("The summaries are saved."))
            return redirect("hearings_report", pk)
    return TemplateResponse(
        request,
        "hearings/admin/report.html",
        {
            "title": gettext("Summary report: %(title)s") % {"title": hearing.title},
            "hearing": hearing,
            "forms": forms,
        },
        status=400 if request.method == "POST" else 200,
    )


def report_download(request, pk: int, fmt: str):
    _require(request)
    hearing = _hearing(request, pk)
    name = f"{archive.safe_name(hearing.title)}_oppsummering"
    if fmt == "pdf":
        body, content_type = report.report_pdf(hearing=hearing), "application/pdf"
    elif fmt == "docx":
        body = report.report_docx(hearing=hearing)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    result = HttpResponse(body, content_type=content_type)
    result["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return result
