import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .page_cache_middleware import cacheable_view
from .search import site_search
from .sites import site_for_request

logger = logging.getLogger(__name__)


@cacheable_view("search:{site}")
def search(request):
    outcome = site_search(
        raw_query=request.GET.get("q", ""),
        site=site_for_request(request),
        page_number=request.GET.get("side"),
        filters={key: request.GET[key] for key in ("type", "aar") if key in request.GET},
    )
    context = {
        "search": outcome,
        "search_query": outcome.query,
        "search_querystring": outcome.querystring(),
    }
    return render(request, "core/search.html", context)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    """A styled 500 page that needs neither the database nor the request's context."""
    try:
        html = loader.get_template("500.html").render({"request": None})
    except Exception:  # noqa: BLE001 - the error page must render whatever broke
        logger.exception("The 500 template could not be rendered")
        html = "<!doctype html><title>Feil</title><h1>Noko gjekk gale / Noe gikk galt</h1>"
    return HttpResponseServerError(html)
