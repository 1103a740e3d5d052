"""The interactive documentation at /api/docs: Swagger UI served from our own static files
(samhandling/static/vendor/swagger-ui, refreshed by `make assets`), never from a CDN.

django-ninja's own Swagger class loads Swagger UI from a CDN unless "ninja" is an installed app;
this one renders our template instead. The page has no inline script: the settings travel as a
JSON data block that static/api/swagger-init.js reads."""

import json
from pathlib import Path

from django.http import HttpResponse
from django.template import engines
from ninja.openapi.docs import DocsBase

TEMPLATE = Path(__file__).with_name("docs.html")


class LocalSwagger(DocsBase):
    settings = {
        "layout": "BaseLayout",
        # Deep links put a link inside each operation's toggle button (nested-interactive).
        "deepLinking": False,
        "defaultModelsExpandDepth": 0,
        "supportedSubmitMethods": ["get", "head"],
        # The highlighting theme's colours are too faint on its dark background (WCAG 1.4.3).
        "syntaxHighlight": {"activated": False},
    }

    def render_page(self, request, api, **kwargs) -> HttpResponse:
        openapi_url = self.get_openapi_url(api, kwargs)
        template = engines["django"].from_string(TEMPLATE.read_text(encoding="utf-8"))
        context = {
            "api": api,
            "openapi_url": openapi_url,
            "swagger_settings": json.dumps({**self.settings, "url": openapi_url}),
        }
        return HttpResponse(template.render(context, request))
