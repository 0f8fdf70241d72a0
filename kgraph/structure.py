"""Pages read as structure: glossary pages, their terms' titles, translations of one page, and
the terms of definition lists.

In: ``Note`` values (their front matter) and their ``ParsedNote``. Out: ``term_titles`` (a
glossary term id -> its title per language, for tooltips that show the title), ``GlossaryPage``
values (one per note whose front matter names a glossary term: kubernetes.io's ``title``, ``id``,
``aka``, ``short_description``, ``full_link``, ``tags`` and the text before ``<!--more-->``), and
``translations`` (which notes are the same page in another language), and ``described_terms``
(a definition list's term — "`NoSchedule`" on its own line, then ": No new Pods will be…" — for the
passage that describes it). Must not: read files,
match concept names (that is ``kgraph.discover``).

A translated page lives at the same path under another language folder (``zh-cn/docs/x.md`` and
``en/docs/x.md``), as docs sites lay out their translations.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from kgraph.corpus import LANGUAGE_FOLDERS
from kgraph.model import Note, Passage
from kgraph.parse import ParsedNote
from kgraph.text import is_abbreviation, is_cjk

# "污点（Taint）": a title that glosses its name with another language's.
_GLOSSED = re.compile(r"^(?P<name>[^（(]+?)\s*[（(](?P<gloss>[^）)]+)[）)]\s*$")


@dataclass(frozen=True)
class GlossaryPage:
    """A glossary page: the term it defines, its names, and the passages of its summary."""

    term_id: str
    note_path: str
    lang: str
    title: str  # as written, e.g. 污点（Taint）
    names: tuple[str, ...]  # the title's name, then its gloss: (污点, Taint)
    aka: tuple[str, ...]
    tags: tuple[str, ...]
    summary: tuple[Passage, ...]  # the text before <!--more--> (or the first passage)
    full_link: str | None


def term_titles(notes: Iterable[Note]) -> dict[str, dict[str, str]]:
    """Glossary term id -> language -> the title its glossary page gives."""
    titles: dict[str, dict[str, str]] = {}
    for note in notes:
        if note.term_id:
            titles.setdefault(note.term_id, {}).setdefault(note.lang, note.title)
    return titles


def glossary_pages(parsed: Sequence[ParsedNote]) -> list[GlossaryPage]:
    """One ``GlossaryPage`` per note whose front matter gives a term ``id`` and a title."""
    pages = []
    for item in parsed:
        note = item.note
        if not note.term_id or not note.title or not item.passages:
            continue
        pages.append(GlossaryPage(note.term_id, note.path, note.lang, note.title, title_names(note.title),
                                  note.aka, note.tags, _summary(item), note.full_link))
    return pages


def title_names(title: str) -> tuple[str, ...]:
    """'污点（Taint）' -> ('污点', 'Taint'); 'JSON Web Token (JWT)' -> (…, 'JWT'); 'Storage Class' and
    'Developer (disambiguation)' -> the name alone. A bracket glosses the name when it is in the
    other script (Chinese / Latin) or abbreviates it."""
    match = _GLOSSED.match(title.strip())
    if not match:
        return (title.strip(),)
    name = match["name"].strip()
    glosses = [g.strip() for g in re.split(r"[，,、]", match["gloss"]) if g.strip()]
    kept = [g for g in glosses if _has_cjk(g) != _has_cjk(name) or is_abbreviation(g, name)]
    return (name, *kept)


def _has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def _summary(item: ParsedNote) -> tuple[Passage, ...]:
    """The passages above ``<!--more-->``; without the marker, the first passage."""
    if item.summary_end is None:
        return item.passages[:1]
    return tuple(p for p in item.passages if p.span.end_line < item.summary_end and p.kind != "code")


def page_key(path: str) -> str:
    """The path with its language folder taken out: the same page in every language."""
    parts = PurePosixPath(path).parts
    kept = [part for part in parts[:-1] if part.lower() not in LANGUAGE_FOLDERS] + [parts[-1]]
    return "/".join(kept)


def translations(notes: Iterable[Note]) -> dict[str, tuple[Note, ...]]:
    """Each note's path -> the notes of the same page in the other languages."""
    by_page: dict[str, list[Note]] = {}
    for note in notes:
        by_page.setdefault(page_key(note.path), []).append(note)
    return {note.path: tuple(other for other in group if other.lang != note.lang)
            for group in by_page.values() for note in group}


def other_titles(notes: Sequence[Note]) -> Mapping[str, dict[str, str]]:
    """Each note's path -> its page's title per language (its own included)."""
    pairs = translations(notes)
    return {note.path: {note.lang: note.title, **{o.lang: o.title for o in pairs[note.path]}} for note in notes}


# A definition list (Goldmark, kramdown, mdit deflist): a term on its own line, then ": description".
_DESCRIPTION_MARK = re.compile(r"^\s{0,3}:\s")
_TRAILING_NOTE = re.compile(r"\s*[（(][^）)]*[）)]\s*$")  # "`full-pcpus-only` (GA, visible by default)"
MAX_TERM = 60


def described_terms(passages: Sequence[Passage]) -> dict[tuple[str, int], tuple[Passage, str]]:
    """(note, passage index) of each definition-list description -> the term's passage and the
    term's name (without a trailing parenthetical note). ``passages`` are in note order."""
    found: dict[tuple[str, int], tuple[Passage, str]] = {}
    for term, passage in zip(passages, passages[1:]):
        if (passage.note_path == term.note_path and term.kind == "paragraph" and passage.kind == "paragraph"
                and _DESCRIPTION_MARK.match(passage.source) and term.span.start_line == term.span.end_line
                and term.span.end_line + 1 == passage.span.start_line):
            name = _TRAILING_NOTE.sub("", term.text).strip()
            if 0 < len(name) <= MAX_TERM:
                found[(passage.note_path, passage.index)] = (term, name)
    return found
