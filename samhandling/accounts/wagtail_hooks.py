from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def staff_login_urls():
    return [
        path("second-factor/", views.verify, name="staff_login_verify"),
        path("second-factor/enrol/", views.enrol, name="staff_login_enrol"),
    ]
