"""Term discovery: every source, each with its evidence line, and the evidence each one asks for."""
from __future__ import annotations

from pathlib import Path

from kgraph.corpus import read_corpus
from kgraph.discover import Discovered, discover
from kgraph.lexicon import Lexicon
from kgraph.model import Term
from kgraph.parse import parse_note
from kgraph.parse.context import Reading
from kgraph.structure import glossary_pages, term_titles

NOTE = """# 存储

## 静态 Pod

静态 Pod 直接由 kubelet 管理。

持久存储卷声明(Persistent Volume Claim，PVC)表达的是用户对存储的请求。
它们分别是 CNI（Container Networking Interface）和批处理型(batch)任务。

`emptyDir` 卷最初是空的。

删除 Pod 时 `emptyDir` 中的数据也会被删除。

新的 Deploymnet 会替换旧的。Deployment 管理 Pod，Deployment 可以回滚，每个 Deployment 有版本。
"""

LEXICON = [
    Term("Pod", (("Pod", "en", "pref"),), ("WorkloadResource",)),
    Term("Node", (("Node", "en", "pref"), ("节点", "zh", "pref")), ("ClusterNode",)),
    Term("Job", (("Job", "en", "pref"),), ("WorkloadController",)),
    Term("kubelet", (("kubelet", "en", "pref"),), ("NodeComponent",)),
    Term("Deployment", (("Deployment", "en", "pref"),), ("WorkloadController",)),
    Term("Container", (("container", "en", "pref"), ("容器", "zh", "pref")), ("Container",)),
    Term("Ingress", (("Ingress", "en", "pref"),), ("ServiceResource",)),
    Term("containerd", (("containerd", "en", "pref"),), ("ContainerRuntime",)),
    Term("Label", (("Label", "en", "pref"), ("标签", "zh", "pref")), ("ConfigurationConcept",)),
    Term("Controller", (("controller", "en", "pref"), ("控制器", "zh", "pref")), ("ControlPlaneComponent",)),
    Term("AdmissionController", (("admission controller", "en", "pref"), ("准入控制器", "zh", "pref")), ("Component",)),
    Term("QoSClass", (("QoS class", "en", "pref"),), ("ConfigurationConcept",)),
    Term("LimitRange", (("LimitRange", "en", "pref"),), ("WorkloadResource",)),
    Term("Taint", (("taint", "en", "pref"), ("污点", "zh", "pref")), ("ConfigurationConcept",)),
    Term("HookHandler", (("hook handler", "en", "pref"), ("回调处理程序", "zh", "pref")), ("ConfigurationConcept",)),
]
CLASS_LABELS = {"Interface": ("interface", "接口"), "Volume": ("volume", "卷"), "Controller": ("controller", "控制器")}
API = ("WorkloadResource", "WorkloadController", "ServiceResource")


def is_a(types, classes) -> bool:
    return any(t in API for t in types) and "APIResource" in classes or "ClusterNode" in types and "ClusterNode" in classes


def run(tmp_path: Path, notes: dict[str, str]) -> Discovered:
    for name, text in notes.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    read = read_corpus(tmp_path)
    reading = Reading(term_titles=term_titles(read.notes))
    parsed = [parse_note(note, Reading(reading.shortcodes, reading.term_titles, note.lang)) for note in read.notes]
    passages = [p for item in parsed for p in item.passages]
    return discover(passages, Lexicon(LEXICON), CLASS_LABELS, glossary_pages(parsed), [p.note for p in parsed], is_a=is_a)


def discovered(tmp_path: Path, notes: dict[str, str] | None = None) -> dict[str, tuple]:
    """Key -> (labels of all its discoveries, types, first rule, first line)."""
    merged: dict[str, tuple] = {}
    for d in run(tmp_path, notes or {"n.md": NOTE}).discoveries:
        first = merged.get(d.term.key)
        labels = (first[0] if first else ()) + d.term.labels
        merged[d.term.key] = (labels, d.term.types, *(first[2:] if first else (d.evidence.rule, d.evidence.span.start_line)))
    return merged


