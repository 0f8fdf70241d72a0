"""graph.py against a golden TriG file, compared by graph isomorphism with a readable diff."""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kgraph.discover import Discovery
from kgraph.extract import Extraction
from kgraph.graph import GraphInput, quads
from kgraph.iri import Iris
from kgraph.model import Assertion, Definition, Evidence, Mention, Note, Passage, PassageReading, Span, Term
from rdf_files import trig_dataset

GOLDEN = Path(__file__).parent / "data" / "graph" / "expected.trig"
BASE = "http://example.org/kg"
TERMS = frozenset({"Evidence", "Passage", "Note", "WorkloadController", "WorkloadResource", "manages", "managedBy",
                   "startLine", "endLine", "text", "rule", "confidence", "headingPath", "passageKind",
                   "passageIndex", "source", "mentions", "path", "sha256", "encoding", "tag", "weakLabel"})


def passage() -> Passage:
    text = "Deployment管理ReplicaSet。"
    return Passage("a.md", 0, "paragraph", ("工作负载",), Span(3, 3), text, text, tuple(range(len(text))))


def evidence(rule: str, quote: str) -> Evidence:
    return Evidence("a.md", 0, Span(3, 3), quote, quote, rule, 0.8)


def data() -> GraphInput:
    quote = "Deployment管理ReplicaSet。"
    terms = {
        "Deployment": Term("Deployment", (("Deployment", "en", "pref"), ("部署", "zh", "pref"), ("部署", "zh", "weak")), ("WorkloadController",)),
        "ReplicaSet": Term("ReplicaSet", (("ReplicaSet", "en", "pref"), ("RS", "en", "alt")), ("WorkloadController",)),
    }
    extraction = Extraction(
        assertions=(Assertion("Deployment", "manages", "ReplicaSet", evidence("zh-active", quote)),),
        definitions=(Definition("Deployment", quote, "zh", evidence("def-copula", quote)),),
        readings={("a.md", 0): PassageReading(((0, 23),), (Mention("Deployment", 0, 10, "Deployment"),
                                                            Mention("ReplicaSet", 12, 22, "ReplicaSet")))},
    )
    discovery = Discovery(Term("ReplicaSet", (("RS", "en", "alt"),), (), "discovered"), evidence("discover-gloss-abbr", "ReplicaSet"))
    note = Note("a.md", "# 工作负载\n\nDeployment管理ReplicaSet。\n", "00ff", "utf-8", "工作负载", ("k8s",))
    return GraphInput([note], [passage()], terms, [discovery], extraction, {"manages": "managedBy"})


def dataset() -> Dataset:
    result = Dataset()
    for s, p, o, g in quads(data(), Graph(), Iris(BASE, TERMS)):
        result.graph(g).add((s, p, o))
    return result


def readable_diff(expected: Graph, actual: Graph) -> str:
    _both, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {t}" for t in sorted(only_expected.serialize(format="nt").splitlines())]
    return "\n".join(lines + [f"+ {t}" for t in sorted(only_actual.serialize(format="nt").splitlines())])


def test_quads_match_the_golden_trig():
    actual = dataset()
    if os.environ.get("KGRAPH_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual.serialize(format="trig"), encoding="utf-8")
    expected = trig_dataset(GOLDEN)
    for name in ("asserted", "inferred", "evidence"):
        iri = URIRef(f"{BASE}/graph/{name}")
        want, got = expected.graph(iri), actual.graph(iri)
        assert isomorphic(want, got), f"graph {name} differs:\n{readable_diff(want, got)}"
