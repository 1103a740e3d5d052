"""The lists of the agreement and action plan pages made in Python (`agreement_tags`) give the
markup the template loops they replace gave, character for character, in each language, for
every branch (kept here as the loops were)."""

# ruff: noqa: E501 - the template loops as they were, one line each as in the page templates

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from samhandling.agreements.choices import MeasureStatus, VersionStatus
from samhandling.agreements.models import (
    ActionPlanPage,
    AgreementPage,
    AgreementVersion,
    Measure,
    Milestone,
)
from samhandling.agreements.reads import VersionRow, choice_label, status_label
from samhandling.agreements.selectors import (
    MeasureRow,
    TimelineEntry,
    action_plan_progress,
    agreement_overview,
)
from samhandling.committees.models import AgendaItemNumber

pytestmark = pytest.mark.django_db

LOADS = "{% load i18n wagtailcore_tags samhandling_tags organisation_tags agreement_tags %}"
LOOPS = {
    "adopted": """<ul>
      {% for adoption in adopted %}
      <li>{% organisation_link adoption.organisation %} <span class="adoption-list__meta">{% if adoption.body %}{{ adoption.body }}, {% endif %}<time datetime="{{ adoption.adopted_on|iso }}">{{ adoption.adopted_on|long_date }}</time></span></li>
      {% endfor %}
    </ul>""",
    "missing": """{% for organisation in missing %}<li>{% organisation_link organisation %}</li>{% endfor %}""",
    "sub": """<ul>
      {% for child, version in sub_agreements %}
      <li class="sub-agreements__item"><a class="ds-link" href="{% pageurl child %}"{{ child|lang_attr }}>{{ child.title }}</a>{% if version %} <span class="sub-agreements__meta">{{ version.label }} · {{ version.get_status_display }}</span>{% endif %}</li>
      {% endfor %}
    </ul>""",
    "timeline": """<ol>
      {% for entry in timeline %}
      <li class="timeline__item timeline__item--{{ entry.state }}">
        <p class="ds-paragraph timeline__state"><span class="ds-tag" data-color="{% if entry.state == 'done' %}success{% elif entry.state == 'late' %}danger{% else %}neutral{% endif %}">{{ entry.state_label }}</span></p>
        <h3 class="ds-heading timeline__title" data-size="xs"{{ page_lang }}>{{ entry.milestone.title }}</h3>
        <p class="ds-paragraph timeline__dates" data-size="sm">{% blocktranslate with due=entry.milestone.due|long_date %}Due {{ due }}{% endblocktranslate %}{% if entry.milestone.done_on %} · {% blocktranslate with done=entry.milestone.done_on|long_date %}done {{ done }}{% endblocktranslate %}{% endif %}</p>
        {% if entry.milestone.description %}<p class="ds-paragraph"{{ page_lang }}>{{ entry.milestone.description }}</p>{% endif %}
      </li>
      {% endfor %}
    </ol>""",
    "versions": """<tbody>
      {% for version in versions %}
        <tr><th scope="row">{% if version.document %}<a class="ds-link" href="{{ version.document.url }}">{{ version.label }}</a>{% else %}{{ version.label }}{% endif %}</th><td data-label="{% translate 'Status' %}">{{ version.get_status_display }}</td><td data-label="{% translate 'Version date' %}">{{ version.dated|long_date }}</td><td data-label="{% translate 'In force from' %}">{% if version.in_force_from %}{{ version.in_force_from|long_date }}{% endif %}</td></tr>
      {% endfor %}
      </tbody>""",
    "measures": """<ul class="measures">
      {% for row in rows %}
      <li class="measure{% if row.overdue %} measure--overdue{% endif %}">
        <h3 class="ds-heading measure__title" data-size="xs"{{ page_lang }}>{{ row.measure.title }}</h3>
        <p class="ds-paragraph measure__status"><span class="ds-tag" data-color="{% if row.measure.status == 'done' %}success{% elif row.measure.status == 'cancelled' %}neutral{% else %}info{% endif %}">{{ row.measure.get_status_display }}</span>{% if row.overdue %} <strong class="measure__overdue">{% translate "Overdue" %}</strong>{% endif %}</p>
        {% if row.measure.description %}<p class="ds-paragraph"{{ page_lang }}>{{ row.measure.description }}</p>{% endif %}
        <dl class="measure__facts">
          {% if row.measure.owner %}<dt>{% translate "Responsible" %}</dt><dd>{% if row.measure.owner_committee %}<a class="ds-link" href="{% pageurl row.measure.owner_committee %}"{{ row.measure.owner_committee|lang_attr }}>{{ row.measure.owner_committee.title }}</a>{% else %}{{ row.measure.owner_organisation.display_name }}{% endif %}</dd>{% endif %}
          {% if row.measure.deadline %}<dt>{% translate "Deadline" %}</dt><dd><time datetime="{{ row.measure.deadline|iso }}">{{ row.measure.deadline|long_date }}</time></dd>{% endif %}
          {% with case=row.measure.decision_case %}{% if case and case.meeting.live %}<dt>{% translate "Decided in" %}</dt><dd><a class="ds-link" href="{% pageurl case.meeting %}#sak-{{ case.number }}-{{ case.year }}">{{ case }}</a> ({{ case.meeting.title }})</dd>{% elif row.measure.decision and row.measure.decision.live %}<dt>{% translate "Decided in" %}</dt><dd><a class="ds-link" href="{% pageurl row.measure.decision %}">{{ row.measure.decision.title }}</a></dd>{% endif %}{% endwith %}
        </dl>
      </li>
      {% endfor %}
    </ul>""",
    # agreements/includes/version.html, included with version= (its first line a {% load %}).
    "version": """
<dl class="agreement-facts">
  <dt>{% translate "Version" %}</dt><dd>{{ version.label }}</dd>
  <dt>{% translate "Status" %}</dt><dd><span class="ds-tag version-status version-status--{{ version.status }}" data-color="{% if version.status == 'in_force' or version.status == 'adopted' %}success{% elif version.status == 'terminated' %}danger{% else %}info{% endif %}">{{ version.get_status_display }}</span></dd>
  <dt>{% translate "Version date" %}</dt><dd><time datetime="{{ version.dated|iso }}">{{ version.dated|long_date }}</time></dd>
  {% if version.in_force_from %}<dt>{% translate "In force from" %}</dt><dd><time datetime="{{ version.in_force_from|iso }}">{{ version.in_force_from|long_date }}</time></dd>{% endif %}
  {% if version.document %}<dt>{% translate "Document" %}</dt><dd><a class="ds-link" href="{{ version.document.url }}">{{ version.document.title }} ({{ version.document.file_extension|upper }})</a></dd>{% endif %}
</dl>
{% if version.text %}<div class="rich-text version-text"{{ page|lang_attr }}>{{ version.text|richtext }}</div>{% endif %}
""",
}
TAGS = {
    "adopted": """<ul>
      {% adopted_items adopted %}
    </ul>""",
    "missing": "{% missing_items missing %}",
    "sub": """<ul>
      {% sub_agreement_items sub_agreements %}
    </ul>""",
    "timeline": """<ol>
      {% timeline_items timeline page_lang %}
    </ol>""",
    "versions": """<tbody>
      {% version_rows versions %}
      </tbody>""",
    "measures": """<ul class="measures">
      {% measure_items rows page_lang %}
    </ul>""",
    "version": "{% version_facts version page %}",
}


