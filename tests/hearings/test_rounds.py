"""A new round of a hearing: the rounds link both ways, and the new round shows what changed in
the draft section by section (matched by block id, then by heading), word by word, escaped."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from samhandling.hearings.pages import DraftSection
from samhandling.hearings.rounds import (
    CHANGED,
    NEW,
    REMOVED,
    UNCHANGED,
    plain_text,
    section_changes,
    word_diff,
)
from tests.conftest import MR_HOST

from .factories import make_hearing


def section(number, key, heading, html):
    return DraftSection(number=number, key=key, heading=heading, text=html)


def test_the_word_diff_marks_added_and_removed_words_and_escapes_the_text():
    diff = str(
        word_diff(
            "Kommunane skal melde <b>innan</b> fristen.",
            "Kommunane må melde innan fristen <script>.",
        )
    )
    assert "<del>skal</del>" in diff and "<ins>må</ins>" in diff
    assert "<script>" not in diff and "&lt;script&gt;" in diff
    assert "<b>" not in diff


def test_plain_text_keeps_paragraphs_apart_and_unescapes_entities():
    assert (
        plain_text("<p>Ein &amp; to</p><ul><li>tre</li><li>fire</li></ul>") == "Ein & to\ntre\nfire"
    )


def test_sections_are_matched_by_id_then_by_heading():
    earlier = [
        section(1, "a", "Formål", "<p>Avtalen skal sikre samarbeid.</p>"),
        section(2, "b", "Ansvar", "<p>Partane har ansvar.</p>"),
        section(3, "c", "Økonomi", "<p>Kvar part ber sine kostnader.</p>"),
        section(4, "d", "Gammal del", "<p>Fjernast.</p>"),
    ]
    new = [
        section(1, "a", "Formål", "<p>Avtalen skal sikre godt samarbeid.</p>"),
        section(2, "x", "Ansvar", "<p>Partane har ansvar.</p>"),  # a new id, same heading
        section(3, "c", "Økonomi og finansiering", "<p>Kvar part ber sine kostnader.</p>"),
        section(4, "e", "Heilt ny del", "<p>Ny tekst.</p>"),
    ]
    changes = {c.heading: c for c in section_changes(sections=new, earlier_sections=earlier)}
    assert changes["Formål"].status == CHANGED
    assert "<ins>godt</ins>" in str(changes["Formål"].diff)
    assert changes["Ansvar"].status == UNCHANGED
    assert changes["Økonomi og finansiering"].status == CHANGED
    assert changes["Økonomi og finansiering"].heading_changed
    assert changes["Heilt ny del"].status == NEW
    assert changes["Gammal del"].status == REMOVED
    assert "<del>Fjernast.</del>" in str(changes["Gammal del"].diff)


@pytest.mark.django_db
def test_the_rounds_link_both_ways_and_the_new_round_shows_the_changes(demo):
    today = timezone.localdate()
    first = make_hearing(
        title="Første runde",
        opens_on=today - datetime.timedelta(days=120),
        deadline=today - datetime.timedelta(days=60),
    )
    second = make_hearing(title="Andre runde", previous_round=first)
    # Keep section 1 (same id) with a changed text, drop section 3, add a new one.
    blocks = list(first.sections.raw_data)
    blocks[0] = {
        **blocks[0],
        "value": {"heading": "Del 1", "text": "<p>Den nye teksten i del 1.</p>"},
    }
    second.sections = [
        blocks[0],
        blocks[1],
        {"type": "section", "value": {"heading": "Del 4", "text": "<p>Heilt ny.</p>"}},
    ]
    second.save_revision().publish()
    client = Client(HTTP_HOST=MR_HOST)
    html = client.get(second.url).content.decode()
    assert first.slug in html
    assert 'id="changes-heading"' in html
    changes = html[html.index('id="changes-heading"') : html.index('id="draft-heading"')]
    plain = re.sub(r"\s+", " ", changes)
    assert "<del>Teksten</del>" in plain and "<ins>Den nye teksten</ins>" in plain, plain
    assert "Del 4" in plain and "Del 3" in plain
    earlier_html = client.get(first.url).content.decode()
    assert second.slug in earlier_html
    assert 'id="changes-heading"' not in earlier_html
