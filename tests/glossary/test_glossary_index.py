"""``kgraph.glossary.index``: letters follow the glossary order (pinyin for Chinese-only names); the
filter folds width, case and spaces and looks in names, aliases and definitions."""
from __future__ import annotations

from kgraph.glossary.index import LETTERS, filter_glossary, fold, letter_groups, letter_of, search_text


def test_groups_in_order_with_pinyin_letters(load) -> None:
    groups = letter_groups(load())
    assert [(g.letter, [e.id for e in g.entries]) for g in groups] == [
        ("C", ["ConfigMap"]), ("D", ["Deployment"]), ("E", ["EmptyDir"]), ("G", ["共享Volume"]), ("K", ["kube-proxy"]),
        ("P", ["PersistentVolume", "Pod"]), ("R", ["ReplicaSet"]), ("S", ["Service", "StatefulSet"]),
    ]
    assert [e for g in groups for e in g.entries] == list(load().entries)
    assert groups[0].anchor == "letter-C" and LETTERS[-1] == "#"


def test_a_name_not_starting_with_a_latin_letter_files_under_hash(load) -> None:
    import dataclasses

    entry = dataclasses.replace(load().entries[0], sort_key=("3d printing", "3D printing", "x"))
    assert letter_of(entry) == "#"


def test_filter_matches_folded_names_aliases_and_definitions(load) -> None:
    glossary = load()
    assert [e.id for e in filter_glossary(glossary, "ＳＴＳ").entries] == ["StatefulSet"]
    assert [e.id for e in filter_glossary(glossary, "滚动更新").entries] == ["Deployment"]
    assert filter_glossary(glossary, "   ") == glossary
    assert fold("  Replica\u3000ＳＥＴ（副本集） ") == "replica set(副本集)"
    pod = next(e for e in glossary.entries if e.id == "Pod")
    assert search_text(pod).startswith("pod(容器组) | pod | 容器组")
