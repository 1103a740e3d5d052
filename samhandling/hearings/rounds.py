"""What changed in the draft between two rounds of a hearing, section by section.

Sections are matched by their block id first (a section kept and edited keeps its id), then by
heading. Each section of the new round is new, changed or unchanged; each section of the earlier
round that has no match is removed. The text is compared word by word (difflib) after the rich
text is reduced to plain text; the result is escaped and marked with <ins> and <del>."""

import difflib
import html
import re
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"
REMOVED = "removed"

BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|tr)>|<br\s*/?>", re.IGNORECASE)
TOKEN = re.compile(r"\n|[^\S\n]+|[^\s]+")


def plain_text(rich) -> str:
    """Rich text (a RichText value or an HTML string) as plain text, a line per block."""
    source = getattr(rich, "source", rich) or ""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", str(source))))
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _words(text: str) -> list[str]:
    """Words, spaces and line breaks, so that joining them gives the text back."""
    return TOKEN.findall(text)


def _render(tokens: list[str]) -> str:
    return escape("".join(tokens)).replace("\n", "<br>")


def _marked(tag: str, tokens: list[str]) -> str:
    """The tokens in <tag>, the spaces around them left outside it; nothing for only spaces."""
    text = "".join(tokens)
    core = text.strip()
    if not core:
        return ""
    start = text.index(core)
    lead, trail = text[:start], text[start + len(core) :]
    return f"{_render([lead])}<{tag}>{_render([core])}</{tag}>{_render([trail])}"


def word_diff(old: str, new: str) -> SafeString:
    """The new text with removed words in <del> and added words in <ins> (all text escaped)."""
    before, after = _words(old), _words(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    out: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(_render(after[b1:b2]))
            continue
        if op in ("delete", "replace"):
            out.append(_marked("del", before[a1:a2]))
        if op in ("insert", "replace"):
            inserted = _marked("ins", after[b1:b2])
            out.append(inserted or _render(after[b1:b2]))
    # bandit B308/B703 (mark_safe): every piece of the text is escaped above; only <ins> and
    # <del> are ours.
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


@dataclass(frozen=True)
class SectionChange:
    status: str  # new, changed, unchanged, removed
    key: str
    number: int | None  # in the new round (None for a removed section)
    heading: str
    earlier_number: int | None = None
    earlier_heading: str = ""
    diff: SafeString | str = ""

    @property
    def heading_changed(self) -> bool:
        return bool(self.earlier_heading) and self.earlier_heading != self.heading


def _norm(heading: str) -> str:
    return re.sub(r"\s+", " ", heading).strip().casefold()


def section_changes(*, sections, earlier_sections) -> list[SectionChange]:
    """Compare two lists of DraftSection: the new round's sections in order, each removed
    section of the earlier round after them."""
    by_key = {s.key: s for s in earlier_sections}
    used: set[str] = set()
    matches = {}
    for section in sections:
        if section.key in by_key:
            matches[section.key] = by_key[section.key]
            used.add(section.key)
    by_heading: dict[str, list] = {}
    for old in earlier_sections:
        if old.key not in used:
            by_heading.setdefault(_norm(old.heading), []).append(old)
    for section in sections:
        if section.key in matches:
            continue
        candidates = by_heading.get(_norm(section.heading))
        if candidates:
            old = candidates.pop(0)
            matches[section.key] = old
            used.add(old.key)
    changes = []
    for section in sections:
        old = matches.get(section.key)
        new_text = plain_text(section.text)
        if old is None:
            changes.append(
                SectionChange(
                    status=NEW,
                    key=section.key,
                    number=section.number,
                    heading=section.heading,
                    diff=word_diff("", new_text),
                )
            )
            continue
        old_text = plain_text(old.text)
        same = old_text == new_text and old.heading == section.heading
        changes.append(
            SectionChange(
                status=UNCHANGED if same else CHANGED,
                key=section.key,
                number=section.number,
                heading=section.heading,
                earlier_number=old.number,
                earlier_heading=old.heading,
                diff="" if same else word_diff(old_text, new_text),
            )
        )
    for old in earlier_sections:
        if old.key not in used:
            changes.append(
                SectionChange(
                    status=REMOVED,
                    key=old.key,
                    number=None,
                    heading=old.heading,
                    earlier_number=old.number,
                    earlier_heading=old.heading,
                    diff=word_diff(plain_text(old.text), ""),
                )
            )
    return changes


def round_changes(*, hearing, earlier) -> list[SectionChange]:
    """What changed in `hearing`'s draft against the earlier round's."""
    return section_changes(sections=hearing.draft_sections, earlier_sections=earlier.draft_sections)
