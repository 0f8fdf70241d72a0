"""The glossary as a page indexes it: letter groups (A–Z, pinyin included) and a text filter.

In: a ``Glossary`` and a filter text. Out: ``LetterGroup`` values in glossary order, the folded
text an entry is searched by (``search_text``), and the entries a filter keeps (``filter_glossary``).
Must not: render (the web layer does) or query.

- Letters: the first character of the entry's sort key (``order.sort_key``: its English name,
  or the pinyin of a Chinese-only name), so the index follows the order and 共享 Volume files under
  G; anything not a Latin letter (a digit) under ``#``. ``LETTERS`` is the index: A–Z, then ``#``.
- Filter: the filter text and each entry's names, aliases and definitions folded alike (NFKC,
  case-folded, whitespace runs as one space); an entry is kept when its text contains the
  filter's, so "副本" finds ReplicaSet（副本集） and "rs" finds it by its alias. The page's script
  folds and matches the same way over ``search_text`` (``data-search``), so filtering with and
  without JavaScript keeps the same entries.
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

from kgraph.glossary.model import Glossary, GlossaryEntry

LETTERS = (*string.ascii_uppercase, "#")


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    entries: tuple[GlossaryEntry, ...]

    @property
    def anchor(self) -> str:
        return "letter-" + ("other" if self.letter == "#" else self.letter)


def letter_of(entry: GlossaryEntry) -> str:
    first = (entry.sort_key[0] if entry.sort_key else entry.id)[:1].upper()
    return first if first in string.ascii_uppercase and first else "#"


def letter_groups(glossary: Glossary) -> tuple[LetterGroup, ...]:
    grouped: dict[str, list[GlossaryEntry]] = {}
    for entry in glossary.entries:
        grouped.setdefault(letter_of(entry), []).append(entry)
    return tuple(LetterGroup(letter, tuple(grouped[letter])) for letter in LETTERS if letter in grouped)


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def search_text(entry: GlossaryEntry) -> str:
    """Everything an entry is found by, folded, joined by " | "."""
    parts = [entry.term, entry.label_en or "", entry.label_zh or "", *entry.aliases,
             *(d.text for d in entry.definitions)]
    return " | ".join(fold(part) for part in dict.fromkeys(parts) if part)


def filter_glossary(glossary: Glossary, query: str) -> Glossary:
    wanted = fold(query)
    if not wanted:
        return glossary
    return Glossary(glossary.lang, tuple(e for e in glossary.entries if wanted in search_text(e)))
