from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samhandling.api import address_not_found, api
from samhandling.core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sok/", core_views.search, name="search"),
    path("sprak/", set_language, name="set_language"),
    path("api/", api.urls),
    re_path(r"^api/", address_not_found),
    path("", include("samhandling.events.urls")),
]

if getattr(settings, "SAMHANDLING_SERVE_MEDIA", False):
    # dev and demo only: uploads served by the app itself, with debug on or off.
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "samhandling.core.views.page_not_found"
handler500 = "samhandling.core.views.server_error"
