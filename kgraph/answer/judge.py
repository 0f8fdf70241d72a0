"""The one judge of whether a draft answers the question, with its policy kept as data.

In: a ``Draft``, the question's weighted ``Term``s, ``Coverage`` and the ``JudgePolicy`` of
``ontology/questions.yaml`` (``judge:``; documented there). Out: the draft's share of the question
(how much of it the cited sentences cover), or None when it does not answer.

A draft answers only if what it cites covers the question's salient terms by at least the
policy's share — ``graph`` for facts from the graph, ``passages`` for quoted sentences, ``bare``
when the question names no concept — and leaves out none of the terms the question requires
(``Coverage.missing_required``). Must not: search, rank or compose.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the vocabulary loads the policy before coverage exists
    from kgraph.answer.coverage import Coverage, Term
    from kgraph.answer.draft import Draft


@dataclass(frozen=True)
class JudgePolicy:
    graph: float  # least share of the question a graph answer must cover
    passages: float  # … a passage answer
    bare: float  # … any answer, when the question names no concept

    @classmethod
    def from_data(cls, data: dict) -> JudgePolicy:
        shares = data["shares"]
        return cls(float(shares["graph"]), float(shares["passages"]), float(shares["bare"]))


@dataclass(frozen=True)
class Judge:
    policy: JudgePolicy
    coverage: Coverage

    def share(self, draft: Draft, terms: list[Term]) -> float | None:
        """The draft's coverage of the question, or None when it does not answer it."""
        if not draft.parts or not terms:
            return None
        judged = draft.judged
        evidence = self.coverage.evidence(judged.texts, judged.part_concepts, judged.contexts)
        if self.coverage.missing_required(terms, evidence):
            return None
        share = self.coverage.share(terms, evidence)
        return share if share >= self.threshold(draft, terms) else None

    def threshold(self, draft: Draft, terms: list[Term]) -> float:
        if not any(t.kind == "concept" for t in terms):
            return self.policy.bare
        return self.policy.graph if draft.source == "graph" else self.policy.passages
