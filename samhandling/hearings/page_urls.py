"""Public addresses beside the hearing pages: published attachments and calendar files."""

from django.urls import path

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import page_views

urlpatterns = [
    path("hoyring/vedlegg/<id:attachment_id>/", page_views.attachment, name="attachment"),
    path("hoyring/<id:page_id>.ics", page_views.hearing_ics, name="hearing_ics"),
]
