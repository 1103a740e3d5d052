from django.urls import path

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>

from . import views

app_name = "events"

urlpatterns = [
    path("arrangement/kalender.ics", views.site_ics, name="site_ics"),
    path("arrangement/<id:page_id>.ics", views.event_ics, name="event_ics"),
    path("arrangement/<id:page_id>/pamelding/", views.signup, name="signup"),
    path("arrangement/kvittering/", views.receipt, name="receipt"),
    path("p/<str:token>/", views.manage, name="manage"),
]
