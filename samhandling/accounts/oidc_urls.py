"""/innlogging/: the public login (README "Public login")."""

from django.urls import path

from . import demo_login, oidc_views

app_name = "login"

urlpatterns = [
    path("", oidc_views.chooser, name="chooser"),
    path("start/<slug:provider>/", oidc_views.start, name="start"),
    path("tilbake/", oidc_views.callback, name="callback"),
    path("logg-ut/", oidc_views.logout_view, name="logout"),
    path("utlogga/", oidc_views.logged_out, name="logged_out"),
    path("utlogging/frontkanal/", oidc_views.frontchannel_logout, name="frontchannel_logout"),
    path("utlogging/bakkanal/", oidc_views.backchannel_logout, name="backchannel_logout"),
    path("demo/", demo_login.demo_login, name="demo"),
]
