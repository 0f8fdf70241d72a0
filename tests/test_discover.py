"""Term discovery: glosses, headings, inline code and misspellings, each with its evidence line."""
from __future__ import annotations

from pathlib import Path

from kgraph.corpus import read_corpus
from kgraph.discover import discover
from kgraph.lexicon import Lexicon
from kgraph.model import Term
from kgraph.parse import parse_note

NOTE = """# 存储

## 静态 Pod

静态 Pod 直接由 kubelet 管理。

持久存储卷声明(Persistent Volume Claim，PVC)表达的是用户对存储的请求。
它们分别是 CNI（Container Networking Interface）和批处理型(batch)任务。

`emptyDir` 卷最初是空的。

删除 Pod 时 `emptyDir` 中的数据也会被删除。

新的 Deploymnet 会替换旧的。
"""

LEXICON = [
    Term("Pod", (("Pod", "en", "pref"),), ("WorkloadResource",)),
    Term("kubelet", (("kubelet", "en", "pref"),), ("NodeComponent",)),
    Term("Deployment", (("Deployment", "en", "pref"),), ("WorkloadController",)),
]
CLASS_LABELS = {"Interface": ("interface", "接口"), "Volume": ("volume", "卷")}


def discovered(tmp_path: Path) -> dict[str, tuple]:
    (tmp_path / "n.md").write_text(NOTE, encoding="utf-8")
    passages = [p for note in read_corpus(tmp_path).notes for p in parse_note(note).passages]
    found = discover(passages, Lexicon(LEXICON), CLASS_LABELS)
    return {d.term.key: (d.term.labels, d.term.types, d.evidence.rule, d.evidence.span.start_line) for d in found}


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


def test_inline_code_seen_twice_becomes_a_term(tmp_path):
    assert discovered(tmp_path)["emptyDir"] == ((("emptyDir", "en", "pref"),), (), "discover-code", 10)


def test_misspelling_becomes_a_hidden_label_of_the_known_concept(tmp_path):
    assert discovered(tmp_path)["Deployment"] == ((("Deploymnet", "en", "hidden"),), (), "discover-misspelling", 14)
