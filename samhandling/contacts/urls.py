from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("invitasjon/<str:token>/", views.invitation, name="invitation"),
]
