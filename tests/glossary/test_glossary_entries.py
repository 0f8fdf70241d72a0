"""Which concepts become entries, with which names, definition, citation, relations and types."""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import BadRequest
from kgraph.glossary import GlossaryOptions
from kgraph.glossary.entries import choose_definitions
from kgraph.glossary.model import Citation
from kgraph.glossary.names import bilingual, is_acronym
from kgraph.glossary.order import anchors, sort_key
from kgraph.reads import DefinitionRead
from kgraph.glossary.text import escape_markdown

NOTES = Path(__file__).resolve().parents[1] / "data" / "glossary" / "notes"


def entry(glossary, key):
    return next(e for e in glossary.entries if e.id == key)


def test_only_defined_concepts_in_glossary_order(load) -> None:
    glossary = load()
    assert [e.id for e in glossary.entries] == [
        "ConfigMap", "Deployment", "EmptyDir", "共享Volume", "kube-proxy", "PersistentVolume", "Pod",
        "ReplicaSet", "Service", "StatefulSet",
    ]
    assert all(e.definitions and e.definitions[0].citation.source for e in glossary.entries)


def test_include_undefined_adds_the_rest_marked_as_undefined(load) -> None:
    everything = load(include_undefined=True)
    undefined = [e.id for e in everything.entries if e.definition is None]
    assert undefined == ["Container", "Controller", "Kubernetes", "KubernetesObject", "LabelSelector", "Node", "Replica", "Rollback",
                         "RollingUpdate", "StatefulApplication"]
    assert all(e.to_dict()["defined"] is False and e.to_dict()["citations"] == [] for e in everything.entries
               if e.id in undefined)
    def core(e):
        return e.anchor, e.term, e.aliases, e.definitions, e.types

    defined = {e.id: core(e) for e in load().entries}
    assert {e.id: core(e) for e in everything.entries if e.id in defined} == defined  # same anchors, same text
    related = {r.target: r.anchor for r in entry(everything, "Service").related}
    assert related["LabelSelector"] == "term-labelselector"  # now an entry, so now linked


def test_one_entry_per_concept_with_every_alias_and_no_misspelling(load) -> None:
    glossary = load()
    pv = entry(glossary, "PersistentVolume")
    assert (pv.term, pv.label_en, pv.label_zh) == ("PersistentVolume（持久卷）", "PersistentVolume", "持久卷")
    assert pv.aliases == ("PV", "PV 卷", "持久存储卷")
    assert pv.abbreviations == ("PV",)
    statefulset = entry(glossary, "StatefulSet")
    assert statefulset.aliases == ("sts", "有状态副本集", "有状态服务集")  # not "StatefullSet"
    assert "StatefullSet" not in str(glossary.to_dict()).replace("StatefullSet 是", "")  # only in the quote
    assert entry(glossary, "ReplicaSet").aliases == ("Replica Set", "RS")


def test_explicit_definition_beats_the_heading_sentence_of_an_earlier_note(load) -> None:
    pod = entry(load(), "Pod").definition
    assert (pod.rule, pod.text) == ("def-copula", "Pod是一组共享存储和网络的容器，是Kubernetes中最小的可部署单元。")
    assert pod.citation.to_dict() == {
        "source": "workloads.md", "start_line": 5, "end_line": 5, "heading": "工作负载 > Pod",
        "quote": "Pod是一组共享存储和网络的容器，是Kubernetes中最小的可部署单元。", "url": "/notes/workloads.md#L5-L5",
    }


def test_every_citation_quotes_the_lines_it_names(load) -> None:
    for e in load().entries:
        for definition in e.definitions:
            c = definition.citation
            lines = (NOTES / c.source).read_text(encoding="utf-8").split("\n")[c.start_line - 1:c.end_line]
            assert c.quote in "\n".join(lines), (e.id, c)


@pytest.mark.parametrize(("lang", "texts"), [
    ("both", ["A ConfigMap is an API object used to store non-confidential data in key-value pairs.",
              "ConfigMap是用来保存非机密配置数据的API对象。"]),
    ("en", ["A ConfigMap is an API object used to store non-confidential data in key-value pairs."]),
    ("zh", ["ConfigMap是用来保存非机密配置数据的API对象。"]),
])
def test_definitions_follow_the_glossary_language(load, lang, texts) -> None:
    assert [d.text for d in entry(load(lang), "ConfigMap").definitions] == texts


def test_a_concept_defined_in_one_language_keeps_it_in_the_other(load) -> None:
    assert entry(load("en"), "Pod").definition.lang == "zh"


def test_related_terms_are_labelled_in_the_glossary_language_and_linked(load) -> None:
    pod = entry(load("zh"), "Pod")
    assert [(r.relation.id, r.relation.label, r.target, r.anchor) for r in pod.related] == [
        ("managedBy", "被管理（managed by）", "Deployment", "term-deployment"),
        ("managedBy", "被管理（managed by）", "ReplicaSet", "term-replicaset"),
        ("selectedBy", "被选择（selected by）", "Service", "term-service"),
    ]
    service = entry(load("zh"), "Service")  # a Service selects Pods through its label selector
    assert [(r.relation.id, r.relation.label, r.target, r.anchor) for r in service.related] == [
        ("selects", "选择（selects）", "Pod", "term-pod"),
        ("uses", "使用（uses）", "LabelSelector", None),  # not defined: no entry, no anchor
    ]
    assert [(t.id, t.label) for t in pod.types] == [("WorkloadResource", "工作负载资源（workload resource）")]
    deployment = entry(load("en"), "Deployment")  # "Deployment用于管理ReplicaSet和Pod，可以实现滚动更新和回滚"
    assert [(r.relation.label, r.target) for r in deployment.related if r.relation.id == "manages"] == [
        ("manages (管理)", "Pod"), ("manages (管理)", "ReplicaSet")]


