"""The event pages' lists made in Python ({% event_list %}, {% event_program %}) give byte for
byte what the include templates they replace (kept as the reference for the markup) render, in
every language, with markup in the editors' text escaped as the templates escaped it; and the
lists read through `core.compiled_lists` are the rows the ORM's querysets give."""

import datetime

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from samhandling.core import compiled_lists
from samhandling.core.select_renderer import SELECTS_IN_PYTHON
from samhandling.core.visibility import public_live
from samhandling.events import selectors
from samhandling.events.models import EventPage, EventSeriesPage
from samhandling.events.selectors import EVENT_LISTED_FIELDS
from tests.conftest import HN_HOST

from .factories import event, events_index, series

pytestmark = pytest.mark.django_db

LANGUAGES = ("nn", "nb", "en")


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/", HTTP_HOST=HN_HOST)
    return engines["django"].from_string(source).render(context, request)


def _both(tag: str, include: str, **context) -> tuple[str, str]:
    return (
        _render("{% load events_tags %}" + tag, **context),
        _render(include, **context),
    )


def _events_with_every_state_and_markup():
    """Events in every state, with characters that must be escaped in their texts (each on a
    day of its own: events that start together are listed in the database's order)."""
    autumn = series(title="Haust <b>&</b>")
    event(
        autumn,
        days=31,
        title='Møte "A" & <B>',
        venue_name="Rom 'A' & <B>",
        venue_city="Tromsø",
        lead="Innleiing <i>&</i>",
    )
    event(days=32, title="Avlyst", cancelled=True, lead="")
    event(days=33, title="Fullt", capacity=0)
    event(days=34, title="Utan stad", venue_name="", venue_city="", end=None)
    event(days=35, title="Utan påmelding", registration_enabled=False)
    soon = timezone.now() + datetime.timedelta(days=3)
    event(days=36, title="Opnar seinare", signup_opens=soon)
    event(days=37, title="Frist ute", signup_deadline=timezone.now() - datetime.timedelta(hours=1))
    event(days=-10, title="Fortid")


def test_event_lists_are_what_event_list_html_renders(demo):
    _events_with_every_state_and_markup()
    index = events_index()
    listed = selectors.listed_events_below(root=index)
    upcoming, past = selectors.split_upcoming_and_past(listed)
    assert len(upcoming) > 5 and past
    rendered = []
    for language in LANGUAGES:
        with translation.override(language):
            for events in (upcoming, past):
                ours, theirs = _both(
                    "{% event_list events %}",
                    '{% include "events/includes/event_list.html" %}',
                    events=events,
                )
                assert ours == theirs
                rendered.append(ours)
    html = "".join(rendered)
    assert "Møte &quot;A&quot; &amp; &lt;B&gt;" in html
    assert "Rom &#x27;A&#x27; &amp; &lt;B&gt;" in html
    assert "Innleiing &lt;i&gt;&amp;&lt;/i&gt;" in html
    for state in ("open", "full", "cancelled", "past", "closed", "upcoming"):
        assert f"event-state--{state}" in html, state
    assert ' lang="nb"' in html  # the events' language is not the interface's in en and nn


PROGRAM = [
    {
        "type": "part",
        "value": {
            "heading": "Del 1 <b>&</b>",
            "items": [
                {"time": "09:05:00", "title": "Velkomen 'A'", "speaker": "Leiar & <i>co</i>"},
                {"time": None, "title": "Utan tid", "speaker": ""},
                {"time": "23:59:00", "title": "Sist", "speaker": None},
            ],
        },
    },
    {"type": "pause", "value": {"time": "11:30:00", "text": "Lunsj <&>"}},
    {"type": "pause", "value": {"time": None, "text": "Pause"}},
    {"type": "part", "value": {"heading": "Tom del", "items": []}},
]


