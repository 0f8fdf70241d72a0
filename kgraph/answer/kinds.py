"""The kind of answer a question asks for, as the set of concepts that may answer it.

In: the concepts, the graph queries (for the subtypes of a concept) and a ``Question`` (its
``answer_class`` / ``answer_concept``: "哪个组件", "which object", "哪些容器"). Out: ``Kinds`` —
the concepts of the asked-for kind, or None when the question asks for no kind, and a list of keys
narrowed to them. Must not: rank, search passages or write text.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kgraph.answer.concepts import Concepts
from kgraph.answer.graph_queries import GraphQueries
from kgraph.answer.question import Question


@dataclass(frozen=True)
class Kinds:
    concepts: Concepts
    graph: GraphQueries

    def members(self, question: Question) -> set[str] | None:
        """The concepts of the kind the question asks for: the class's members, or the concept
        with its own class's members and its subtypes; None when it asks for no kind."""
        if question.answer_class:
            return set(self.concepts.members(question.answer_class))
        if question.answer_concept:
            concept = self.concepts.get(question.answer_concept)
            own_class = question.answer_concept if concept and question.answer_concept in concept.types else None
            members = set(self.concepts.members(own_class)) if own_class else set()
            subtypes = self.graph.facts(relations=["subtypeOf"], object=question.answer_concept)[0]
            return members | {s.subject for s in subtypes} | {question.answer_concept}
        return None

    def narrow(self, keys: Iterable[str], question: Question) -> list[str]:
        """``keys`` narrowed to the kind of answer the question asks for, if it asks for one
        ("哪个组件" keeps components, "哪些命名空间" keeps namespaces: possibly none)."""
        keys = list(dict.fromkeys(keys))
        wanted = self.members(question)
        return keys if wanted is None else [k for k in keys if k in wanted]