def test_glosses_give_one_concept_with_every_name(tmp_path):
    found = discovered(tmp_path)
    assert found["PersistentVolumeClaim"] == (
        (("持久存储卷声明", "zh", "pref"), ("Persistent Volume Claim", "en", "pref"), ("PVC", "en", "alt")),
        (), "discover-gloss-zh", 7)
    # typed from the ontology class whose label ends the name ("... Interface")
    assert found["ContainerNetworkingInterface"] == (
        (("Container Networking Interface", "en", "pref"), ("CNI", "en", "alt")), ("Interface",), "discover-gloss-abbr", 8)


def test_lowercase_glosses_are_descriptions_not_terms(tmp_path):
    assert not [key for key in discovered(tmp_path) if "batch" in key.lower()]


def test_heading_with_a_modifier_before_a_known_name(tmp_path):
    assert discovered(tmp_path)["静态Pod"] == ((("静态 Pod", "zh", "pref"),), (), "discover-heading", 5)


def test_inline_code_named_with_a_class_word_becomes_a_term(tmp_path):
    assert discovered(tmp_path)["emptyDir"] == ((("emptyDir", "en", "pref"),), (), "discover-code", 10)


def test_misspelling_becomes_a_hidden_label_of_the_known_concept(tmp_path):
    assert discovered(tmp_path)["Deployment"] == ((("Deploymnet", "en", "hidden"),), (), "discover-misspelling", 14)


def test_a_gloss_names_the_whole_chinese_name_cut_at_a_word(tmp_path):
    found = discovered(tmp_path, {"n.md": "准入控制可以并使用通用表达式语言（Common Expression Language）编写规则。\n"})
    assert found["CommonExpressionLanguage"][0] == (("通用表达式语言", "zh", "pref"), ("Common Expression Language", "en", "pref"))


def test_a_gloss_too_short_for_its_english_name_gives_no_chinese_name(tmp_path):
    found = discovered(tmp_path, {"n.md": "聚合层会把请求交给扩展 API 服务器（Extension API Server）处理。\n"})
    assert "ExtensionAPIServer" not in found


def test_a_gloss_of_a_longer_name_is_a_narrower_concept(tmp_path):
    found = discovered(tmp_path, {"n.md": "Pod 可以有一个或多个 Init 容器（Init Container）。\n"})
    assert found["InitContainer"][0] == (("Init 容器", "zh", "pref"), ("Init Container", "en", "pref"))
    assert "Container" not in found


def test_one_table_cell_gloss_is_no_alias(tmp_path):
    table = "| 名字 | 说明 |\n|---|---|\n| 应用（WordPress） | 博客 |\n"
    assert "WordPress" not in discovered(tmp_path, {"n.md": table})
    assert "WordPress" in discovered(tmp_path, {"n.md": table + "| 应用（WordPress） | 又一个 |\n"})


def test_a_new_name_for_a_known_concept_needs_two_glosses(tmp_path):
    once = "镜像可以打标签（Tag），例如 latest。\n"
    assert "Label" not in discovered(tmp_path, {"n.md": once})
    assert discovered(tmp_path, {"n.md": once + "\n另一个标签（Tag）是 v1。\n"})["Label"][0] == (("标签", "zh", "pref"), ("Tag", "en", "pref"))


def test_task_headings_and_phrases_are_not_terms(tmp_path):
    note = "## 创建 Deployment\n\n你可以创建 Deployment。\n\n## Configure a Pod\n\nConfigure a Pod here.\n\n## Using Pods\n\nUsing Pods is easy.\n"
    assert not {"创建Deployment", "ConfigureaPod", "UsingPods"} & set(discovered(tmp_path, {"n.md": note}))


def test_a_heading_is_a_name_only_when_text_writes_it_so(tmp_path):
    note = ("## Karpenter\n\nThe Karpenter project adds nodes.\n\n## Metrics\n\nThe metrics say much, and metrics matter.\n"
            " One of the Metrics is good.\n")
    found = discovered(tmp_path, {"n.md": note})
    assert "Karpenter" in found and "Metrics" not in found


