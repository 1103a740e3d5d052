from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samhandling.api import address_not_found, api
from samhandling.core import views as core_views
from samhandling.core.language import set_language
from samhandling.core.security_headers import csp_report

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sok/", core_views.search, name="search"),
    # The language switch saves nothing but a cookie: a GET, rate-limited, no bot checks.
    path("sprak/", set_language, name="set_language"),
    path("api/", api.urls),
    path("csp-report/", csp_report, name="csp_report"),
    re_path(r"^api/", address_not_found),
    path("", include("samhandling.events.urls")),
    path("", include("samhandling.privacy.urls")),
    path("", include("samhandling.hearings.urls")),
    path("", include("samhandling.inputs.urls")),
    path("", include("samhandling.newsletters.urls")),
    path("", include("samhandling.proposals.urls")),
    path("", include("samhandling.contacts.myorg_urls")),
    path("innlogging/", include("samhandling.accounts.oidc_urls")),
    path("", include("samhandling.organisations.urls")),
    path("kontaktperson/", include("samhandling.contacts.urls")),
]


def media_urlpatterns():
    """Uploads served by the app itself (dev and demo only), but never documents/: those go
    through /dokument/ and its checks (papers of unpublished meetings answer 404); nor hearings/:
    response attachments go through /hoyring/vedlegg/ and its publication checks."""
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.strip("/")
    return [
        re_path(
            rf"^{media_prefix}/(?!documents/|hearings/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]


if getattr(settings, "SAMHANDLING_SERVE_MEDIA", False):
    urlpatterns += media_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "samhandling.core.views.page_not_found"
handler500 = "samhandling.core.views.server_error"
