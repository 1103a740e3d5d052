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
    # The admin search uses the model's own index fields (name, Sámi name, kommunenummer): naming
    # them here makes modelsearch's SQLite backend send an FTS5 column filter of model field names,
    # which the index table does not have ("no such column: name").
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