def test_chinese_only_term_sorts_by_pinyin_and_has_an_ascii_anchor(load) -> None:
    shared = entry(load(), "共享Volume")
    assert (shared.term, shared.label_en, shared.anchor, shared.url) == (
        "共享 Volume", None, "term-gong-xiang-volume", "/id/%E5%85%B1%E4%BA%ABVolume")


def test_unknown_language_is_a_bad_request() -> None:
    with pytest.raises(BadRequest):
        GlossaryOptions(lang="fr")


def row(rule: str, confidence: float, source: str, line: int, lang: str = "zh", offset: int = 0) -> DefinitionRead:
    citation = Citation(source, line, line, "", f"{rule} {source}:{line}")
    return DefinitionRead("X", f"{rule} {source}:{line}", lang, rule, confidence, citation, offset)


def test_definition_choice_order() -> None:
    heading = row("def-heading", 0.6, "a.md", 1)
    colon = row("def-colon", 0.85, "b.md", 9)
    copula_late = row("def-copula", 0.9, "c.md", 3)
    copula_early = row("def-copula", 0.9, "c.md", 3, offset=0)
    copula_same_line_later = row("def-copula", 0.9, "c.md", 3, offset=12)
    assert choose_definitions([heading, colon], "zh")[0].text == "def-colon b.md:9"
    assert choose_definitions([heading, colon, copula_late], "zh")[0].text == "def-copula c.md:3"
    assert choose_definitions([copula_same_line_later, copula_early], "zh")[0].citation == copula_early.citation
    assert choose_definitions([row("def-copula", 0.9, "z.md", 1), row("def-copula", 0.9, "a.md", 7)], "zh")[0].text == \
        "def-copula a.md:7"
    english = row("def-heading", 0.6, "e.md", 2, lang="en")
    assert [d.lang for d in choose_definitions([colon, english], "both")] == ["en", "zh"]
    assert [d.lang for d in choose_definitions([colon, english], "zh")] == ["zh"]
    assert [d.lang for d in choose_definitions([colon], "en")] == ["zh"]


def test_sort_key_puts_chinese_only_terms_by_pinyin_among_english_ones() -> None:
    terms = {"Job": ("Job", "任务"), "静态卷": (None, "静态卷"), "kubelet": ("kubelet", None),
             "Ingress": ("Ingress", None), "重启策略": (None, "重启策略")}
    ordered = sorted(terms, key=lambda k: sort_key(k, *terms[k]))
    assert ordered == ["重启策略", "Ingress", "静态卷", "Job", "kubelet"]  # chong…, i…, jing…, jo…, k…


def test_anchors_are_ascii_unique_and_stable() -> None:
    found = anchors(["ReplicaSet", "kube-apiserver", "静态Pod", "NFS", "nfs", "C++"])
    assert found == {
        "C++": "term-c", "NFS": "term-nfs", "ReplicaSet": "term-replicaset", "kube-apiserver": "term-kube-apiserver",
        "nfs": "term-nfs-" + __import__("hashlib").sha1(b"nfs").hexdigest()[:6], "静态Pod": "term-jing-tai-pod",
    }
    assert anchors(["nfs", "ReplicaSet", "NFS"]) == {k: found[k] for k in ("nfs", "ReplicaSet", "NFS")}


@pytest.mark.parametrize(("text", "expected"), [("RS", True), ("PVC", True), ("K8s", True), ("gRPC", True),
                                                ("Pod", False), ("svc", False), ("kube-proxy", False), ("Pod IP", False)])
def test_acronyms(text, expected) -> None:
    assert is_acronym(text) is expected


def test_bilingual_names() -> None:
    assert [bilingual("ReplicaSet", "副本集", lang) for lang in ("both", "en", "zh")] == [
        "ReplicaSet（副本集）", "ReplicaSet (副本集)", "副本集（ReplicaSet）"]
    assert bilingual(None, "静态卷", "both") == "静态卷"


@pytest.mark.parametrize(("text", "expected"), [
    ("a < b & <font color='cyan'>x</font>", "a &lt; b &amp; &lt;font color='cyan'&gt;x&lt;/font&gt;"),
    ("*bold* [link](x) `code` _u_ \\ {#id}", "\\*bold\\* \\[link\\](x) \\`code\\` \\_u\\_ \\\\ \\{\\#id\\}"),
    ("1. 第一", "1\\. 第一"), ("- 项\n第二行", "\\- 项 第二行"), ("# 标题", "\\# 标题"),
])
def test_markdown_escaping(text, expected) -> None:
    assert escape_markdown(text) == expected


def test_the_glossary_package_imports_neither_flask_nor_click() -> None:
    import subprocess
    import sys

    code = "import sys, kgraph.glossary, kgraph.glossary.check; print(sorted({'flask', 'click'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
