"""Each question type, in Chinese and English, answered over the tiny notes: exact answers and lines."""
from __future__ import annotations

import pytest

from kgraph.answer.model import Segment
from kgraph.build import build
from kgraph.config import Settings
from kgraph.errors import BadRequest
from kgraph.kb import KnowledgeBase
from kgraph.web.answers import answer_json, answer_text

WORKLOADS = "workloads.md"
SCHEDULING = "scheduling.md"


def cited(answer) -> list[tuple[str, int, int, str]]:
    return [(c.source, c.start_line, c.end_line, c.quote) for c in answer.citations]


def test_definition_from_the_graph(kb):
    answer = kb.ask("什么是 StatefulSet？")
    assert answer.answered and answer.kind == "definition" and answer.lang == "zh"
    assert answer_text(answer) == "笔记中关于StatefulSet的说明：“StatefulSet 是用来管理有状态应用的工作负载控制器。”[1]"
    assert cited(answer) == [(WORKLOADS, 11, 11, "StatefulSet 是用来管理有状态应用的工作负载控制器。")]
    assert [e.key for e in answer.entities] == ["StatefulSet"]
    assert "skos:definition" in answer.sparql and "PREFIX skos:" in answer.sparql


def test_definition_in_english_of_a_list_item(kb):
    answer = kb.ask("What is hostPath?")
    assert answer.answered and answer.lang == "en"
    assert answer_text(answer).startswith("What the notes say about hostPath: ")
    assert cited(answer) == [(WORKLOADS, 32, 32, "hostPath：把主机上的文件挂载到 Pod 中。")]


def test_definition_from_the_passages_needs_a_sentence_saying_what_it_is(kb):
    answer = kb.ask("What is kube-proxy?")  # no definition in the graph; the sentence opens with it and says what it does
    assert answer.answered and answer.kind == "definition"
    assert cited(answer) == [(SCHEDULING, 7, 7, "The kube-proxy runs on every node.")]
    for question in ("What is gRPC?", "什么是 Device Plugin？"):  # only mentioned: "kubelet 通过 gRPC 协议与 Device Plugin 交互"
        refused = kb.ask(question)
        assert not refused.answered and not refused.citations, question


def test_forward_relation(kb):
    answer = kb.ask("Deployment 管理什么？")
    assert answer.kind == "relation"
    assert answer_text(answer) == "Deployment 管理 副本集（ReplicaSet）。笔记原文：“Deployment 管理 ReplicaSet。”[1]"
    assert answer.parts == (Segment("Deployment 管理 副本集（ReplicaSet）。"), Segment("笔记原文："),
                            Segment("“Deployment 管理 ReplicaSet。”", 0))  # the domain writes no "[1]"
    assert cited(answer) == [(WORKLOADS, 5, 5, "Deployment 管理 ReplicaSet。")]
    assert [e.key for e in answer.entities] == ["Deployment", "ReplicaSet"]


def test_inverse_relation_in_english(kb):
    answer = kb.ask("What manages Pods?")
    assert answer_text(answer) == "ReplicaSet manages Pod. The notes say: “ReplicaSet 管理 Pod。”[1]"
    assert cited(answer) == [(WORKLOADS, 7, 7, "ReplicaSet 管理 Pod。")]


@pytest.mark.parametrize("question", ["What is a ReplicaSet managed by?", "ReplicaSet 被谁管理？", "谁管理 ReplicaSet？"])
def test_passive_and_inverse_forms_ask_for_the_subject(kb, question):
    answer = kb.ask(question)
    assert answer.answered and answer.kind == "relation"
    assert cited(answer) == [(WORKLOADS, 5, 5, "Deployment 管理 ReplicaSet。")]


def test_english_verb_forms_find_the_relation_word(kb):
    answer = kb.ask("Which object replaced the ReplicationController?")
    assert answer_text(answer).startswith("ReplicaSet supersedes ReplicationController.")
    assert cited(answer) == [(SCHEDULING, 5, 5, "A ReplicaSet replaces the ReplicationController.")]