@pytest.mark.parametrize(
    ("may_change", "note"),
    [(True, ""), (True, "Endringar <kan> & vil kome"), (False, "Ikkje vist"), (False, "")],
)
def test_the_program_is_what_program_html_renders(demo, may_change, note):
    page = event(program=PROGRAM, program_may_change=may_change, program_note=note)
    page = EventPage.objects.get(pk=page.pk)
    for language in LANGUAGES:
        with translation.override(language):
            ours, theirs = _both(
                "{% event_program page %}",
                '{% include "events/includes/program.html" %}',
                page=page,
            )
            assert ours == theirs
    assert "<time>09.05</time>" in ours and "<time>11.30</time> Lunsj &lt;&amp;&gt;" in ours
    assert "Leiar &amp; &lt;i&gt;co&lt;/i&gt;" in ours


def _rows(instances) -> list:
    """What an instance holds (its loaded fields and annotations)."""
    return [
        (type(instance), {k: v for k, v in vars(instance).items() if k != "_state"})
        for instance in instances
    ]


def _by_start(events) -> list:
    """The events by start, and by id where they start together (the factories make events
    that start in the same second, whose order is the database's in either query)."""
    return sorted(events, key=lambda e: (e.start, e.pk))


def test_the_compiled_lists_are_the_orms_rows(demo):
    _events_with_every_state_and_markup()
    index = events_index()
    compiled_lists._compiled.clear()
    for _ in range(2):  # compiled, then run compiled
        listed = selectors.listed_events_below(root=index)
        by_orm = list(
            selectors.events_below(root=index)
            .select_related(None)
            .only(*EVENT_LISTED_FIELDS)
            .annotate(listed_confirmed_count=selectors._confirmed_seats())
        )
        assert [e.start for e in listed] == [e.start for e in by_orm]
        assert _rows(_by_start(listed)) == _rows(_by_start(by_orm))
        series_pages = selectors.series_below(root=index)
        assert [page.pk for page in series_pages] == [
            page.pk for page in public_live(EventSeriesPage.objects.child_of(index))
        ]
        assert all(isinstance(page, EventSeriesPage) for page in series_pages)
    shapes = [
        compiled
        for shape, compiled in compiled_lists._compiled.items()
        if shape[0] in ("events.listed", "events.series")
    ]
    assert len(shapes) == 2 and compiled_lists._UNCOMPILABLE not in shapes
    with CaptureQueriesContext(connection) as queries:
        selectors.listed_events_below(root=index)
    assert sum('"events_eventpage"' in q["sql"] for q in queries) == 1  # its seats counted in it


def test_a_list_counts_only_the_seats_that_decide_a_state(demo):
    """The seats are counted for the events with a capacity and sign-up on this site that are
    not cancelled; `confirmed_count` gives the same number."""
    _events_with_every_state_and_markup()
    listed = selectors.listed_events_below(root=events_index())
    for listed_event in listed:
        counts = (
            listed_event.capacity is not None
            and listed_event.registration_enabled
            and not listed_event.cancelled
        )
        if counts:
            seats = listed_event.listed_confirmed_count
            del listed_event.listed_confirmed_count
            assert seats == selectors.confirmed_count(event=listed_event)
        else:
            assert listed_event.listed_confirmed_count is None


def _upcoming_by_orm(root, limit=5) -> list:
    """`upcoming_event_items` as it was made through the ORM."""
    events = selectors.events_below(root=root).filter(start__gte=timezone.now(), cancelled=False)
    return [
        (e.title, e.url, e.start, e.end, e.place) for e in events.only(*EVENT_LISTED_FIELDS)[:limit]
    ]


def test_the_home_pages_upcoming_events_are_the_orms(demo):
    _events_with_every_state_and_markup()
    root = events_index().get_parent()
    for limit in (5, 2):
        items = selectors.upcoming_event_items(root=root, limit=limit)
        assert [(i.title, i.url, i.start, i.end, i.place) for i in items] == _upcoming_by_orm(
            root, limit
        )
        assert len(items) == limit


