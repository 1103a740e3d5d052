"""The application's addresses, and a bare Django view that answers a page of a given size
without a query or a template: the reference the page profile compares each page type with."""

from django.http import HttpResponse
from django.urls import path

from samhandling.urls import handler404, handler500, urlpatterns  # noqa: F401

BARE_PATH = "/__bare__/"


def bare(request):
    size = min(int(request.GET.get("size", "20000") or 0), 1_000_000)
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare), *urlpatterns]
