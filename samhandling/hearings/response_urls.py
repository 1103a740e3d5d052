"""Public addresses for hearing responses: the form, the page after sending, the private link
(confirm, see, change, withdraw) and the receipt."""

from django.urls import path

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import views

urlpatterns = [
    path("hoyring/<id:page_id>/svar/", views.respond, name="respond"),
    path("hoyring/svar/sendt/", views.response_sent, name="response_sent"),
    path("hoyring/svar/<str:token>/", views.response_link, name="response"),
    path("hoyring/svar/<str:token>/endre/", views.response_change, name="response_change"),
    path("hoyring/svar/<str:token>/kvittering/", views.receipt, name="receipt"),
]
