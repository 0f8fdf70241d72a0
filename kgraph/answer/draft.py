"""What an answering strategy produces before it becomes an ``Answer``: claims and their citations.

In: nothing (types and small helpers). Out: ``Part`` (one cited sentence: a graph statement's
evidence or a retrieved sentence) and ``Draft`` (the direct answer line, the parts, the SPARQL
that found them, the concepts involved). ``Answerer`` checks a draft's coverage of the question
and ``compose`` writes it out. Must not: run queries or search.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kgraph.answer.graph_queries import Statement
from kgraph.answer.model import Citation
from kgraph.answer.retrieval import Hit


@dataclass(frozen=True)
class Part:
    """One cited sentence of an answer."""

    text: str  # the sentence as plain text
    citation: Citation
    concepts: frozenset[str] = frozenset()  # concepts the claim is about (graph statements)

    @classmethod
    def of_statement(cls, statement: Statement) -> Part:
        concepts = {statement.subject} | ({statement.object} if statement.object else set())
        return cls(statement.text, statement.citation, frozenset(concepts))

    @classmethod
    def of_hit(cls, hit: Hit) -> Part:
        return cls(hit.sentence.text, hit.passage.citation(hit.sentence))


@dataclass(frozen=True)
class Draft:
    kind: str
    summary: str  # the direct answer, or "" when the parts speak for themselves
    parts: tuple[Part, ...]
    sparql: str | None = None
    concepts: tuple[str, ...] = ()  # concepts the answer names (besides the question's)
    source: str = "graph"  # "graph" or "passages"
    intro: str = ""  # what introduces the quotes, when not the default for ``source``
    single: bool = False  # the first part must answer on its own (others only support it)

    @property
    def judged(self) -> Draft:
        """What the honesty check reads: the first part alone for ``single`` drafts."""
        return replace(self, parts=self.parts[:1]) if self.single else self

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.parts]

    @property
    def contexts(self) -> list[str]:
        """The nearest heading of each cited sentence."""
        return [p.citation.heading.rsplit(" > ", 1)[-1] for p in self.parts]

    @property
    def part_concepts(self) -> set[str]:
        return {k for p in self.parts for k in p.concepts} | set(self.concepts)


def statements_parts(statements: Iterable[Statement], limit: int) -> tuple[Part, ...]:
    """Parts for statements, one per distinct sentence, at most ``limit``."""
    seen: set[str] = set()
    parts = []
    for statement in statements:
        if statement.text not in seen and len(parts) < limit:
            seen.add(statement.text)
            parts.append(Part.of_statement(statement))
    return tuple(parts)


def hits_parts(hits: Iterable[Hit]) -> tuple[Part, ...]:
    return tuple(Part.of_hit(h) for h in hits)
