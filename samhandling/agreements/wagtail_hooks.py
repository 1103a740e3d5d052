"""Admin: versions of agreements, with each party's adoption inline, as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .versions import AgreementVersion


class AgreementVersionViewSet(SnippetViewSet):
    model = AgreementVersion
    icon = "doc-full-inverse"
    menu_label = _("Agreement versions")
    menu_name = "agreement_versions"
    add_to_admin_menu = True
    list_display = ["agreement", "label", "status", "dated", "in_force_from"]
    list_filter = ["status"]
    ordering = ["agreement__path", "-dated"]


register_snippet(AgreementVersionViewSet)
