from django.urls import path

from . import views

app_name = "inputs"

urlpatterns = [
    path("p/<str:token>/innspel/", views.send, name="send"),
]
