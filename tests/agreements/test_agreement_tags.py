"""The lists of the agreement and action plan pages made in Python (`agreement_tags`) give the
markup the template loops they replace gave, character for character, in each language, for
every branch (kept here as the loops were)."""

# ruff: noqa: E501 - the template loops as they were, one line each as in the page templates

import datetime
from itertools import product

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

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
    AdoptionOverview,
    MeasureRow,
    Progress,
    ThemeGroup,
    TimelineEntry,
    VersionShare,
    action_plan_progress,
    agreement_overview,
)
from samhandling.committees.models import AgendaItemNumber
from samhandling.hearings.choices import HearingState
from samhandling.hearings.selectors import ListedHearing

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
    # agreements/includes/adoptions.html, included with overview= and heading_id= (its first
    # line a {% load %}).
    "adoptions": """
{# overview: an AdoptionOverview; heading_id: a unique id prefix #}
{% if not hide_count %}<div class="adoption-count" id="{{ heading_id }}-count">{% blocktranslate asvar sentence with adopted=overview.adopted_count total=overview.party_count %}Adopted by {{ adopted }} of {{ total }} parties{% endblocktranslate %}{% include "core/includes/share_bar.html" with value=overview.adopted_count total=overview.party_count label=sentence color="success" %}</div>{% endif %}
<div class="adoption-lists">
  <section aria-labelledby="{{ heading_id }}-adopted">
    <h4 id="{{ heading_id }}-adopted" class="ds-heading" data-size="2xs">{% translate "Have adopted" %} ({{ overview.adopted|length }})</h4>
    {% if overview.adopted %}
    {% if overview.adopted|length > 6 %}<details class="ds-details collapsed-list"><summary>{% blocktranslate count counter=overview.adopted|length %}Show the {{ counter }} who has adopted{% plural %}Show the {{ counter }} who have adopted{% endblocktranslate %}</summary><div>{% endif %}
    <ul class="adoption-list adoption-list--adopted">
      {% adopted_items overview.adopted %}
    </ul>
    {% if overview.adopted|length > 6 %}</div></details>{% endif %}
    {% else %}
    <p class="ds-paragraph">{% translate "No party has adopted this version yet." %}</p>
    {% endif %}
  </section>
  <section aria-labelledby="{{ heading_id }}-missing">
    <h4 id="{{ heading_id }}-missing" class="ds-heading" data-size="2xs">{% translate "Have not adopted yet" %} ({{ overview.not_adopted|length }})</h4>
    {% if overview.not_adopted %}
    {% if overview.not_adopted|length > 6 %}<details class="ds-details collapsed-list"><summary>{% blocktranslate count counter=overview.not_adopted|length %}Show the {{ counter }} who has not adopted{% plural %}Show the {{ counter }} who have not adopted{% endblocktranslate %}</summary><div>{% endif %}
    <ul class="adoption-list adoption-list--missing">
      {% missing_items overview.not_adopted %}
    </ul>
    {% if overview.not_adopted|length > 6 %}</div></details>{% endif %}
    {% else %}
    <p class="ds-paragraph">{% translate "Every party has adopted this version." %}</p>
    {% endif %}
  </section>
</div>
""",
    "adoptions_hidden_count": """{% with hide_count=True %}
{# overview: an AdoptionOverview; heading_id: a unique id prefix #}
{% if not hide_count %}<div class="adoption-count" id="{{ heading_id }}-count">{% blocktranslate asvar sentence with adopted=overview.adopted_count total=overview.party_count %}Adopted by {{ adopted }} of {{ total }} parties{% endblocktranslate %}{% include "core/includes/share_bar.html" with value=overview.adopted_count total=overview.party_count label=sentence color="success" %}</div>{% endif %}
<div class="adoption-lists">
  <section aria-labelledby="{{ heading_id }}-adopted">
    <h4 id="{{ heading_id }}-adopted" class="ds-heading" data-size="2xs">{% translate "Have adopted" %} ({{ overview.adopted|length }})</h4>
    {% if overview.adopted %}
    {% if overview.adopted|length > 6 %}<details class="ds-details collapsed-list"><summary>{% blocktranslate count counter=overview.adopted|length %}Show the {{ counter }} who has adopted{% plural %}Show the {{ counter }} who have adopted{% endblocktranslate %}</summary><div>{% endif %}
    <ul class="adoption-list adoption-list--adopted">
      {% adopted_items overview.adopted %}
    </ul>
    {% if overview.adopted|length > 6 %}</div></details>{% endif %}
    {% else %}
    <p class="ds-paragraph">{% translate "No party has adopted this version yet." %}</p>
    {% endif %}
  </section>
  <section aria-labelledby="{{ heading_id }}-missing">
    <h4 id="{{ heading_id }}-missing" class="ds-heading" data-size="2xs">{% translate "Have not adopted yet" %} ({{ overview.not_adopted|length }})</h4>
    {% if overview.not_adopted %}
    {% if overview.not_adopted|length > 6 %}<details class="ds-details collapsed-list"><summary>{% blocktranslate count counter=overview.not_adopted|length %}Show the {{ counter }} who has not adopted{% plural %}Show the {{ counter }} who have not adopted{% endblocktranslate %}</summary><div>{% endif %}
    <ul class="adoption-list adoption-list--missing">
      {% missing_items overview.not_adopted %}
    </ul>
    {% if overview.not_adopted|length > 6 %}</div></details>{% endif %}
    {% else %}
    <p class="ds-paragraph">{% translate "Every party has adopted this version." %}</p>
    {% endif %}
  </section>
</div>
{% endwith %}""",
    # hearings/includes/agreement_hearings.html, included (its first tag a {% load %}).
    "hearings": """{% for item in hearings %}{% with hearing=item.page %}
{% if item.state == "open" %}<div class="ds-alert hearing-agreement" data-color="info"><p class="ds-paragraph">{% blocktranslate with deadline=hearing.deadline|long_date version=hearing.agreement_version.label trimmed %}The version “{{ version }}” is on hearing until {{ deadline }}.{% endblocktranslate %} <a class="ds-link" href="{% pageurl hearing %}"{{ hearing|lang_attr }}>{{ hearing.title }}</a></p></div>
{% elif item.state == "upcoming" %}<div class="ds-alert hearing-agreement" data-color="info"><p class="ds-paragraph">{% blocktranslate with opens=hearing.opens_on|long_date deadline=hearing.deadline|long_date version=hearing.agreement_version.label trimmed %}The version “{{ version }}” goes on hearing from {{ opens }} until {{ deadline }}.{% endblocktranslate %} <a class="ds-link" href="{% pageurl hearing %}"{{ hearing|lang_attr }}>{{ hearing.title }}</a></p></div>
{% else %}<p class="ds-paragraph hearing-agreement">{% blocktranslate with deadline=hearing.deadline|long_date version=hearing.agreement_version.label trimmed %}The version “{{ version }}” was on hearing until {{ deadline }}.{% endblocktranslate %} <a class="ds-link" href="{% pageurl hearing %}"{{ hearing|lang_attr }}>{{ hearing.title }}</a></p>{% endif %}
{% endwith %}{% endfor %}
""",
    "in_force_bar": """{% blocktranslate asvar sentence with adopted=overview.adopted_count total=overview.party_count %}Adopted by {{ adopted }} of {{ total }} parties{% endblocktranslate %}<div class="adoption-count">{% include "core/includes/share_bar.html" with value=overview.adopted_count total=overview.party_count label=sentence color="success" %}</div>""",
    "version_shares": """{% for share in version_shares %}<li>{% blocktranslate asvar label context "version and its status" with version=share.version.label status=share.version.get_status_display %}{{ version }} ({{ status }}){% endblocktranslate %}{% include "core/includes/share_bar.html" with value=share.adopted total=share.total label=label color="success" %}</li>{% endfor %}""",
    "plans": """{% for plan in action_plans %}<li><a class="ds-link" href="{% pageurl plan %}"{{ plan|lang_attr }}>{{ plan.title }}</a></li>{% endfor %}""",
    "share_bar": """{% include "core/includes/share_bar.html" with value=value total=total label=label color=color %}""",
    # agreements/action_plan_page.html's bars per status, its count and its sections per theme.
    "progress": """<ul class="share-bars progress-shares">
      {% for value, label, count, color in progress.bars %}
      <li class="progress-shares__item progress-shares__item--{{ value }}" data-count="{{ count }}">{% include "core/includes/share_bar.html" with value=count total=progress.total label=label color=color %}</li>
      {% endfor %}
      <li class="progress-shares__item progress-shares__item--overdue" data-count="{{ progress.overdue }}">{% translate "Overdue" as overdue_label %}{% include "core/includes/share_bar.html" with value=progress.overdue total=progress.total label=overdue_label color="danger" %}</li>
    </ul>
    <p class="ds-paragraph" data-size="sm">{% blocktranslate count total=progress.total %}{{ total }} measure in all.{% plural %}{{ total }} measures in all.{% endblocktranslate %}</p>""",
    "themes": """<article>
  {% for group in progress.groups %}
  <section aria-labelledby="theme-{{ forloop.counter }}" class="agreement__section">
    <h2 id="theme-{{ forloop.counter }}" class="ds-heading" data-size="md">{% if group.theme %}<span{{ page_lang }}>{{ group.theme }}</span>{% else %}{% translate "Other measures" %}{% endif %}</h2>
    <ul class="measures">
      {% measure_items group.measures page_lang %}
    </ul>
  </section>
  {% empty %}
  <p class="ds-paragraph">{% translate "The plan has no measures yet." %}</p>
  {% endfor %}
</article>""",
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
    "adoptions": "{% adoption_lists overview heading_id %}",
    "adoptions_hidden_count": "{% adoption_lists overview heading_id hide_count=True %}",
    "hearings": "{% agreement_hearing_notices hearings %}",
    "in_force_bar": '<div class="adoption-count">{% adoption_share_bar overview %}</div>',
    "version_shares": "{% version_share_items version_shares %}",
    "plans": "{% page_link_items action_plans %}",
    "share_bar": "{% share_bar_of value total label color %}",
    "progress": """<ul class="share-bars progress-shares">
      {% progress_share_items progress %}
    </ul>
    <p class="ds-paragraph" data-size="sm">{% measures_in_all progress.total %}</p>""",
    "themes": """<article>
  {% theme_sections progress.groups page_lang %}
</article>""",
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


