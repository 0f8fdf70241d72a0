"""kgraph.validate and ontology/shapes.ttl, on the golden graphs in tests/data/validate/.

``valid.ttl`` is a small graph in the data contract's layout; every other file there is a fragment
added to it that introduces one problem (see each file's first line).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from kgraph import data
from kgraph.config import Settings
from kgraph.errors import OntologyError
from kgraph.ontology import load_ontology
from kgraph.store import new_generation
from kgraph.validate import Violation, kg_namespace, load_shapes, validate_graph, validate_store

ONTOLOGY_DIR = data.ontology_dir()
DATA = Path(__file__).parent / "data" / "validate"
BASE = "http://kg.test"


@pytest.fixture(scope="module")
def shapes():
    return load_shapes(ONTOLOGY_DIR, BASE)


@pytest.fixture(scope="module")
def tbox():
    return load_ontology(ONTOLOGY_DIR, BASE).graph


def load(*fragments: str, ontology: Graph | None = None) -> Graph:
    graph = Graph()
    for name in ("valid.ttl", *fragments):
        graph.parse(DATA / name, format="turtle", publicID=BASE + "/")
    if ontology is not None:
        graph += ontology
    return graph


def test_valid_graph_has_no_violations(shapes, tbox):
    assert validate_graph(load(), shapes) == []
    assert validate_graph(load(ontology=tbox), shapes) == []


CASES = {
    "fact_without_evidence.ttl": [
        Violation("000_x.md", 16, f"{BASE}/id/Deployment", "fact Deployment manages Pod has no kg:Evidence"),
    ],
    "definition_without_evidence.ttl": [
        Violation("000_x.md", 16, f"{BASE}/id/ReplicaSet", "definition of ReplicaSet has no kg:Evidence"),
    ],
    "quote_not_in_passage.ttl": [
        Violation("000_x.md", 30, f"{BASE}/evidence/e4",
                  'quote "ReplicaSet被Deployment管理" does not occur verbatim in its passage'),
    ],
    "lines_outside_passage.ttl": [
        Violation("000_x.md", 31, f"{BASE}/evidence/e5", "evidence lines 31-32 lie outside its passage's lines 30-31"),
    ],
    "concept_without_preflabel.ttl": [
        Violation("001_y.md", 40, f"{BASE}/id/Service", "concept has no skos:prefLabel"),
    ],
    "two_zh_preflabels.ttl": [
        Violation("000_x.md", 16, f"{BASE}/id/ReplicaSet", "concept has more than one skos:prefLabel in one language"),
    ],
    "confidence_out_of_range.ttl": [
        Violation("000_x.md", 31, f"{BASE}/evidence/e6", "evidence has no kg:rule"),
        Violation("000_x.md", 31, f"{BASE}/evidence/e6", "evidence kg:confidence 1.5 is not an xsd:decimal in [0, 1]"),
    ],
}


@pytest.mark.parametrize("fragment", sorted(CASES))
def test_each_problem_yields_exactly_its_violation(shapes, tbox, fragment):
    assert validate_graph(load(fragment), shapes) == CASES[fragment]
    assert validate_graph(load(fragment, ontology=tbox), shapes) == CASES[fragment]


def test_inverse_triples_are_backed_by_the_forward_facts_evidence(shapes, tbox):
    assert validate_graph(load("inferred_inverse.ttl", ontology=tbox), shapes) == []
    # without the ontology nothing says managedBy is the inverse of manages
    assert validate_graph(load("inferred_inverse.ttl"), shapes) == [
        Violation("000_x.md", 16, f"{BASE}/id/ReplicaSet", "fact ReplicaSet managedBy Deployment has no kg:Evidence"),
    ]


def test_quads_are_accepted_and_their_graph_names_ignored(shapes):
    graph_name = URIRef(BASE + "/graph/asserted")
    quads = [(s, p, o, graph_name) for s, p, o in load("fact_without_evidence.ttl")]
    assert validate_graph(quads, shapes) == CASES["fact_without_evidence.ttl"]


def test_violation_text():
    assert str(Violation("000_x.md", 16, "http://kg.test/id/Pod", "bad")) == "000_x.md:16: bad"
    assert str(Violation("000_x.md", None, "http://kg.test/notes/000_x.md", "bad")) == "000_x.md: bad"
    assert str(Violation(None, None, "http://kg.test/id/Pod", "bad")) == "http://kg.test/id/Pod: bad"
    assert Violation(None, 3, "x", "m").to_dict() == {"path": None, "line": 3, "focus": "x", "message": "m"}


def test_shapes_are_loaded_with_the_base(shapes):
    assert kg_namespace(shapes) == Namespace(BASE + "/ontology#")
    other = load_shapes(ONTOLOGY_DIR, "https://other.example/kg/")
    assert kg_namespace(other) == Namespace("https://other.example/kg/ontology#")
    assert (URIRef("https://other.example/kg/shapes#GraphShape"), None, None) in other


def test_shapes_pyshacl_cannot_run_are_an_ontology_error(tmp_path):
    directory = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, directory)
    path = directory / "shapes.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace("FILTER (!BOUND(?rule))", "MINUS { ?value a ?x }"), encoding="utf-8")
    with pytest.raises(OntologyError) as error:
        validate_graph(load(), load_shapes(directory, BASE))
    assert error.value.message == (
        "shapes.ttl: pySHACL cannot run the shapes: A SPARQL Constraint must not contain a MINUS clause."
    )


def _store(tmp_path: Path, graph: Graph) -> Settings:
    settings = Settings(base=BASE, store=tmp_path / "store", ontology=ONTOLOGY_DIR)
    graph_name = URIRef(BASE + "/graph/asserted")
    with new_generation(settings.store) as generation:
        generation.add((s, p, o, graph_name) for s, p, o in graph)
        generation.meta = {"base": BASE}
    return settings


def test_validate_store(tmp_path, tbox):
    assert validate_store(_store(tmp_path / "a", load(ontology=tbox))) == []
    assert validate_store(_store(tmp_path / "b", load("lines_outside_passage.ttl"))) == CASES["lines_outside_passage.ttl"]
