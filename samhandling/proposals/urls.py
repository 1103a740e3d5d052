"""The public addresses of proposals from participants."""

from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("send-inn/", views.propose, name="propose"),
    path("send-inn/sendt/", views.sent, name="sent"),
    path("send-inn/stadfest/<str:token>/", views.link, name="link"),
]
