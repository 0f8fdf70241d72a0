"""Lexicon: label lookup and matching in running text."""
from __future__ import annotations

from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Term

TERMS = [
    Term("ReplicationController", (("ReplicationController", "en", "pref"), ("Replication Controller", "en", "alt"),
                                   ("RC", "en", "alt"), ("复制控制器", "zh", "pref"))),
    Term("ReplicaSet", (("ReplicaSet", "en", "pref"), ("RS", "en", "alt"), ("副本集", "zh", "pref"))),
    Term("Pod", (("Pod", "en", "pref"),)),
    Term("PodIP", (("Pod IP", "en", "pref"),)),
    Term("kube-proxy", (("kube-proxy", "en", "pref"),)),
    Term("Deployment", (("Deployment", "en", "pref"), ("部署", "zh", "weak"))),
    Term("StatefulSet", (("StatefulSet", "en", "pref"), ("StatefullSet", "en", "hidden"))),
]


def lexicon() -> Lexicon:
    return Lexicon(TERMS)


def test_fold_label_ignores_case_width_spaces_and_hyphens():
    assert fold_label("Kube-Proxy") == "kubeproxy"
    assert fold_label("ＲＣ") == "rc"
    assert fold_label("Replication Controller") == "replicationcontroller"


def test_key_for_variants_and_plurals():
    lex = lexicon()
    assert lex.key_for("replication controller") == "ReplicationController"
    assert lex.key_for("Kube-proxy") == "kube-proxy"
    assert lex.key_for("ReplicaSets") == "ReplicaSet"
    assert lex.key_for("副本集") == "ReplicaSet"
    assert lex.key_for("部署") == "Deployment"  # weak labels still name the concept
    assert lex.key_for("Service") is None


def test_find_longest_first_with_offsets():
    text = "Pod IP 由 Replication Controller 管理，RS是新一代RC"
    found = [(m.key, m.surface, m.start) for m in lexicon().find(text)]
    assert found == [
        ("PodIP", "Pod IP", 0),
        ("ReplicationController", "Replication Controller", 9),
        ("ReplicaSet", "RS", 35),
        ("ReplicationController", "RC", 41),
    ]


def test_find_respects_word_boundaries_and_plurals():
    found = [(m.key, m.surface) for m in lexicon().find("Pods and ReplicaSets, not Podcasts or ARC")]
    assert found == [("Pod", "Pods"), ("ReplicaSet", "ReplicaSets")]


def test_weak_labels_are_not_matched_in_text():
    assert [m.key for m in lexicon().find("使用Deployment部署自己的应用")] == ["Deployment"]


def test_hidden_misspelling_and_zero_width_match():
    found = [(m.key, m.surface) for m in lexicon().find("StatefullSet 与 kube\u200b-proxy")]
    assert found == [("StatefulSet", "StatefullSet"), ("kube-proxy", "kube\u200b-proxy")]


def test_conflicting_label_is_reported_and_first_owner_kept():
    lex = Lexicon(TERMS + [Term("Other", (("RS", "en", "alt"),))])
    assert lex.key_for("RS") == "ReplicaSet"
    assert [str(p) for p in lex.problems] == ["ontology/lexicon.ttl: label 'RS' names both ReplicaSet and Other; kept ReplicaSet"]


def test_a_name_inside_a_dotted_identifier_is_no_mention():
    nodes = Lexicon([Term("Node", (("Node", "en", "pref"),)), Term("Kubernetes", (("Kubernetes", "en", "pref"),))])
    found = [m.surface for m in nodes.find("the node.kubernetes.io/not-ready taint of a Node. Kubernetes taints it.")]
    assert found == ["Node", "Kubernetes"]
