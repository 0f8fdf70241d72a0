"""The values passed between kgraph's stages.

In: nothing (this module only defines types). Out: frozen dataclasses, each with one
``to_dict()`` that is its JSON shape. Must not: import anything from later stages, do I/O.

Line numbers are 1-based and inclusive everywhere, counted in the original file (front matter
included). Character offsets are 0-based Python string indices.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kgraph.iri import note_url


@dataclass(frozen=True)
class Span:
    """Lines ``start_line``..``end_line`` (1-based, inclusive) of one note."""

    start_line: int
    end_line: int

    def __post_init__(self) -> None:
        if self.start_line < 1 or self.end_line < self.start_line:
            raise ValueError(f"bad span {self.start_line}-{self.end_line}")

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: a file, optionally a line, and a message."""

    path: str
    message: str
    line: int | None = None
    severity: str = "warning"  # "warning" (build goes on) or "error" (the file was skipped)
    kind: str = "note"  # what went wrong, for the build summary's counts: decode, front-matter,
    # markdown, unknown-shortcode, fragment, ambiguous-alias, lexicon

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Note:
    """One decoded note. ``text`` has ``\\n`` line ends, no BOM, and as many lines as the file."""

    path: str  # corpus-relative, POSIX separators
    text: str
    sha256: str  # of the raw bytes
    encoding: str
    title: str
    tags: tuple[str, ...] = ()
    date: str | None = None
    front_matter_lines: int = 0  # lines taken by YAML front matter, delimiters included
    lang: str = "zh"  # "zh" or "en": from a language folder in the path (zh-cn/, en/), else the text
    term_id: str | None = None  # front matter ``id``: the note is a glossary page for this term
    aka: tuple[str, ...] = ()  # front matter ``aka``: other names of the term
    summary: str | None = None  # front matter ``short_description``
    full_link: str | None = None  # front matter ``full_link``: the term's main page on the site

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "text"}


@dataclass(frozen=True)
class TermLink:
    """``text[start:end]`` of a passage is a glossary link (a Hugo ``glossary_tooltip``) to ``term_id``."""

    start: int
    end: int
    term_id: str


@dataclass(frozen=True)
class Passage:
    """One block of a note: a paragraph, list item, table row, blockquote paragraph or code block.

    ``source`` is the verbatim text of lines ``span`` (joined with ``\\n``). ``text`` is the plain
    text used for matching (inline markup and HTML tags removed, zero-width characters dropped,
    non-breaking spaces made spaces). ``offsets[i]`` is the index in ``source`` of ``text[i]``,
    so any slice of ``text`` maps back to a verbatim slice of ``source`` (see ``quote``).
    """

    note_path: str
    index: int  # order in the note, from 0
    kind: str  # paragraph | list_item | table_row | blockquote | code | heading
    heading_path: tuple[str, ...]
    span: Span
    source: str
    text: str
    offsets: tuple[int, ...] = field(repr=False, compare=False)
    links: tuple[TermLink, ...] = ()  # glossary links in ``text``, in order
    atoms: tuple[tuple[int, int], ...] = ()  # source ranges a quote takes whole (shortcodes that show words)

    def quote(self, start: int, end: int) -> tuple[str, Span]:
        """The verbatim source for ``text[start:end]`` and the lines it lies on; a shortcode the
        range reaches into is quoted whole."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad text range {start}:{end} for passage of {len(self.text)} chars")
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1
        for a, b in self.atoms:
            first = a if a <= first < b else first
            last = b if a < last <= b else last
        quote = self.source[first:last]
        start_line = self.span.start_line + self.source.count("\n", 0, first)
        end_line = start_line + quote.count("\n")
        return quote, Span(start_line, end_line)

    @property
    def heading(self) -> str:
        return " > ".join(self.heading_path)

    def to_dict(self) -> dict[str, Any]:
        return {
            "note_path": self.note_path,
            "index": self.index,
            "kind": self.kind,
            "heading_path": list(self.heading_path),
            "start_line": self.span.start_line,
            "end_line": self.span.end_line,
            "text": self.text,
        }


@dataclass(frozen=True)
class Term:
    """A name for a concept as the lexicon or the notes give it.

    ``key`` is the concept's stable local name (used in its IRI). ``labels`` are
    ``(text, lang, kind)`` with kind ``pref`` | ``alt`` | ``hidden`` | ``weak`` (a pref or alt label that is
    also an everyday word: used for questions and the glossary, never matched in running text).
    """

    key: str
    labels: tuple[tuple[str, str, str], ...]
    types: tuple[str, ...] = ()  # ontology class local names
    source: str = "lexicon"  # "lexicon" or "discovered"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """A concept named at ``text[start:end]`` of one passage."""

    key: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class PassageReading:
    """What extraction read in one passage, for whatever else cites its lines (the search index):
    its sentences as ``(start, end)`` offsets of the passage's plain text (``text.sentence_spans``)
    and its concept mentions in text order (the lexicon's matches and glossary links)."""

    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The concepts mentioned, each once, in order of first mention."""
        return tuple(dict.fromkeys(m.key for m in self.mentions))


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: a passage, a verbatim quote, its lines, the rule and confidence."""

    note_path: str
    passage_index: int
    span: Span
    quote: str
    text: str  # the quote as plain text
    rule: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "note_path": self.note_path,
            "passage_index": self.passage_index,
            "start_line": self.span.start_line,
            "end_line": self.span.end_line,
            "quote": self.quote,
            "text": self.text,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Assertion:
    """A fact between two concepts (``relation`` is an ontology property local name)."""

    subject: str
    relation: str
    object: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "relation": self.relation,
            "object": self.object,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Definition:
    """A defining sentence of a concept, in the note's language."""

    key: str
    text: str
    lang: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "text": self.text, "lang": self.lang, "evidence": self.evidence.to_dict()}


@dataclass(frozen=True)
class Citation:
    """Lines of one note that state something, with the verbatim quote: the citation shape of
    DESIGN.md, shared by answers, concept pages and the glossary. ``url`` is the note view,
    relative to the server (``/notes/<path>#L<a>-L<b>``)."""

    source: str  # corpus-relative note path
    start_line: int
    end_line: int
    heading: str
    quote: str  # verbatim Markdown from the note, within the lines: escape it before showing it
    title: str = ""  # the note's title, when known

    @property
    def url(self) -> str:
        return note_url(self.source, self.start_line, self.end_line)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.source, self.start_line, self.end_line)

    @property
    def lines(self) -> str:
        """``L7`` or ``L7-L9``: the line part of a source reference."""
        if self.start_line == self.end_line:
            return f"L{self.start_line}"
        return f"L{self.start_line}-L{self.end_line}"

    def to_dict(self) -> dict[str, Any]:
        data = {"source": self.source, "start_line": self.start_line, "end_line": self.end_line,
                "heading": self.heading, "quote": self.quote, "url": self.url}
        return {**data, "title": self.title} if self.title else data
