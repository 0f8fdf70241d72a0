"""Each intent's strategies, in the order they are tried, bound to exactly the parts each reads.

In: the loaded parts of one store generation — graph queries, concepts, the ontology's relations,
the vocabulary (its word lists are handed out one by one), the retriever, coverage, the search
index and the notes' titles — and, per question, a ``Question``. Out: ``Strategies.for_question``,
the question's intent's strategies as one-argument functions (``Strategy``), each a
``functools.partial`` of a strategy function over the parts it needs: the graph queries ranking
sentences in the question's language, ``Names`` calling concepts what the question calls them.

    Definition    graph definitions → sentences of defining form about X as written → retrieval, for
                  "what is X for" / a phrase about a concept only
    Relation      facts in the asked direction (then neighbouring relations) → retrieval
    Path          a fact between the two → sentences naming both → paths through others →
                  contrasting sentences → retrieval
    Difference    sentences naming both, contrast words preferred → retrieval
    Members       an announced list or the members named under one heading → retrieval
    Composition   parts and what runs on X → the relation the question names → retrieval
    Lookup        retrieval
Must not: hold per-question state or decide whether a draft answers (the judge does).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from kgraph.answer import definition_passages, graph_answers, listing, pairs, text_answers
from kgraph.answer.concepts import Concepts
from kgraph.answer.coverage import Coverage
from kgraph.answer.definition_passages import DefiningForm
from kgraph.answer.draft import Draft
from kgraph.answer.graph_queries import GraphQueries
from kgraph.search.index import SearchIndex
from kgraph.answer.intents import Composition, Definition, Difference, Lookup, Members, Path, Relation
from kgraph.answer.kinds import Kinds
from kgraph.answer.names import Names
from kgraph.answer.question import Question
from kgraph.answer.retrieval import Retriever
from kgraph.answer.vocabulary import Vocabulary
from kgraph.ontology import Relation as OntologyRelation

Strategy = Callable[[Question], "Draft | None"]


class Strategies:
    """The strategies of every intent over one store generation; build one per ``Answerer``."""

    def __init__(self, graph: GraphQueries, concepts: Concepts, relations: dict[str, OntologyRelation],
                 vocabulary: Vocabulary, retriever: Retriever, coverage: Coverage, index: SearchIndex,
                 titles: Mapping[str, str]) -> None:
        self.graph, self.concepts, self.relations = graph, concepts, relations
        self.vocabulary, self.retriever, self.coverage, self.index = vocabulary, retriever, coverage, index
        self.form = DefiningForm(vocabulary.defining, index, titles)
        self.composition_cues = text_answers.composition_words(vocabulary.composition, relations)

    def for_question(self, question: Question) -> tuple[Strategy, ...]:
        """The strategies of the question's intent, in order, bound for this question."""
        graph = self.graph.for_lang(question.lang)
        names = Names.for_question(self.concepts, self.relations, question)
        kinds = Kinds(self.concepts, graph)
        binders = {Definition: self._definition, Relation: self._relation, Path: self._path,
                   Difference: self._difference, Members: self._members, Composition: self._composition,
                   Lookup: self._lookup}
        return binders[type(question.intent)](graph, names, kinds)

    # --- one binder per intent -------------------------------------------------------------------

    def _definition(self, graph: GraphQueries, names: Names, kinds: Kinds) -> tuple[Strategy, ...]:
        v = self.vocabulary
        hits_about = partial(text_answers.about_hits, retriever=self.retriever, coverage=self.coverage,
                             purpose_words=v.purpose_words)
        about = partial(definition_passages.about, concepts=self.concepts, names=names, form=self.form,
                        hits_about=hits_about)
        return (partial(graph_answers.definition, graph=graph, names=names, concepts=self.concepts, about=about,
                        hits_about=hits_about),
                partial(definition_passages.defined, retriever=self.retriever, coverage=self.coverage, form=self.form),
                partial(text_answers.purpose, retrieval=self._retrieval(kinds)))

    def _relation(self, graph: GraphQueries, names: Names, kinds: Kinds) -> tuple[Strategy, ...]:
        return (partial(graph_answers.relation, graph=graph, names=names, kinds=kinds, concepts=self.concepts,
                        fallbacks=self.vocabulary.fallback_relations),
                self._retrieval(kinds))

    def _path(self, graph: GraphQueries, names: Names, kinds: Kinds) -> tuple[Strategy, ...]:
        return (partial(graph_answers.direct_relationship, graph=graph, names=names),
                partial(pairs.together, retriever=self.retriever, coverage=self.coverage, concepts=self.concepts,
                        stopwords=self.vocabulary.stopwords),
                partial(graph_answers.relationship, graph=graph, names=names),
                *self._difference(graph, names, kinds))

    def _difference(self, graph: GraphQueries, names: Names, kinds: Kinds) -> tuple[Strategy, ...]:
        v = self.vocabulary
        return (partial(text_answers.difference, retriever=self.retriever, coverage=self.coverage, graph=graph,
                        contrast=v.contrast_words, weak_contrast=v.weak_contrast_words),
                self._retrieval(kinds))

    def _members(self, graph: GraphQueries, names: Names, kinds: Kinds) -> tuple[Strategy, ...]:
        return (partial(listing.listing, graph=graph, retriever=self.retriever, coverage=self.coverage,
                        index=self.index, concepts=self.concepts, names=names, list_cues=self.vocabulary.list_cues),
                self._retrieval(kinds))

    def _composition(self, graph: GraphQueries, names: Names, kinds: Kinds) -> tuple[Strategy, ...]:
        return (partial(graph_answers.composition, graph=graph, names=names, kinds=kinds,
                        parts_of=self.vocabulary.composition),
                *self._relation(graph, names, kinds))

    def _lookup(self, graph: GraphQueries, names: Names, kinds: Kinds) -> tuple[Strategy, ...]:
        return (self._retrieval(kinds),)

    def _retrieval(self, kinds: Kinds) -> Strategy:
        return partial(text_answers.retrieval, retriever=self.retriever, coverage=self.coverage, index=self.index,
                       kinds=kinds, composition_cues=self.composition_cues)
