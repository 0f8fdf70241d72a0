"""The values the answerer hands out: entities, answer segments and answers (search results are
``kgraph.search.model``, citations ``kgraph.model``).

In: nothing (types only). Out: frozen dataclasses, each with one ``to_dict()`` that is its JSON
shape — the contract of ``/api/ask`` in DESIGN.md (field names are fixed; fields are only ever
added). An answer's text is typed ``Segment``s, each citing at most one citation by its index; the
``answer`` string of ``/api/ask``, with its "[n]" markers, is written by the web layer
(``kgraph.web.answers``), never here. Must not: do I/O or import later stages.

Lines are 1-based and inclusive; a citation's lines contain its quote verbatim.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kgraph.model import Citation  # the one citation type (DESIGN.md), named here for the answerer's modules


@dataclass(frozen=True)
class Entity:
    """A concept the question names."""

    iri: str
    key: str
    label: str  # in the question's language when the concept has a label in it
    labels: tuple[str, ...]  # every label (pref, alt, hidden), for matching and display

    def to_dict(self) -> dict[str, Any]:
        return {"iri": self.iri, "key": self.key, "label": self.label, "labels": list(self.labels)}


@dataclass(frozen=True)
class Segment:
    """A run of an answer's text; ``citation`` is the index in ``Answer.citations`` of the
    citation it quotes (a quote ends where its citation mark goes), or None."""

    text: str
    citation: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citation": self.citation}


@dataclass(frozen=True)
class Answer:
    """The reply to one question. ``answered`` is False (and ``citations`` empty) when the notes
    do not support an answer; ``parts`` then say so and ``suggestions`` lists close terms."""

    question: str
    answered: bool
    parts: tuple[Segment, ...]
    entities: tuple[Entity, ...] = ()
    citations: tuple[Citation, ...] = ()
    sparql: str | None = None
    kind: str = "retrieval"  # the question type: definition, relation, relationship, difference, list, composition, retrieval
    lang: str = "en"
    suggestions: tuple[str, ...] = ()
    confidence: float = 0.0  # how much of the question the cited statements cover, 0..1

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``/api/ask`` but its ``answer`` string (``kgraph.web.answers`` adds it)."""
        return {
            "question": self.question,
            "answered": self.answered,
            "parts": [p.to_dict() for p in self.parts],
            "entities": [e.to_dict() for e in self.entities],
            "citations": [c.to_dict() for c in self.citations],
            "sparql": self.sparql,
            "type": self.kind,
            "lang": self.lang,
            "suggestions": list(self.suggestions),
            "confidence": round(self.confidence, 3),
        }
