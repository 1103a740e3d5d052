""" "Min organisasjon": the pages of an organisation's contacts (included once in the project's
urls.py)."""

from django.urls import path

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import myorg_views as views

app_name = "myorg"

urlpatterns = [
    path("min-organisasjon/", views.my_organisations, name="index"),
    path("min-organisasjon/<id:organisation_id>/", views.organisation_page, name="organisation"),
    path(
        "min-organisasjon/<id:organisation_id>/pamelding/",
        views.signup_colleague,
        name="signup",
    ),
    path(
        "min-organisasjon/<id:organisation_id>/pamelding/<id:registration_id>/byt/",
        views.replace,
        name="replace",
    ),
    path(
        "min-organisasjon/<id:organisation_id>/pamelding/<id:registration_id>/avmeld/",
        views.cancel,
        name="cancel",
    ),
    path(
        "min-organisasjon/<id:organisation_id>/hoyring/<id:hearing_id>/",
        views.answer_hearing,
        name="hearing",
    ),
]
