"""Norwegian words for the search: plain text from HTML and StreamFields, the words and stems that
are matched, and the snippet shown under a result.

Matching works on stems: a query word is reduced by Snowball's Norwegian stemmer (which knows the
endings of both bokmål and nynorsk: -en, -et, -a, -ar, -ane, -er, -ene …) and looked for inside the
indexed words, so "avtale" (stem "avtal") finds "samarbeidsavtalen" and "delavtale", and "møte"
("møt") finds "møtet" and "møteplan"."""

import functools
import re
import threading
import unicodedata
from html import (
    escape as html_escape,
)  # what django.utils.html.escape runs, without its lazy wrapper

import snowballstemmer
from bs4 import BeautifulSoup
from django.utils.safestring import SafeString, mark_safe

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

# A stem shorter than this is matched as a whole word only ("e" in "e-helse"), never inside one.
MIN_SUBSTRING_LENGTH = 3

# Words too common to narrow a search; they are left out of the query unless nothing else is
# left (bokmål and nynorsk).
_STOP_WORDS = (
    "og i på til for av med om frå fra ein en eit et ei det den dei de som er var å at har "
    "hadde vi me eg jeg du han ho hun seg sin sitt sine kan skal vil ved ut inn over under "
    "etter før mot men eller ikkje ikke no nå så da då kva hva "
)
STOP_WORDS = frozenset(_STOP_WORDS.split())

_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("norwegian")
    return stemmer


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball Norwegian stem of a lower-case word."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text or "").lower())


def indexed_words(text: str) -> str:
    """The words of `text` as they are stored for matching: lower case, each once, plus the stem
    where the stemmer changed more than the ending; a space on either side of every word."""
    seen: dict[str, None] = {}
    for word in words(text):
        seen.setdefault(word)
        stemmed = stem(word)
        if not word.startswith(stemmed):
            seen.setdefault(stemmed)
    return " " + " ".join(seen) + " " if seen else ""


def query_stems(terms: str, *, limit: int = 12) -> list[str]:
    """The stems to look for, from the cleaned query words: each once, stop words left out
    (unless the query has nothing else), at most `limit` of them."""
    found: dict[str, None] = {}
    for word in words(terms):
        found.setdefault(word)
    meaningful = [word for word in found if word not in STOP_WORDS] or list(found)
    stems: dict[str, None] = {}
    for word in meaningful:
        stems.setdefault(stem(word) or word)
    return list(stems)[:limit]


def matches(word: str, stems: list[str]) -> bool:
    """Whether an indexed word contains one of the query stems (short stems: is one)."""
    word = word.lower()
    for s in stems:
        if len(s) < MIN_SUBSTRING_LENGTH:
            if word == s:
                return True
        elif s in word:
            return True
    return False


def html_text(html: str | None) -> str:
    """Plain text from rich text, with a space wherever a tag was (paragraphs stay apart)."""
    if not html:
        return ""
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    return _SPACE.sub(" ", text).strip()


def stream_text(value) -> str:
    """The searchable text of a StreamField value (rich text, headings, captions, link texts)."""
    if not value:
        return ""
    parts = value.stream_block.get_searchable_content(value)
    return _SPACE.sub(" ", " ".join(html_text(str(part)) for part in parts if part)).strip()


def squash(text: str) -> str:
    """`text` with every run of white space made one space."""
    return _SPACE.sub(" ", text or "").strip()


def join(*parts, sep: str = " ") -> str:
    """The non-empty parts, one after the other."""
    return sep.join(str(part).strip() for part in parts if part and str(part).strip())


def listing(*parts) -> str:
    """The non-empty parts of a record as a list that reads well in a snippet ("a · b · c")."""
    return join(*parts, sep=" · ")


def snippet(text: str, stems: list[str], *, before: int = 10, length: int = 32) -> SafeString:
    """About `length` words of `text` around its first word that matches the query, with the
    matching words in <mark>; the start of the text when nothing in it matches.

    The words are read only as far as the snippet needs (not the whole text), and the text
    between two marked words is escaped in one piece: escaping works character by character, so
    that is the same HTML as escaping word by word."""
    text = text or ""
    found = _WORD.finditer(text)
    tokens = []
    first = None
    for token in found:
        tokens.append(token)
        if matches(token.group(), stems):
            first = len(tokens) - 1
            break
    if not tokens:
        return SafeString("")
    start = max(0, first - before) if first is not None else 0
    goes_on = False
    if first is not None:  # the words after the first match, up to the snippet's length
        for token in found:
            if len(tokens) >= start + length:
                goes_on = True
                break
            tokens.append(token)
    end = min(len(tokens), start + length)
    goes_on = goes_on or end < len(tokens)
    pieces = ["… " if start > 0 else ""]
    position = tokens[start].start()
    for token in tokens[start:end]:
        if matches(token.group(), stems):
            pieces.append(html_escape(text[position : token.start()]))
            pieces.append(f"<mark>{html_escape(token.group())}</mark>")
            position = token.end()
    pieces.append(html_escape(text[position : tokens[end - 1].end()]))
    if goes_on:
        pieces.append(" …")
    # bandit B308/B703 (mark_safe): every piece of the text is escaped above; only <mark> is ours.
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703