def test_relationship_is_the_path_between(kb):
    answer = kb.ask("Deployment 和 Pod 是什么关系？")
    assert answer.kind == "relationship"
    assert answer_text(answer).startswith(
        "Deployment 管理 副本集（ReplicaSet），副本集（ReplicaSet） 管理 Pod（Deployment → 副本集（ReplicaSet） → Pod）。")
    assert cited(answer) == [(WORKLOADS, 5, 5, "Deployment 管理 ReplicaSet。"), (WORKLOADS, 7, 7, "ReplicaSet 管理 Pod。")]
    assert "?m1" in answer.sparql and "ReplicaSet" in [e.key for e in answer.entities]


def test_difference_quotes_the_contrast(kb):
    answer = kb.ask("Service 和 Ingress 有什么区别？")
    assert answer.kind == "difference"
    assert cited(answer) == [(WORKLOADS, 17, 17, "Service 工作在四层，而 Ingress 工作在七层，这是两者的区别。")]


def test_list_announced_then_its_items(kb):
    answer = kb.ask("卷有哪些类型？")
    assert answer.kind == "list"
    assert answer_text(answer).startswith("卷：emptyDir、hostPath。根据笔记：")
    assert [c.start_line for c in answer.citations] == [29, 31, 32]


def test_composition_lists_the_parts(kb):
    answer = kb.ask("Master 节点由哪些组件组成？")
    assert answer.kind == "composition"
    assert {"kube-apiserver", "kube-scheduler", "kube-controller-manager"} <= {e.key for e in answer.entities}
    assert [c.start_line for c in answer.citations] == [21]


def test_what_runs_on_every_node(kb):
    answer = kb.ask("What runs on every node?")
    assert answer.kind == "composition"
    assert answer_text(answer).startswith("Node includes kube-proxy.")
    assert cited(answer) == [(SCHEDULING, 7, 7, "The kube-proxy runs on every node.")]


def test_two_entities_and_the_kind_of_answer(kb):
    answer = kb.ask("kubelet 用什么协议与 Device Plugin 交互？")
    assert answer_text(answer).startswith("gRPC。kubelet 与 Device Plugin 交互。")
    assert cited(answer) == [(WORKLOADS, 25, 25, "kubelet 通过 gRPC 协议与 Device Plugin 交互。")]


def test_a_relation_the_vocabulary_gained_is_answered_from_the_graph(kb):
    answer = kb.ask("What does the kube-scheduler watch for?")
    assert answer.kind == "relation" and answer.sparql
    assert answer_text(answer).startswith("kube-scheduler watches Pod.")
    assert [c.start_line for c in answer.citations] == [3]


def test_other_questions_are_answered_from_passages(kb):
    answer = kb.ask("What does the kube-scheduler pick for each Pod?")
    assert answer.kind == "retrieval" and answer.sparql is None
    assert answer_text(answer).startswith("According to the notes: ")
    assert [c.start_line for c in answer.citations] == [3]


@pytest.mark.parametrize("question", ["What is Kafka?", "How do I configure Redis persistence?", "Kafka 和 Deployment 有什么区别？"])
def test_unknown_things_are_refused(kb, question):
    answer = kb.ask(question)
    assert answer.answered is False and answer.citations == () and answer.sparql is None
    assert answer_text(answer) in ("The notes do not answer this question.", "笔记中没有找到能回答这个问题的内容。")


def test_refusal_suggests_close_labels(kb):
    answer = kb.ask("Deploymnt 是什么？")
    assert answer.answered is False
    assert answer.suggestions == ("部署（Deployment）",)
    assert answer_text(answer) == "笔记中没有找到能回答这个问题的内容。您是不是想问：部署（Deployment）？"


def test_every_citation_holds_its_quote(kb, answer_settings):
    notes = {p.name: p.read_text(encoding="utf-8").splitlines() for p in answer_settings.corpus.iterdir()}
    for question in ["什么是 StatefulSet？", "Deployment 和 Pod 是什么关系？", "卷有哪些类型？", "What runs on every node?"]:
        for c in kb.ask(question).citations:
            assert c.quote in "\n".join(notes[c.source][c.start_line - 1:c.end_line])
            assert c.url == f"/notes/{c.source}#L{c.start_line}-L{c.end_line}"