def test_field_paths_and_feature_gates_are_not_terms(tmp_path):
    note = ("Set `spec` in the volume.\n\nThe `spec` field is required.\n\n"
            "The `NodeLogQuery` feature gate turns it on; the `NodeLogQuery` feature is new.\n")
    assert not {"spec", "NodeLogQuery"} & set(discovered(tmp_path, {"n.md": note}))


def test_near_words_of_their_own_are_not_misspellings(tmp_path):
    note = ("An Egress rule differs from Ingress. Ingress and Ingress and Ingress.\n\n"
            "The data is contained in containerd, containerd, containerd.\n")
    found = discovered(tmp_path, {"n.md": note})
    assert "Ingress" not in found and "containerd" not in found


def test_component_names_are_controllers_of_their_concept(tmp_path):
    note = "The node controller watches nodes. The Job controller creates Pods.\n\n节点控制器会添加污点。\n\nThe controller manager runs them.\n"
    found = discovered(tmp_path, {"n.md": note})
    assert found["NodeController"] == ((("node controller", "en", "pref"), ("节点控制器", "zh", "pref")), ("Controller",),
                                       "discover-component", 1)
    assert found["JobController"][:2] == ((("Job controller", "en", "pref"),), ("Controller",))
    assert "ControllerManager" not in found



def test_role_names_are_members_of_their_role(tmp_path):
    note = ("The LimitRange admission controller sets defaults.\n\n"
            "Pods in the `Burstable` QoS class may be evicted.\n\nLimitRange 准入控制器设置默认值。\n")
    result = run(tmp_path, {"n.md": note})
    found = discovered(tmp_path, {"n.md": note})
    assert found["LimitRangeAdmissionController"][:2] == (
        (("LimitRange admission controller", "en", "pref"), ("LimitRange 准入控制器", "zh", "pref")), ("Component",))
    assert found["BurstableQoSClass"][0] == (("Burstable QoS class", "en", "pref"), ("Burstable", "en", "weak"))
    members = {(m.key, m.kind, m.evidence.span.start_line) for m in result.members}
    assert members == {("LimitRangeAdmissionController", "AdmissionController", 1), ("BurstableQoSClass", "QoSClass", 3),
                       ("LimitRangeAdmissionController", "AdmissionController", 5)}


def test_names_that_differ_only_in_case_are_one_concept(tmp_path):
    note = ("The `NodeFeatureGate` admission controller checks Pods.\n\n"
            "The `nodefeaturegate` admission controller can reject Pods.\n")
    result = run(tmp_path, {"n.md": note})
    keys = {d.term.key for d in result.discoveries}
    assert "NodeFeatureGateAdmissionController" in keys and "nodefeaturegateAdmissionController" not in keys
    assert {(m.key, m.evidence.span.start_line) for m in result.members} == {
        ("NodeFeatureGateAdmissionController", 1), ("NodeFeatureGateAdmissionController", 3)}


def test_a_naming_verb_introduces_an_emphasized_kind_of_a_known_concept(tmp_path):
    note = ("满足调度要求的所有节点称之为**可调度节点**。\n\n"
            "Nodes that meet the requirements are called _feasible nodes_.\n\n"
            "这类 Pod 被称为**可调度**。\n\nSuch Pods are called *static*.\n\n这个过程称为**绑定**。\n")
    found = discovered(tmp_path, {"n.md": note})
    assert found["可调度节点"][0] == (("可调度节点", "zh", "pref"),) and found["可调度节点"][2:] == ("discover-naming", 1)
    assert found["FeasibleNodes"][0] == (("feasible nodes", "en", "pref"),)
    # an attribute, one emphasized word, an activity: no names of a kind
    assert {"可调度", "Static", "绑定"}.isdisjoint(found)


