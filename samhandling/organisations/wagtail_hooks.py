from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import HealthCommunity, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "municipality_number", "county", "written_standard"]
    list_filter = ["kind", "county", "written_standard"]
    search_fields = ["name", "sami_name", "municipality_number"]
    ordering = ["name"]


class HealthCommunityViewSet(SnippetViewSet):
    model = HealthCommunity
    icon = "site"
    menu_label = _("Health communities")
    list_display = ["name", "site", "default_language", "contact_email"]


class OrganisationsGroup(SnippetViewSetGroup):
    items = (HealthCommunityViewSet, OrganisationViewSet)
    menu_icon = "group"
    menu_label = _("Organisations")
    menu_name = "organisations"


register_snippet(OrganisationsGroup)
