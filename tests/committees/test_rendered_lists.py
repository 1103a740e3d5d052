"""The committee pages' long lists are rendered in Python ({% committee_tree %},
{% member_items %}, {% meeting_list %}); each gives byte for byte what the include template it
replaces (kept as the reference for the markup) renders, in every language, with markup in the
editors' text escaped as the template escaped it."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from samhandling.committees import selectors
from samhandling.committees.pages import CommitteeIndexPage, CommitteePage
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db

LANGUAGES = ("nn", "nb", "en")


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/", HTTP_HOST=MR_HOST)
    return engines["django"].from_string(source).render(context, request)


def _both(tag: str, include: str, **context) -> tuple[str, str]:
    return (
        _render("{% load committee_tags %}" + tag, **context),
        _render(include, **context),
    )


def _with_markup_in_the_text(committee):
    """Titles, names and places with characters that must be escaped."""
    groups, _former = selectors.members_current_and_former(committee=committee)
    memberships = [m for _label, members in groups for m in members]
    person = memberships[0].person
    person.title = 'Leiar <b>"&"</b>'
    person.email = "a&b@example.org"
    person.show_email = True
    person.save()
    memberships[-1].represents = "other"
    memberships[-1].organisation = None
    memberships[-1].save()
    for meeting in selectors.meetings_all(committee=committee)[:2]:
        meeting.theme = "Tema <i>&</i>"
        meeting.place = "Rom 'A' & <B>"
        meeting.save_revision().publish()


def test_the_tree_is_what_tree_html_renders(demo):
    structure = CommitteeIndexPage.objects.live().first()
    tree = selectors.committee_tree(root=structure)
    for language in LANGUAGES:
        with translation.override(language):
            ours, theirs = _both(
                "{% committee_tree nodes %}",
                '{% include "committees/includes/tree.html" %}',
                nodes=tree,
            )
        assert ours == theirs
    assert "committee-tree--nested" in ours


def test_member_groups_and_meeting_lists_are_what_their_templates_render(demo):
    committees = CommitteePage.objects.live().order_by("path")
    _with_markup_in_the_text(committees[1])
    compared, rendered = 0, []
    for committee in committees:
        structure = selectors.committee_structure_page(committee=committee)
        groups, _former = selectors.members_current_and_former(committee=committee)
        upcoming, past = selectors.meetings_upcoming_and_past(committee=committee)
        for language in LANGUAGES:
            with translation.override(language):
                for _label, memberships in groups:
                    ours, theirs = _both(
                        "{% member_items memberships structure %}",
                        '{% include "committees/includes/member.html" %}',
                        memberships=memberships,
                        structure=structure,
                    )
                    assert ours == theirs
                    compared += 1
                    rendered.append(ours)
                for meetings in (upcoming, past):
                    ours, theirs = _both(
                        "{% meeting_list meetings %}",
                        '{% include "committees/includes/meeting_list.html" %}',
                        meetings=meetings,
                    )
                    assert ours == theirs
                    rendered.append(ours)
    assert compared > 10
    assert any("Leiar &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in html for html in rendered)
    assert any("mailto:a&amp;b@example.org" in html for html in rendered)
    assert any("Tema &lt;i&gt;&amp;&lt;/i&gt;" in html for html in rendered)
    assert any("Rom &#x27;A&#x27; &amp; &lt;B&gt;" in html for html in rendered)
