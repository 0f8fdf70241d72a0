"""One note → its passages, each with its heading path, exact line span and located plain text.

In: a ``Note`` and its ``Reading`` (shortcode table, glossary titles, language). Out: ``ParsedNote``
(passages in document order, ``index`` = position, wrapping line breaks joined (``breaks.py``);
warnings as ``Problem`` naming the file and line; the unknown shortcodes met; the line of a
``<!--more-->`` marker). Must not: read files, extract facts.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from kgraph.model import Note, Passage, Problem, Span, TermLink
from kgraph.parse.blocks import Block, HeadingMark, walk
from kgraph.parse.breaks import line_per_statement, rejoin
from kgraph.parse.context import Reading
from kgraph.parse.shortcodes import shortcode_plugin
from kgraph.text import split_lines


@dataclass(frozen=True)
class ParsedNote:
    note: Note
    passages: tuple[Passage, ...]  # in document order; Passage.index is the position
    problems: tuple[Problem, ...]
    unknown_shortcodes: tuple[tuple[str, int], ...] = ()  # (name, line) of shortcodes the table lacks
    summary_end: int | None = None  # 1-based line of a <!--more--> marker: the text above is a summary


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """CommonMark with tables and strikethrough, front matter, definition lists and Hugo shortcodes."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return md.use(front_matter_plugin).use(deflist_plugin).use(shortcode_plugin)


def parse_note(note: Note, reading: Reading | None = None) -> ParsedNote:
    """The passages of ``note``; never raises on any text."""
    lines = split_lines(note.text)
    # markdown-it turns a lone CR into a line break; the note's lines are split at LF only.
    tokens = markdown().parse(note.text.replace("\r", " "))
    walked = walk(tokens, lines, markdown(), reading or Reading())
    passages = _passages(note, lines, walked.events)
    problems = tuple(Problem(note.path, message, line=line, kind="markdown") for line, message in walked.warnings)
    problems += tuple(_fragments(note, passages))
    more = walked.summary_end + 1 if walked.summary_end is not None else None
    return ParsedNote(note, passages, problems, tuple(walked.unknown_shortcodes), more)


def _passages(note: Note, lines: list[str], events: list[Block | HeadingMark]) -> tuple[Passage, ...]:
    """Blocks made passages under the heading path in force where they stand."""
    path = _HeadingPath()
    passages: list[Passage] = []
    prose = [e.plain.text for e in events if isinstance(e, Block) and e.kind in ("paragraph", "blockquote")]
    statements = line_per_statement(prose)
    for event in events:
        if isinstance(event, HeadingMark):
            path.enter(event)
        elif event.first >= note.front_matter_lines:
            passage = _passage(note, lines, event, path.texts(), len(passages), statements)
            passages.extend([passage] if passage else [])
    return tuple(passages)


def _passage(
    note: Note, lines: list[str], block: Block, heading: tuple[str, ...], index: int, statements: bool
) -> Passage | None:
    plain = block.plain.clean()
    if block.kind != "code":
        plain = rejoin(plain, statements)
    if not plain.text:
        return None
    return Passage(
        note_path=note.path,
        index=index,
        kind=block.kind,
        heading_path=heading,
        span=Span(block.first + 1, block.last + 1),
        source="\n".join(lines[block.first : block.last + 1]),
        text=plain.text,
        offsets=plain.offsets,
        links=tuple(TermLink(start, end, term_id) for start, end, term_id in plain.link_spans()),
        atoms=tuple((link.start, link.end) for link in plain.links),
    )


def _fragments(note: Note, passages: tuple[Passage, ...]) -> list[Problem]:
    """Paragraphs that begin in the middle of a sentence: text the parser could not attach to the
    sentence it belongs to (usually left by markup it dropped)."""
    return [Problem(note.path, f"fragment: the paragraph starts mid-sentence ({p.text[:20]!r}); read on its own",
                    line=p.span.start_line, kind="fragment")
            for p in passages if p.kind == "paragraph" and p.text[:1] in _MID_SENTENCE]


_MID_SENTENCE = frozenset("，。、；：,.;:)）】」』")


class _HeadingPath:
    """The stack of ``(level, text)`` headings above the current line."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []
        self.real_level = 0  # level of the last real (not bold-lead) heading

    def enter(self, mark: HeadingMark) -> None:
        level = mark.level if mark.level is not None else self.real_level + 1
        if mark.level is not None:
            self.real_level = mark.level
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, mark.text))

    def texts(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.stack)
