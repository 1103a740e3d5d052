from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("personvern/", views.privacy_page, name="policy"),
    path("personvern/innsyn/", views.request_form, name="request"),
    path("personvern/innsyn/sendt/", views.request_sent, name="request_sent"),
    path("personvern/innsyn/sletta/", views.erased, name="erased"),
    path("personvern/innsyn/<str:token>/", views.data_page, name="data"),
    path("personvern/innsyn/<str:token>/data.json", views.data_json, name="data_json"),
    path("personvern/innsyn/<str:token>/slett/", views.erase, name="erase"),
]
