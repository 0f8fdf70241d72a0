"""The question reader's intents (``intents``, ``reading``) on real questions of the development
set (``questions_docs_dev.yaml``, over tests/corpora/k8s-docs): one typed value per question, with
its concepts and, for a relation, the asked direction. Never the test split."""
from __future__ import annotations

from pathlib import Path as FilePath

import pytest
import yaml

from kgraph.answer.intents import Composition, Definition, Difference, Direction, Lookup, Members, Path, Relation
from kgraph.build import build
from kgraph.config import Settings
from kgraph.kb import KnowledgeBase

HERE = FilePath(__file__).resolve().parent
DEV = yaml.safe_load((HERE / "questions_docs_dev.yaml").read_text(encoding="utf-8"))
QUESTIONS = {item["id"]: item["q"] for item in DEV["questions"]}
FORWARD, INVERSE = Direction.FORWARD, Direction.INVERSE


@pytest.fixture(scope="module")
def read(tmp_path_factory):
    settings = Settings(corpus=HERE.parent.parent / DEV["corpus"], store=tmp_path_factory.mktemp("intents-dev"))
    build(settings)
    kb = KnowledgeBase(settings)
    yield kb.answerer.reader.read
    kb.close()


@pytest.mark.parametrize("qid, intent", [
    ("def-en-taint", Definition("Taint", "a taint")),
    ("def-zh-taint", Definition("Taint", "污点")),
    ("def-en-jwt", Definition("JSONWebToken", "a JSON Web Token")),
    ("def-zh-jwt", Definition("JSONWebToken", "JWT")),
    ("def-en-feasible-nodes", Definition("Node", "feasible nodes", phrase=True)),  # a phrase about Node
    ("fwd-en-kubelet-monitors", Relation("kubelet", "monitors", FORWARD)),
    ("fwd-zh-kubelet-monitors", Relation("kubelet", "monitors", FORWARD)),
    ("fwd-zh-resourcequota-limits", Relation("ResourceQuota", "constrains", FORWARD)),
    # memory is a concept: the thing monitored, the node its owner ("节点的内存": the node's, read first)
    ("inv-en-monitors-resources", Relation("Memory", "monitors", INVERSE, "Node")),
    ("inv-zh-monitors-resources", Relation("Node", "monitors", INVERSE, "Memory")),
    ("inv-en-schedules-pods", Relation("Node", "selects", INVERSE, "Pod", ("creates",))),
    ("path-en-taint-toleration", Path("Taint", "Toleration")),
    ("path-zh-taint-toleration", Path("Taint", "Toleration")),
    ("path-zh-storageclass-pv", Path("StorageClass", "PersistentVolume")),
    ("diff-en-affinity-taints", Difference("Taint", "NodeAffinity")),
    ("diff-zh-affinity-taints", Difference("Taint", "NodeAffinity")),
    ("mem-zh-device-plugin-devices", Members(None, "Device")),
    ("mem-zh-builtin-taints", Members(None, "Taint")),
    ("comp-en-taint", Composition("Taint")),
    ("comp-zh-taint", Composition("Taint")),
    ("comp-en-scheduling-framework", Composition("SchedulingFramework")),
    ("look-en-metrics-format", Lookup()),
    ("look-zh-metrics-format", Lookup()),
])
def test_the_reader_returns_one_intent(read, qid, intent):
    assert read(QUESTIONS[qid]).intent == intent


def test_a_relation_intent_carries_what_its_strategy_asks_for(read):
    intent = read(QUESTIONS["inv-en-schedules-pods"]).intent  # "What selects a node for newly created Pods?"
    assert (intent.subject, intent.properties, intent.other) == ("Node", ("selects", "creates"), "Pod")
    assert intent.kind == "relation"


def test_a_composition_question_naming_a_relation_asks_for_it_too(read):
    question = read(QUESTIONS["comp-en-scheduling-framework"])
    assert isinstance(question.intent, Composition)
    assert question.asked_relation() == Relation("SchedulingFramework", "hasPart", FORWARD)


@pytest.mark.parametrize("intent, kind", [
    (Definition("Pod"), "definition"), (Relation("Pod", "manages", FORWARD), "relation"), (Path("A", "B"), "relationship"),
    (Difference("A", "B"), "difference"), (Members("Volume"), "list"), (Composition("Node"), "composition"),
    (Lookup(), "retrieval"),
])
def test_each_intent_names_the_type_the_api_reports(intent, kind):
    assert intent.kind == kind
