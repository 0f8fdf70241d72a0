"""The question reader (``reading``): language, type, slots, relation words and their direction."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read(kb):
    return kb.answerer.reader.read


@pytest.mark.parametrize("question, kind, x, y", [
    ("什么是 StatefulSet？", "definition", "StatefulSet", None),
    ("StatefulSet 是做什么的？", "definition", "StatefulSet", None),
    ("kube-scheduler 负责什么？", "definition", "kube-scheduler", None),
    ("What is a StatefulSet used for?", "definition", "StatefulSet", None),
    ("What is the purpose of the kubelet?", "definition", "kubelet", None),
    ("Deployment 和 Pod 是什么关系？", "relationship", "Deployment", "Pod"),
    ("How are Service and Pod related?", "relationship", "Service", "Pod"),
    ("Service 和 Ingress 的区别", "difference", "Service", "Ingress"),
    ("What is the difference between a Service and an Ingress?", "difference", "Service", "Ingress"),
    ("Master 节点由哪些组件组成？", "composition", "MasterNode", None),
    ("What are the components of a master node?", "composition", "MasterNode", None),
])
def test_types_and_slots(read, question, kind, x, y):
    q = read(question)
    assert (q.intent.kind, q.slot_key("X"), q.slot_key("Y")) == (kind, x, y)


@pytest.mark.parametrize("question", ["卷有哪些类型？", "Kubernetes 支持哪些类型的卷？", "What types of volumes are there?"])
def test_lists_name_a_class(read, question):
    q = read(question)
    assert q.intent.kind == "list" and q.slots["X"].cls == "Volume"


def test_language(read):
    assert read("kubelet 用什么协议与 Device Plugin 交互？").lang == "zh"
    assert read("What manages ReplicaSets?").lang == "en"


@pytest.mark.parametrize("question, relation, inverse", [
    ("Deployment 管理什么？", "manages", False),
    ("What manages ReplicaSets?", "manages", False),
    ("What is a ReplicaSet managed by?", "manages", True),
    ("Which object replaced the ReplicationController?", "supersedes", False),
    ("Pod 部署在哪里？", "runsOn", False),
])
def test_relation_words_come_from_the_ontology(read, question, relation, inverse):
    q = read(question)
    assert q.intent.kind == "relation"
    assert [(r.relation, r.inverse) for r in q.relations] == [(relation, inverse)]


def test_weak_label_in_a_relation_word_is_not_a_mention(read):
    q = read("Pod 部署在哪里？")  # 部署 names Deployment, but 部署在 is "runs on"
    assert q.keys == ["Pod"]


def test_weak_label_filling_a_slot_names_the_concept(read):
    assert read("什么是部署？").slot_key("X") == "Deployment"


def test_unresolved_slot_words_are_kept(read):
    q = read("What is a Kubernetes Operator?")
    assert q.intent.kind == "definition" and q.unresolved == ["operator"]


def test_class_words_after_wh_words(read):
    assert read("Which object replaced the ReplicationController?").answer_class == "APIResource"
    assert read("kubelet 用什么协议与 Device Plugin 交互？").answer_class == "Protocol"


def test_content_words_leave_out_template_and_stop_words(read):
    q = read("ReplicaSet 的生命周期依赖 Deployment 吗？")
    assert q.yes_no and [w.word for w in q.words if not w.relation] == ["生命周期"]
