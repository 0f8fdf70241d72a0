"""The values of passage search: indexed passages and sentences, typed snippets, ranked results.

In: nothing (types only). Out: frozen dataclasses. ``IndexedPassage`` and ``Sentence`` are what
the build wrote to a generation's ``search/`` folder (``index``); ``Snippet``, ``SearchHit`` and
``SearchResults`` are what ``ranked.Search`` hands out, each with one ``to_dict()`` that is its
JSON shape — the contract of ``/api/search`` in DESIGN.md (field names are fixed; fields are only
ever added). Citations are ``kgraph.model.Citation``, the one citation type of answers, search,
concept pages and the glossary. Must not: do I/O, make markup or import later stages.

Lines are 1-based and inclusive; a citation's lines contain its quote verbatim.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kgraph.model import Citation


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage: plain text, and the verbatim quote with its lines."""

    text: str
    quote: str
    start_line: int
    end_line: int


@dataclass(frozen=True)
class IndexedPassage:
    note: str
    kind: str
    heading_path: tuple[str, ...]
    start_line: int
    end_line: int
    source: str
    text: str
    sentences: tuple[Sentence, ...]
    position: int = 0  # order in the index (passages of a note are consecutive, in note order)

    @property
    def heading(self) -> str:
        return " > ".join(self.heading_path)

    @property
    def topic(self) -> str:
        """The nearest heading: what the passage is about when its sentences do not say."""
        return self.heading_path[-1] if self.heading_path else ""

    def citation(self, sentence: Sentence | None = None, title: str = "") -> Citation:
        if sentence is None:
            return Citation(self.note, self.start_line, self.end_line, self.heading, self.source, title)
        return Citation(self.note, sentence.start_line, sentence.end_line, self.heading, sentence.quote, title)


@dataclass(frozen=True)
class Snippet:
    """The plain text of a passage around its first match ("…" where it is cut) and the ranges
    of it that matched the query (``[start, end)`` in characters). Never markup: the web layer
    escapes the text and highlights the ranges."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()

    def pieces(self) -> list[tuple[str, bool]]:
        """The text as (piece, highlighted) pairs, in order."""
        out, at = [], 0
        for start, end in self.highlights:
            out += [(self.text[at:start], False), (self.text[start:end], True)]
            at = end
        return [(piece, marked) for piece, marked in out + [(self.text[at:], False)] if piece]

    def to_dict(self) -> dict[str, Any]:
        return {"snippet_text": self.text, "highlights": [list(h) for h in self.highlights]}


@dataclass(frozen=True)
class SearchHit:
    """One ranked passage: its citation fields and a typed snippet."""

    citation: Citation
    snippet: Snippet
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.citation.to_dict(), **self.snippet.to_dict(), "score": round(self.score, 4)}


@dataclass(frozen=True)
class SearchResults:
    query: str
    results: tuple[SearchHit, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "count": len(self.results), "results": [h.to_dict() for h in self.results]}
