"""The word handling on its own: stems of bokmål and nynorsk inflections, compounds, stop words and
the snippet with the matching words marked."""

import pytest

from samhandling.search.text import html_text, indexed_words, matches, query_stems, snippet


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("avtale", "Samarbeidsavtalen"),
        ("avtale", "Delavtale 3"),
        ("avtale", "avtalane"),  # nynorsk plural definite
        ("avtale", "avtalene"),  # bokmål plural definite
        ("avtalar", "avtale"),
        ("møte", "møtet"),
        ("møte", "møteplan"),
        ("møtet", "møta"),
        ("kommunane", "kommunene"),
        ("høyringa", "høyringar"),
        ("vedtaket", "vedtaka"),
        ("utvalet", "utval"),
    ],
)
def test_a_query_word_finds_its_inflections_and_compounds(query, text):
    stems = query_stems(query)
    assert any(matches(word, stems) for word in indexed_words(text).split())


@pytest.mark.parametrize(("query", "text"), [("avtale", "avlyst"), ("møte", "mat"), ("e", "helse")])
def test_unrelated_words_do_not_match(query, text):
    stems = query_stems(query)
    assert not any(matches(word, stems) for word in indexed_words(text).split())


def test_stop_words_are_left_out_unless_nothing_else_is_left():
    assert query_stems("møte i SSU") == ["møt", "ssu"]
    assert query_stems("og i") == ["og", "i"]


def test_a_query_has_at_most_twelve_words():
    assert len(query_stems(" ".join(f"ord{n}" for n in range(40)))) == 12


def test_indexed_words_are_lower_case_each_once_with_space_around():
    assert indexed_words("Møtet MØTET møtet") == " møtet "
    assert indexed_words("") == ""


def test_rich_text_keeps_paragraphs_apart():
    assert html_text("<p>Første</p><p>andre &amp; tredje</p>") == "Første andre & tredje"


def test_the_snippet_marks_the_matching_words_around_the_first_hit():
    text = " ".join(["fyll"] * 40) + " Samarbeidsavtalen er revidert. " + " ".join(["meir"] * 40)
    html = snippet(text, query_stems("avtale"))
    assert "<mark>Samarbeidsavtalen</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert html.count("fyll") == 10


def test_the_snippet_escapes_the_text():
    html = snippet("Tekst <script>alert('avtale')</script>", query_stems("avtale"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "<mark>avtale</mark>" in html