def test_restricted_events_and_series_are_left_out(demo):
    _events_with_every_state_and_markup()
    index = events_index()
    hidden_series = EventSeriesPage.objects.get(title="Haust <b>&</b>")
    hidden_event = EventPage.objects.get(title="Utan stad")
    before = [e.pk for e in selectors.listed_events_below(root=index)]
    upcoming_before = selectors.upcoming_event_items(root=index.get_parent(), limit=50)
    assert hidden_series.pk in [s.pk for s in selectors.series_below(root=index)]
    PageViewRestriction.objects.create(page=hidden_series, restriction_type="login")
    PageViewRestriction.objects.create(page=hidden_event, restriction_type="login")
    left_out = {
        hidden_event.pk,
        *EventPage.objects.child_of(hidden_series).values_list("pk", flat=True),
    }
    assert len(left_out) == 2
    after = [e.pk for e in selectors.listed_events_below(root=index)]
    assert sorted(after) == sorted(pk for pk in before if pk not in left_out)
    assert hidden_series.pk not in [s.pk for s in selectors.series_below(root=index)]
    upcoming_after = selectors.upcoming_event_items(root=index.get_parent(), limit=50)
    assert len(upcoming_after) == len(upcoming_before) - 2


def test_the_event_page_keeps_its_organiser_with_the_structure(demo):
    from samhandling.organisations.models import Organisation

    from .test_views import client, main_of

    organiser = Organisation.objects.order_by("pk").first()
    page = event(organiser=organiser, program=PROGRAM, program_may_change=True)
    visitor = client()
    visitor.get(page.url)  # the route and the compiled queries made
    with CaptureQueriesContext(connection) as queries:
        html = main_of(visitor.get(page.url).content.decode())
    assert f"<dd>{organiser}</dd>" in html
    # Kept once read (an organisation saved changes the structure version): not read again.
    assert sum('"organisations_organisation"' in q["sql"] for q in queries) == 0
    assert 'class="event-section program"' in html
    organiser.name = "Omdøypt arrangør"
    organiser.save()
    assert "<dd>Omdøypt arrangør</dd>" in main_of(visitor.get(page.url).content.decode())


@pytest.mark.parametrize(
    "data",
    [None, {}, {"serie": "", "stad": ""}, {"stad": "Tromsø"}, {"serie": "<b>"}, {"stad": "x&y"}],
)
def test_the_filters_selects_are_what_django_renders(demo, data):
    from django import forms
    from django.forms.renderers import get_default_renderer

    from samhandling.events.forms import EventFilterForm

    _events_with_every_state_and_markup()
    event(days=38, title="Stad med teikn", venue_city="Bø <&> 'i' \"T\"")
    index = events_index()
    events = selectors.listed_events_below(root=index)
    series_pages = selectors.series_below(root=index)
    for language in LANGUAGES:
        with translation.override(language):
            form, django_form = (
                EventFilterForm(
                    dict(data) if data is not None else None,
                    series=series_pages,
                    places=selectors.event_places(events=events),
                    renderer=renderer,
                )
                for renderer in (SELECTS_IN_PYTHON, get_default_renderer())
            )
            if data and "serie" not in data:
                data["serie"] = str(series_pages[0].pk)
            assert form.renderer is EventFilterForm().renderer  # the listing's own renderer
            loop = "{% for field in form %}{{ field }}|{% endfor %}"
            ours, theirs = _render(loop, form=form), _render(loop, form=django_form)
            assert ours == theirs
    assert "Bø &lt;&amp;&gt; &#x27;i&#x27; &quot;T&quot;" in ours
    assert "Haust &lt;b&gt;&amp;&lt;/b&gt;" in ours
    if data and not form.is_valid():
        assert 'aria-invalid="true"' in ours
    # Another widget is Django's own.
    other, django_other = forms.Form(renderer=SELECTS_IN_PYTHON), forms.Form()
    for each in (other, django_other):
        each.fields["text"] = forms.CharField(required=True)
    ours = _render("{{ form.text }}", form=other)
    theirs = _render("{{ form.text }}", form=django_other)
    assert ours == theirs and 'name="text"' in ours