def both(name: str, values: dict) -> tuple[str, str]:
    return tuple(
        Template(LOADS + source[name]).render(Context(dict(values))) for source in (LOOPS, TAGS)
    )


def agreement_values(agreement) -> dict:
    overview = agreement_overview(agreement=agreement, today=datetime.date(2024, 1, 10))
    adoptions = overview["in_force_adoptions"] or overview["latest_adoptions"]
    adopted = list(adoptions.adopted)
    if adopted:  # a body with markup to escape, and none
        adopted[0].body = "Styret <b>&</b>"
        adopted[-1].body = ""
    timeline = list(overview["timeline"])
    timeline.append(
        TimelineEntry(
            milestone=Milestone(
                title="Late <i>one</i>", due=datetime.date(2023, 1, 1), description="A & B"
            ),
            state="late",
        )
    )
    return {
        "adopted": adopted,
        "missing": adoptions.not_adopted,
        "sub_agreements": overview["sub_agreements"],
        "timeline": timeline,
        "versions": overview["versions"],
        "page_lang": ' lang="nn"',
    }


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_agreement_lists_are_what_the_loops_made(demo, language):
    with translation.override(language):
        for slug in ("samarbeidsavtalen", "delavtale-2"):
            values = agreement_values(AgreementPage.objects.get(slug=slug))
            for name in ("adopted", "missing", "sub", "timeline", "versions"):
                loop, tag = both(name, values)
                assert tag == loop, (slug, name)


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_measures_are_what_the_loop_made(demo, language):
    plan = ActionPlanPage.objects.first()
    rows = [row for group in action_plan_progress(plan=plan).groups for row in group.measures]
    decided = next(row.measure for row in rows if row.measure.decision_case_id)
    committee = next(row.measure.owner_committee for row in rows if row.measure.owner_committee)
    meeting = decided.decision_case.meeting
    # Every branch: decided by a page (live or not), a case whose meeting is not live, no
    # owner, no deadline, no description, overdue, and texts with markup.
    extra = [
        Measure(title="By a page <b>", status="done", decision=meeting, description="x < y"),
        Measure(title="Page not live", status="cancelled", decision=committee),
        Measure(
            title="Case of a hidden meeting",
            status="in_progress",
            decision_case=AgendaItemNumber(number=None, year=2024, meeting=meeting),
            deadline=datetime.date(2020, 1, 1),
        ),
    ]
    committee_not_live = type(committee)(title="Gone", live=False, path=committee.path)
    extra[1].decision = committee_not_live
    extra[2].decision_case.meeting = type(meeting)(title="Hidden", live=False, path=meeting.path)
    rows += [MeasureRow(measure=measure, overdue=i == 2) for i, measure in enumerate(extra)]
    with translation.override(language):
        loop, tag = both("measures", {"rows": rows, "page_lang": ""})
    assert tag == loop
    assert "By a page &lt;b&gt;" in tag and "x &lt; y" in tag


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_version_facts_are_what_the_include_made(demo, language):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    versions = agreement_overview(agreement=agreement)["versions"]
    assert any(v.document for v in versions) and any(v.in_force_from for v in versions)
    bare = AgreementVersion(
        agreement=agreement, label="A <b>", dated=datetime.date(2024, 1, 1), status="terminated"
    )
    adopted = AgreementVersion(
        agreement=agreement, label="B", dated=datetime.date(2024, 1, 2), status="adopted"
    )
    adopted.text = '<p>Text &amp; <a href="https://example.org">link</a></p>'
    with translation.override(language):
        for version in [*versions, bare, adopted]:
            loop, tag = both("version", {"version": version, "page": agreement})
            assert tag == loop, version.label


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_status_labels_are_what_django_gives(language):
    """`choice_label` (and a `VersionRow`'s `get_status_display`) is the model's
    `get_status_display()`, also for a value that is none of the choices."""
    with translation.override(language):
        for status in [*VersionStatus.values, "unknown"]:
            expected = AgreementVersion(status=status).get_status_display()
            assert status_label(status) == expected
            row = VersionRow(1, 1, "Label", status, datetime.date(2024, 1, 1))
            assert row.get_status_display() == expected
        for status in [*MeasureStatus.values, "unknown"]:
            expected = Measure(status=status).get_status_display()
            assert choice_label(Measure, "status", status) == expected
