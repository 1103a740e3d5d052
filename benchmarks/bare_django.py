"""The page benchmark's reference: the least a Django view can do, one view answering every
address with a fixed body of BARE_BODY_BYTES bytes, no middleware, no database. Served by gunicorn
as the app is (`gunicorn benchmarks.bare_django:application`); used only by benchmarks/pages.py."""

import os

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        SECRET_KEY="bare-django-benchmark-reference",  # noqa: S106 - serves no secrets
        USE_I18N=False,
    )

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402

BODY = b"<!doctype html>" + b"x" * max(0, int(os.environ.get("BARE_BODY_BYTES", "20000")) - 15)


def page(request, rest=""):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"^(?P<rest>.*)$", page)]
application = get_wsgi_application()
