"""Everything an answering strategy may use, in one value, plus the label helpers they share.

In: the loaded parts (graph queries, concepts, ontology relations, vocabulary, retriever,
coverage). Out: ``Toolkit``. Must not: hold per-question state.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kgraph.answer.compose import join, relation_label
from kgraph.answer.concepts import Concepts
from kgraph.answer.coverage import Coverage
from kgraph.answer.graph_queries import GraphQueries, Statement
from kgraph.answer.question import Question
from kgraph.answer.retrieval import Retriever
from kgraph.answer.vocabulary import Vocabulary
from kgraph.lexicon import fold_label
from kgraph.ontology import Relation


@dataclass(frozen=True)
class Toolkit:
    graph: GraphQueries
    concepts: Concepts
    relations: dict[str, Relation]
    vocabulary: Vocabulary
    retriever: Retriever
    coverage: Coverage
    surfaces: dict[str, str] = field(default_factory=dict)  # how the question names its concepts
    titles: dict[str, str] = field(default_factory=dict)  # note path -> its title

    def for_question(self, question: Question) -> Toolkit:
        """This toolkit naming the question's concepts the way the question does."""
        surfaces = {}
        for mention in question.mentions:
            concept = self.concepts.get(mention.key)
            if concept is None or fold_label(mention.surface) == fold_label(concept.label(question.lang)):
                continue  # "node" is the concept's own name: say it as the notes spell it
            if fold_label(mention.surface) in {fold_label(n) for n in concept.names()}:  # not "Pods"
                surfaces.setdefault(mention.key, mention.surface)
        return replace(self, surfaces=surfaces, graph=self.graph.for_lang(question.lang))

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

    def symmetric(self, relation: str) -> bool:
        rel = self.relations.get(relation)
        return bool(rel and rel.symmetric)

    def labels(self, keys: Iterable[str], lang: str) -> list[str]:
        return [self.label(k, lang) for k in dict.fromkeys(keys)]

    def verb(self, relation: str, lang: str, plural: bool = False) -> str:
        return relation_label(self.relations.get(relation), relation, lang, plural)

    def listed(self, keys: Iterable[str], lang: str) -> str:
        return join(self.labels(keys, lang), lang)

    def of_kind(self, keys: Iterable[str], question: Question) -> list[str]:
        """``keys`` narrowed to the kind of answer the question asks for, if it asks for one
        ("哪个组件" keeps components, "哪些命名空间" keeps namespaces: possibly none)."""
        keys = list(dict.fromkeys(keys))
        wanted = self.kind_members(question)
        return keys if wanted is None else [k for k in keys if k in wanted]

    def kind_members(self, question: Question) -> set[str] | None:
        if question.answer_class:
            return set(self.concepts.members(question.answer_class))
        if question.answer_concept:
            concept = self.concepts.get(question.answer_concept)
            own_class = question.answer_concept if concept and question.answer_concept in concept.types else None
            members = set(self.concepts.members(own_class)) if own_class else set()
            subtypes = self.graph.facts(relations=["subtypeOf"], object=question.answer_concept)[0]
            return members | {s.subject for s in subtypes} | {question.answer_concept}
        return None


def other_side(statement: Statement, key: str) -> str | None:
    """The concept a fact relates ``key`` to."""
    if statement.subject == key:
        return statement.object
    return statement.subject if statement.object == key else None
