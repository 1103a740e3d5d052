"""The public addresses of the organisations of a site's health community."""

from django.urls import path

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import public_views

app_name = "organisations"

urlpatterns = [
    path("organisasjonar/", public_views.organisation_index, name="index"),
    path(
        "organisasjonar/<id:organisation_id>-<slug:slug>/",
        public_views.organisation_page,
        name="page",
    ),
    path(
        "organisasjonar/<id:organisation_id>/",
        public_views.organisation_page,
        name="page_without_slug",
    ),
]