def overviews(agreement) -> list:
    """The agreement's overviews of who has adopted (none, a few and many of each), and some
    made of parts of them: every branch of the lists."""
    overview = agreement_overview(agreement=agreement)
    found = [o for o in (overview["latest_adoptions"], overview["in_force_adoptions"]) if o]
    many = max(found, key=lambda o: len(o.adopted) + len(o.not_adopted))
    everyone = [*many.adopted, *many.not_adopted]
    adopted = [a for o in found for a in o.adopted]
    parties = [a.organisation for a in adopted] or many.not_adopted
    found += [
        AdoptionOverview(version=None, adopted=adopted[:1], not_adopted=parties[:1]),
        AdoptionOverview(version=None, adopted=adopted[:6], not_adopted=parties[:7]),
        AdoptionOverview(version=None, adopted=adopted[:7], not_adopted=[]),
        AdoptionOverview(version=None, adopted=[], not_adopted=everyone[:0]),
    ]
    return found


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_adoption_lists_are_what_the_include_made(demo, language):
    with translation.override(language):
        for slug in ("samarbeidsavtalen", "delavtale-2"):
            for overview in overviews(AgreementPage.objects.get(slug=slug)):
                for heading_id in ("latest", "in-force", 'a"<b>'):
                    values = {"overview": overview, "heading_id": heading_id}
                    for name in ("adoptions", "adoptions_hidden_count", "in_force_bar"):
                        loop, tag = both(name, values)
                        assert tag == loop, (slug, name, heading_id)


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_share_bars_are_what_the_include_made(language):
    labels = ["", "Vedteke", "A <b>&</b>", mark_safe("<i>Safe</i>")]  # noqa: S308 - a test value  # nosec B308 B703
    figures = [(4, 28), (0, 0), (28, 28), (7, 3), (None, None), (1, 6), (0, 5)]
    with translation.override(language):
        for (value, total), label, color in product(figures, labels, ["", "danger", '"x']):
            values = {"value": value, "total": total, "label": label, "color": color}
            loop, tag = both("share_bar", values)
            assert tag == loop, values


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_bars_per_version_are_what_the_loop_made(demo, language):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    shares = list(agreement_overview(agreement=agreement)["version_shares"])
    assert len(shares) > 1
    odd = AgreementVersion(label="A <b>", status="unknown", dated=datetime.date(2024, 1, 1))
    shares.append(VersionShare(version=odd, adopted=3, total=0))
    with translation.override(language):
        loop, tag = both("version_shares", {"version_shares": shares})
    assert tag == loop


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_links_to_action_plans_are_what_the_loop_made(demo, language):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    plans = agreement_overview(agreement=agreement)["action_plans"]
    assert plans
    plans[0].title = "Plan <b> & more"
    with translation.override(language):
        loop, tag = both("plans", {"action_plans": plans})
    assert tag == loop
    assert "Plan &lt;b&gt; &amp; more" in tag


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_hearing_notices_are_what_the_include_made(demo, language):
    agreement = AgreementPage.objects.get(slug="samarbeidsavtalen")
    hearings = agreement_overview(agreement=agreement)["hearings"]
    assert hearings
    page = hearings[0].page
    page.agreement_version.label = "Utkast <b>"
    states = [ListedHearing(page=page, state=state) for state in HearingState.values]
    with translation.override(language):
        for listed in ([], hearings, states):
            loop, tag = both("hearings", {"hearings": listed})
            assert tag == loop, listed


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_progress_of_an_action_plan_is_what_the_template_made(demo, language):
    plan = ActionPlanPage.objects.first()
    progress = action_plan_progress(plan=plan)
    assert progress.total > 1 and progress.overdue and len(progress.groups) > 1
    rows = [row for group in progress.groups for row in group.measures]
    one = Progress(total=1, counts=progress.counts[:1], overdue=0, groups=[])
    untitled = Progress(
        total=len(rows),
        counts=[(value, f"<{label}>", n) for value, label, n in progress.counts],
        overdue=progress.overdue,
        groups=[ThemeGroup(theme="", measures=rows[:2]), ThemeGroup(theme="A <b>", measures=rows)],
    )
    with translation.override(language):
        for case in (progress, one, untitled):
            for page_lang in ("", ' lang="nn"'):
                values = {"progress": case, "page_lang": page_lang}
                for name in ("progress", "themes"):
                    loop, tag = both(name, values)
                    assert tag == loop, (name, case)
