"""Public addresses for comments on sections of a draft."""

from django.urls import path

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import comment_views

urlpatterns: list = [
    path(
        "hoyring/<id:page_id>/kommentar/<str:section_key>/",
        comment_views.comment,
        name="comment",
    ),
    path(
        "hoyring/<id:page_id>/kommentar/<str:section_key>/sendt/",
        comment_views.comment_sent,
        name="comment_sent",
    ),
    path("hoyring/kommentar/<str:token>/", comment_views.comment_link, name="comment_link"),
]
