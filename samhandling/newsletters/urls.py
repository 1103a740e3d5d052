"""The public addresses of the newsletters; the sending side links to them by name."""

from django.urls import path

from . import views

app_name = "newsletters"

urlpatterns = [
    path("nyhendebrev/", views.subscribe, name="subscribe"),
    path("nyhendebrev/stadfest/<str:token>/", views.confirm, name="confirm"),
    path("nyhendebrev/innstillingar/<str:token>/", views.preferences, name="preferences"),
    path("nyhendebrev/avmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
