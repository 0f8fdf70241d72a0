"""How an answer names concepts and relations: labels in the question's language, as it names them.

In: the concepts, the ontology's relations and, per question, how the question names its concepts
(``Names.for_question``). Out: ``Names`` — a concept's label ("副本集（ReplicaSet）" in Chinese, as
Chinese notes mostly write it; "Pods" when the question says so), lists of them, a relation's verb
in the question's language and whether it is symmetric. Must not: query the graph or decide what
an answer says.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kgraph.answer.compose import join, relation_label
from kgraph.answer.concepts import Concepts
from kgraph.answer.question import Question
from kgraph.lexicon import fold_label
from kgraph.ontology import Relation


@dataclass(frozen=True)
class Names:
    concepts: Concepts
    relations: dict[str, Relation]
    surfaces: dict[str, str] = field(default_factory=dict)  # how the question names its concepts

    @classmethod
    def for_question(cls, concepts: Concepts, relations: dict[str, Relation], question: Question) -> Names:
        """Names that call the question's concepts what the question calls them."""
        surfaces = {}
        for mention in question.mentions:
            concept = concepts.get(mention.key)
            if concept is None or fold_label(mention.surface) == fold_label(concept.label(question.lang)):
                continue  # "node" is the concept's own name: say it as the notes spell it
            if fold_label(mention.surface) in {fold_label(n) for n in concept.names()}:  # not "Pods"
                surfaces.setdefault(mention.key, mention.surface)
        return cls(concepts, relations, surfaces)

    def label(self, key: str, lang: str) -> str:
        """The concept as the question names it; else its name in ``lang``, in Chinese with the
        English name when they differ (副本集（ReplicaSet）), as Chinese notes mostly write that."""
        if key in self.surfaces:
            return self.surfaces[key]
        concept = self.concepts.get(key)
        if concept is None:
            return key
        name, english = concept.label(lang), concept.label("en")
        return f"{name}（{english}）" if lang == "zh" and name != english and not name.isascii() else name

    def labels(self, keys: Iterable[str], lang: str) -> list[str]:
        return [self.label(k, lang) for k in dict.fromkeys(keys)]

    def listed(self, keys: Iterable[str], lang: str) -> str:
        return join(self.labels(keys, lang), lang)

    def verb(self, relation: str, lang: str, plural: bool = False) -> str:
        return relation_label(self.relations.get(relation), relation, lang, plural)

    def symmetric(self, relation: str) -> bool:
        rel = self.relations.get(relation)
        return bool(rel and rel.symmetric)
