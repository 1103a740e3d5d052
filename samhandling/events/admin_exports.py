"""Admin views: participant list export with chosen columns, and name badges."""

from django import forms
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from samhandling.organisations.roles import secretariat_object_or_404

from .admin_views import _require
from .exports import (
    COLUMNS,
    DEFAULT_COLUMNS,
    export_rows,
    name_badges_pdf,
    registrations_csv,
    registrations_xlsx,
)
from .models import EventPage


class ExportForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label=_("Columns"),
        choices=[(key, label) for key, (label, _getter) in COLUMNS.items()],
        initial=DEFAULT_COLUMNS,
        widget=forms.CheckboxSelectMultiple,
    )
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV with semicolons"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )
    include_inactive = forms.BooleanField(
        label=_("Include cancelled and rejected sign-ups"), required=False
    )


def event_export(request, pk: int):
    _require(request)
    event = secretariat_object_or_404(EventPage.objects.all(), user=request.user, page="", pk=pk)
    # Bound once the form was sent (file_format is always sent); a first visit shows defaults.
    form = ExportForm(request.GET if "file_format" in request.GET else None)
    if form.is_bound and form.is_valid():
        header, rows = export_rows(
            event=event,
            columns=form.cleaned_data["columns"],
            include_inactive=form.cleaned_data["include_inactive"],
        )
        if form.cleaned_data["file_format"] == "csv":
            body, content_type, ending = (
                registrations_csv(header=header, rows=rows),
                "text/csv; charset=utf-8",
                "csv",
            )
        else:
            body = registrations_xlsx(header=header, rows=rows, title=event.title)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ending = "xlsx"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.{ending}"'
        return response
    return TemplateResponse(
        request,
        "events/admin/export.html",
        {
            "event": event,
            "form": form,
            "title": _("Export participants: %(event)s") % {"event": event.title},
        },
    )


def event_badges(request, pk: int):
    _require(request)
    event = secretariat_object_or_404(EventPage.objects.all(), user=request.user, page="", pk=pk)
    response = HttpResponse(name_badges_pdf(event=event), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-navnelappar.pdf"'
    return response
