"""Questions in Chinese and English answered from the graph and the notes, every claim cited.

In: a live store generation (through ``SparqlEngine``: graph, concepts; through its ``search/``
index: passages), the ontology folder (relations and their words, ``questions.yaml``) and a
question or search text. Out: ``Answer`` / ``SearchResults`` (``kgraph.search.model``).

    question ─read (reading)─▶ Question(intent) ─strategies─▶ Draft ─judge─▶ compose ─▶ Answer(parts)

``reading`` finds the question's ``Intent`` (``intents``); ``strategies`` gives that intent's
strategies in order, each bound to the parts it reads (the first draft that passes the judge wins):

    definition    graph definitions (+ a sentence saying what X is for, when asked) → passage sentences
                  of defining form about X (or about X as written, when X is no concept); never a
                  sentence that merely mentions X → retrieval, for "what is X for" and "what is
                  <a phrase about a concept>" ("the possible Pod phases") only
    relation      facts in the asked direction (then neighbouring relations) → retrieval
    path          facts between the two (with paths of ≤ 3 facts) → sentences naming both → paths
                  through other concepts → contrasting sentences → retrieval
    difference    sentences naming both, difference/contrast words preferred → retrieval
    members       an announced list ("有三种…：" + its items) or class members named under one heading → retrieval
    composition   parts and what runs on X → relation facts → retrieval
    lookup        the sentence covering most of the question (with the items it announces)

Honesty (``judge``, its policy in ``questions.yaml``): a draft answers only if what it cites covers
the question's salient terms — concepts and content words weighted by rarity (``coverage``),
translations and relation words counted, headings counting a little less — by at least the
policy's share for graph facts or for passages (higher when the question names no concept), and
leaves out none of the terms
the question is about: the concepts of its slots (those the notes mention everywhere excepted),
words naming nothing the graph knows ("operator" in "Kubernetes Operator"), capitalised names
("Redis"), and in how-to questions every content word. A passage answer must pass on its first
sentence alone: two half-relevant sentences never add up to an answer. Otherwise ``answered`` is
False, there are no citations, and the message suggests close labels (did you mean).
Must not: import Flask or click.
"""
from __future__ import annotations

from kgraph import reads
from kgraph.answer.compose import compose, refusal
from kgraph.answer.concepts import Concepts
from kgraph.answer.coverage import Coverage
from kgraph.answer.draft import Draft
from kgraph.answer.graph_queries import GraphQueries
from kgraph.search.index import SearchIndex
from kgraph.answer.judge import Judge
from kgraph.answer.limits import check_text
from kgraph.answer.model import Answer
from kgraph.answer.question import Question
from kgraph.answer.reading import Reader
from kgraph.answer.relations import RelationWords
from kgraph.answer.retrieval import Retriever
from kgraph.answer.names import Names
from kgraph.answer.strategies import Strategies
from kgraph.search.model import SearchResults
from kgraph.search.ranked import Search
from kgraph.tokenize import fold_text
from kgraph.answer.vocabulary import load_vocabulary
from kgraph.config import Settings
from kgraph.iri import Iris
from kgraph.ontology import load_ontology

MAX_SEARCH = 50
class Answerer:
    """Answers and searches over one store generation; build one per process (see ``KnowledgeBase``)."""

    def __init__(self, engine, settings: Settings) -> None:
        self.version = engine.version
        ontology = load_ontology(settings.ontology, settings.base)
        iris = Iris(settings.base, ontology.terms)
        concepts = Concepts.load(engine, iris, ontology.superclasses)
        index = SearchIndex.load(self.version.path)
        vocabulary = load_vocabulary(settings.ontology)
        words = RelationWords(ontology.relations)
        classes = {fold_text(label): name for name in ontology.superclasses
                   for label in ontology.class_labels(name).values()}
        self.reader = Reader(vocabulary, concepts, index.tokenizer, words, classes)
        coverage = Coverage(index, concepts, words, vocabulary)
        self.judge = Judge(vocabulary.judge, coverage)
        retriever = Retriever(index, concepts, coverage, vocabulary.connectives, vocabulary.pointers)
        titles = reads.titles(engine)
        self.strategies = Strategies(GraphQueries(engine, iris, ontology.relations), concepts, ontology.relations,
                                     vocabulary, retriever, coverage, index, titles)
        self.concepts, self.coverage, self.names = concepts, coverage, Names(concepts, ontology.relations)
        self.searcher = Search(index, concepts, vocabulary.stopwords | vocabulary.question_words, titles)

    def answer(self, text: str, parameter: str = "q") -> Answer:
        question = self.reader.read(check_text(text, parameter))
        terms = self.coverage.terms(question, skip=[question.answer_concept] if question.answer_concept else ())
        for strategy in self.strategies.for_question(question):
            draft = strategy(question)
            share = self.judge.share(draft, terms) if draft else None
            if share is not None:
                return self._answered(question, draft, share)
        return self._refused(question)

    def search(self, text: str, limit: int = 10, parameter: str = "q") -> SearchResults:
        return self.searcher.search(check_text(text, parameter), max(1, min(limit, MAX_SEARCH)))

    # --- the reply -------------------------------------------------------------------------------

    def _answered(self, question: Question, draft: Draft, share: float) -> Answer:
        parts, citations = compose(draft, question.lang)
        keys = list(dict.fromkeys([*question.keys, *draft.concepts]))
        entities = tuple(self.concepts.entity(k, question.lang) for k in keys if k in self.concepts)
        return Answer(question.text, True, parts, entities, tuple(citations), draft.sparql, draft.kind,
                      question.lang, (), share)

    def _refused(self, question: Question) -> Answer:
        index = self.coverage.index
        unknown = [w.word for w in question.words if not index.known(w.term)]
        close = self.concepts.suggest([*question.unresolved, *unknown])
        suggestions = tuple(self.names.label(k, question.lang) for k in close)
        entities = tuple(self.concepts.entity(k, question.lang) for k in question.keys if k in self.concepts)
        return Answer(question.text, False, refusal(question.lang, suggestions), entities, (), None,
                      question.intent.kind, question.lang, suggestions, 0.0)