def test_generated_sparql_runs_as_given(kb):
    answer = kb.ask("Deployment 管理什么？")
    rows = kb.sparql.select(answer.sparql)
    assert {str(r["object"]).rsplit("/", 1)[-1] for r in rows} == {"ReplicaSet"}


@pytest.mark.parametrize("text", ["", "   ", "x" * 501, "what\x07is"])
def test_unacceptable_questions_are_bad_requests(kb, text):
    with pytest.raises(BadRequest):
        kb.ask(text)


def test_answer_json_shape(kb):
    data = answer_json(kb.ask("Deployment 管理什么？"))
    assert list(data)[:3] == ["question", "answered", "answer"]
    assert set(data) >= {"question", "answered", "answer", "parts", "entities", "citations", "sparql"}
    assert data["parts"][-1] == {"text": "“Deployment 管理 ReplicaSet。”", "citation": 0}
    assert set(data["entities"][0]) >= {"iri", "label", "labels"}
    assert set(data["citations"][0]) >= {"source", "start_line", "end_line", "heading", "quote", "url"}
    assert data["citations"][0]["heading"] == "工作负载 > Deployment"


def test_facts_between_the_same_two_concepts_are_said_in_one_sentence(tmp_path):
    knowledge = _kb_over(tmp_path, "# Deployment\n\nDeployment 管理 Pod。\n\nDeployment 通过标签选择 Pod。\n")
    try:
        zh, en = knowledge.ask("Deployment 和 Pod 是什么关系？"), knowledge.ask("How are Deployment and Pod related?")
    finally:
        knowledge.close()
    assert answer_text(zh).startswith("Deployment 管理、选择 Pod。笔记原文：")
    assert answer_text(en).startswith("Deployment manages and selects Pod. The notes say:")
    assert [c.start_line for c in zh.citations] == [3, 5]


def _kb_over(tmp_path, text: str) -> KnowledgeBase:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(text, encoding="utf-8")
    config = Settings(corpus=notes, store=tmp_path / "store")
    build(config)
    return KnowledgeBase(config)


def test_two_concepts_without_a_fact_are_related_by_a_sentence_about_the_pair(tmp_path):
    knowledge = _kb_over(tmp_path, "# 调度\n\n"
                         "- 污点和容忍度\n\n"  # a link list's item: names two things, relates nothing
                         "进一步阅读污点与容忍度文档。\n\n"  # points elsewhere: states nothing
                         "下面的容忍度与上面例子中的污点相匹配，所以 Pod 能够被调度到 node1。\n\n"
                         "污点和容忍度一起工作，以确保不会将 Pod 调度到不适合的节点上。\n")
    try:
        answer = knowledge.ask("污点和容忍度是什么关系？")
    finally:
        knowledge.close()
    assert answer.answered and [c.start_line for c in answer.citations][:1] == [9]


def test_a_composition_question_prefers_a_sentence_saying_what_it_is_made_of(tmp_path):
    knowledge = _kb_over(tmp_path, "# Taint\n\n"
                         "The node controller taints a Node when certain conditions are true and the taint stays.\n\n"
                         "A taint is a core object consisting of three required properties: key, value and effect.\n")
    try:
        answer = knowledge.ask("What does a taint consist of?")
    finally:
        knowledge.close()
    assert answer.answered and answer.citations[0].start_line == 5


def test_an_announced_definition_list_answers_with_its_terms(tmp_path):
    knowledge = _kb_over(tmp_path, "# Container hooks\n\nThere are two hooks that are exposed to Containers:\n\n"
                         "`PostStart`\n: This hook is executed immediately after a container is created.\n\n"
                         "`PreStop`\n: This hook is called immediately before a container is terminated.\n")
    try:
        answer = knowledge.ask("Which hooks are exposed to Containers?")
    finally:
        knowledge.close()
    assert [(c.quote, c.start_line) for c in answer.citations] == [
        ("There are two hooks that are exposed to Containers:", 3), ("PostStart", 5), ("PreStop", 8)]
