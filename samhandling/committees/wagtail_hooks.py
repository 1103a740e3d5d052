"""Admin: people (with their memberships inline) and memberships as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .people import Membership, Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "title", "email"]
    ordering = ["name"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    list_display = ["person", "committee", "role", "represents", "term_start", "term_end"]
    list_filter = ["role", "represents"]
    ordering = ["committee__title", "person__name"]
    panels = [
        FieldPanel("person"),
        FieldPanel("committee"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("represents")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
    ]


class CommitteesGroup(SnippetViewSetGroup):
    items = (PersonViewSet, MembershipViewSet)
    menu_icon = "group"
    menu_label = _("Committees")
    menu_name = "committees"


register_snippet(CommitteesGroup)


@hooks.register("before_serve_document")
def hide_papers_of_unpublished_meetings(document, request):
    """Case papers of a draft or private meeting, or of a committee whose papers are not public,
    answer 404 to the public (not 403: that would confirm they exist). Editors still get them."""
    from django.http import Http404

    from .selectors import case_paper_is_public

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.has_perm("wagtaildocs.change_document"):
        return None
    if not case_paper_is_public(document=document):
        raise Http404
    return None
