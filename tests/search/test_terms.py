"""TermIndex: the longest completable tail of what was typed, and the best label per concept."""
from __future__ import annotations

from kgraph.search.terms import Label, TermIndex, normalize, tail_starts


def test_tail_starts_and_normalize() -> None:
    assert tail_starts("what is rs") == [0, 5, 8]
    assert tail_starts("什么是RS") == [0, 1, 2, 3]
    assert tail_starts("kube-a") == [0, 5]
    assert normalize("Kube-API Server") == "kubeapiserver"


def test_limit_and_order_among_concepts() -> None:
    labels = [Label(normalize(text), text, "en", kind, key) for text, kind, key in [
        ("ReplicationController", "prefLabel", "ReplicationController"), ("ReplicaSet", "prefLabel", "ReplicaSet"),
        ("RC", "altLabel", "ReplicationController"), ("Replica Set", "altLabel", "ReplicaSet"),
        ("Replicas", "hiddenLabel", "Replicas")]]
    index = TermIndex("v1", labels)
    tail, found = index.complete("what manages repl", 5)
    assert (tail, [(x.key, x.text) for x in found]) == (
        "repl", [("ReplicaSet", "ReplicaSet"), ("ReplicationController", "ReplicationController"), ("Replicas", "Replicas")])
    assert [x.key for x in index.complete("repl", 1)[1]] == ["ReplicaSet"]
    # Spaces do not count, and an exact match comes first even when it is a misspelling.
    assert [x.text for x in index.complete("replica s", 5)[1]] == ["Replicas", "ReplicaSet"]


def test_a_misspelling_shows_the_preferred_label_of_its_language() -> None:
    index = TermIndex("v1", [Label(normalize(t), t, lang, kind, "Deployment") for t, lang, kind in [
        ("Deployment", "en", "prefLabel"), ("部署", "zh", "prefLabel"), ("Deploymnet", "en", "hiddenLabel")]])
    typo = index.complete("deploymn", 3)[1]
    assert [index.shown(label) for label in typo] == [("Deployment", {"en": "Deployment", "zh": "部署"})]