def test_names_listed_under_a_kind_are_its_members(tmp_path):
    note = ("The node controller taints a Node. The following taints are built in:\n\n"
            " * `node.kubernetes.io/not-ready`: Node is not ready.\n"
            " * `node.kubernetes.io/unreachable`: Node is unreachable.\n\n"
            "There are three types of hook handlers that can be implemented:\n\n"
            "* Exec - Executes a command.\n* HTTP - Executes a request.\n* Sleep - Pauses the container.\n\n"
            "The following Pod capabilities are supported:\n\n* Readiness, liveness, and startup probes\n* Pod `status` fields\n\n"
            "当前内置的污点包括：\n\n* `node.kubernetes.io/pid-pressure`：节点的 PID 压力。\n"
            "* `node.kubernetes.io/not-ready`：节点未准备好。\n")
    result = run(tmp_path, {"n.md": note})
    members = sorted((m.evidence.text, m.kind, m.evidence.span.start_line, m.discovery is not None) for m in result.members)
    assert members == [
        ("Exec", "HookHandler", 8, True), ("HTTP", "HookHandler", 9, True), ("Sleep", "HookHandler", 10, True),
        ("node controller", "Controller", 1, True),
        ("node.kubernetes.io/not-ready", "Taint", 3, True), ("node.kubernetes.io/not-ready", "Taint", 20, True),
        ("node.kubernetes.io/pid-pressure", "Taint", 19, True), ("node.kubernetes.io/unreachable", "Taint", 4, True)]
    found = discovered(tmp_path, {"n.md": note})
    assert found["node.kubernetes.iounreachable"][:2] == ((("node.kubernetes.io/unreachable", "en", "pref"),), ("ConfigurationConcept",))
    assert "Readiness" not in found


GLOSSARY_ZH = """---
title: 污点（Taint）
id: taint
aka:
- 节点污点
tags:
- fundamental
---

<!--
A core object.
-->
污点是一种核心对象，包含三个必需的属性。

<!--more-->

污点和容忍度一起工作。
"""
GLOSSARY_EN = """---
title: Taint
id: taint
tags:
- fundamental
---
A core object consisting of three required properties.

<!--more-->

Taints and tolerations work together.
"""
PAGE = """---
title: 调度
---
污点会阻止在{{< glossary_tooltip text="节点" term_id="node" >}}上调度 Pod，
而 {{< glossary_tooltip term_id="taint" >}} 由 {{< glossary_tooltip text="容忍度" term_id="toleration" >}} 抵消。
{{< glossary_tooltip text="tolerations" term_id="toleration" >}} are set on Pods.
"""


def test_a_glossary_page_names_its_term_in_both_languages(tmp_path):
    result = run(tmp_path, {"zh-cn/glossary/taint.md": GLOSSARY_ZH, "en/glossary/taint.md": GLOSSARY_EN})
    [found] = [d for d in result.discoveries if d.evidence.rule == "discover-glossary"]
    assert found.term.key == "Taint" and result.term_keys == {"taint": "Taint"}
    assert found.term.labels == (("Taint", "en", "pref"), ("污点", "zh", "pref"), ("Taint", "en", "pref"), ("节点污点", "zh", "alt"))
    assert (found.evidence.note_path, found.evidence.span.start_line) == ("en/glossary/taint.md", 7)


def test_glossary_links_name_their_term_with_the_words_they_show(tmp_path):
    result = run(tmp_path, {"zh-cn/glossary/taint.md": GLOSSARY_ZH, "zh-cn/page.md": PAGE})
    assert result.term_keys == {"taint": "Taint", "node": "Node", "toleration": "Toleration"}
    [toleration] = [d for d in result.discoveries if d.term.key == "Toleration"]
    assert toleration.term.labels == (("容忍度", "zh", "pref"), ("toleration", "en", "pref"))
    assert (toleration.evidence.rule, toleration.evidence.span.start_line) == ("discover-link", 5)


def test_naming_verbs_give_another_name(tmp_path):
    note = ("K8s集群中的计算能力由Node提供，最初Node称为服务节点Minion，后来改名为Node。\n\n"
            "这种 Pod 被称为静态 Pod。\n\nThe kubelet, also known as the Node Agent, runs on every node.\n\n"
            "A Pod is called a group of containers.\n")
    found = discovered(tmp_path, {"n.md": note})
    assert found["Node"][0] == (("服务节点", "zh", "alt"), ("Minion", "en", "alt"))
    assert found["Node"][2:] == ("discover-naming", 1)
    assert found["kubelet"][0] == (("Node Agent", "en", "alt"),)
    assert "Pod" not in found  # a longer name of something narrower, and a description
