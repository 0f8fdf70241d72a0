"""Each intent bound to its strategies (``strategies``), and the parts they share: ``names`` (how an
answer names concepts and relations) and ``kinds`` (the kind of answer asked for). Over the tiny
notes of tests/data/answer/notes."""
from __future__ import annotations

import pytest

from kgraph.answer import definition_passages, graph_answers, listing, pairs, text_answers
from kgraph.answer.kinds import Kinds
from kgraph.answer.names import Names


@pytest.fixture(scope="module")
def answerer(kb):
    return kb.answerer


def bound(answerer, text):
    question = answerer.reader.read(text)
    return question, answerer.strategies.for_question(question)


@pytest.mark.parametrize("text, functions", [
    ("什么是 StatefulSet？", [graph_answers.definition, definition_passages.defined, text_answers.purpose]),
    ("Deployment 管理什么？", [graph_answers.relation, text_answers.retrieval]),
    ("Deployment 和 Pod 是什么关系？", [graph_answers.direct_relationship, pairs.together, graph_answers.relationship,
                                   text_answers.difference, text_answers.retrieval]),
    ("Service 和 Ingress 的区别", [text_answers.difference, text_answers.retrieval]),
    ("卷有哪些类型？", [listing.listing, text_answers.retrieval]),
    ("Master 节点由哪些组件组成？", [graph_answers.composition, graph_answers.relation, text_answers.retrieval]),
    ("How do I bake sourdough bread?", [text_answers.retrieval]),
])
def test_each_intent_has_its_strategies_in_order(answerer, text, functions):
    _, strategies = bound(answerer, text)
    assert [s.func for s in strategies] == functions


def test_a_strategy_is_bound_to_exactly_the_parts_it_reads(answerer):
    _, (relation, retrieval) = bound(answerer, "Deployment 管理什么？")
    assert set(relation.keywords) == {"graph", "names", "kinds", "concepts", "fallbacks"}
    assert relation.keywords["fallbacks"] is answerer.strategies.vocabulary.fallback_relations
    assert set(retrieval.keywords) == {"retriever", "coverage", "index", "kinds", "composition_cues"}
    assert not relation.args and not retrieval.args


def test_the_graph_ranks_sentences_in_the_questions_language(answerer):
    for text, lang in (("Deployment 管理什么？", "zh"), ("What does Deployment manage?", "en")):
        _, strategies = bound(answerer, text)
        assert strategies[0].keywords["graph"].lang == lang


def test_the_definition_fallbacks_are_bound_too(answerer):
    _, (definition, _, purpose) = bound(answerer, "什么是 StatefulSet？")
    about = definition.keywords["about"]
    assert about.func is definition_passages.about
    assert about.keywords["hits_about"].func is text_answers.about_hits
    assert purpose.keywords["retrieval"].func is text_answers.retrieval


def test_a_bound_strategy_drafts_from_its_parts(answerer):
    question, (relation, _) = bound(answerer, "Deployment 管理什么？")
    draft = relation(question)
    assert (draft.kind, draft.summary, draft.concepts) == ("relation", "Deployment 管理 副本集（ReplicaSet）。", ("ReplicaSet",))


def test_names_say_a_concept_as_the_question_does(answerer):
    relations = answerer.strategies.relations
    question = answerer.reader.read("谁管理 ReplicaSet？")  # its Chinese name is 副本集
    names = Names.for_question(answerer.concepts, relations, question)
    assert names.surfaces == {"ReplicaSet": "ReplicaSet"} and names.label("ReplicaSet", "zh") == "ReplicaSet"
    assert Names(answerer.concepts, relations).label("ReplicaSet", "zh") == "副本集（ReplicaSet）"
    plural = Names.for_question(answerer.concepts, relations, answerer.reader.read("What manages Pods?"))
    assert plural.surfaces == {} and plural.label("Pod", "en") == "Pod"  # "Pods" is no name of it
    assert names.verb("manages", "en", plural=True) == "manage"
    assert names.listed(["Deployment", "ReplicaSet", "Deployment"], "zh") == "部署（Deployment）、ReplicaSet"


def test_kinds_narrow_to_the_kind_of_answer_asked_for(answerer):
    kinds = Kinds(answerer.concepts, answerer.strategies.graph)
    asked = answerer.reader.read("Which object replaced the ReplicationController?")  # answer_class APIResource
    assert kinds.narrow(["ReplicaSet", "kubelet"], asked) == ["ReplicaSet"]
    free = answerer.reader.read("Deployment 管理什么？")
    assert kinds.members(free) is None and kinds.narrow(["kubelet", "kubelet"], free) == ["kubelet"]
