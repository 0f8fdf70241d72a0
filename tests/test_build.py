"""The build end to end: a live store with cited facts, atomic swaps, and the seed notes' chain."""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph import build as build_module
from kgraph.build import build
from kgraph.config import Settings
from kgraph.errors import ValidationFailed
from kgraph.store import current_version, open_oxigraph

ROOT = Path(__file__).resolve().parent.parent
KG = "http://localhost:8000/ontology#"
ID = "http://localhost:8000/id/"


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    prefixes = {"kg": KG, "id": ID, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "prov": "http://www.w3.org/ns/prov#", "oa": "http://www.w3.org/ns/oa#",
                "dct": "http://purl.org/dc/terms/"}
    rows = store.query(query, prefixes=prefixes, use_default_graph_as_union=True)
    return sorted(tuple(term.value for term in row) for row in rows)


def test_report_counts_and_warnings(small_corpus, settings_for):
    report = build(settings_for(small_corpus))
    assert (report.notes, report.facts) == (2, {"hasPart": 2, "manages": 3, "routesTo": 1, "supersedes": 1})
    assert [str(w) for w in report.warnings] == ["broken.md:1: binary file (contains NUL bytes), not a text note"]
    assert current_version(settings_for(small_corpus).store).meta["stats"]["facts"] == 7


def test_fact_evidence_is_queryable(small_corpus, settings_for):
    settings = settings_for(small_corpus)
    build(settings)
    store = open_oxigraph(current_version(settings.store))
    rows = select(store, """
        SELECT ?path ?start ?end ?quote WHERE {
          id:ReplicaSet kg:manages id:Pod .
          ?e rdf:subject id:ReplicaSet ; rdf:predicate kg:manages ; rdf:object id:Pod ;
             kg:startLine ?start ; kg:endLine ?end ; oa:hasSelector/oa:exact ?quote ;
             prov:wasDerivedFrom/dct:isPartOf/kg:path ?path .
        }""")
    assert rows == [("workloads.md", "10", "10", "Pod被ReplicaSet管理，ReplicaSet控制Pod的数量。")]
    inferred = select(store, "SELECT ?x WHERE { GRAPH <http://localhost:8000/graph/inferred> { id:Pod kg:managedBy ?x } }")
    assert inferred == [(ID + "Deployment",), (ID + "ReplicaSet",)]


def test_failed_build_leaves_previous_store_live(small_corpus, settings_for, monkeypatch):
    settings = settings_for(small_corpus)
    first = build(settings)

    def broken(*_args, **_kwargs):
        raise ValidationFailed("1 SHACL violation(s)", ["workloads.md:10: made up"])

    monkeypatch.setattr(build_module, "_validate", broken)
    with pytest.raises(ValidationFailed):
        build(settings)
    live = current_version(settings.store)
    assert live.name == first.version
    assert [p.name for p in settings.store.glob("gen-*")] == [first.version]
    ask = "ASK { ?fact <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p }"
    assert bool(open_oxigraph(live).query(ask, use_default_graph_as_union=True))


def test_interrupt_while_writing_keeps_previous_generation(small_corpus, settings_for, monkeypatch):
    settings = settings_for(small_corpus)
    first = build(settings)

    def interrupted(self, quads, batch=50_000):
        raise KeyboardInterrupt

    monkeypatch.setattr("kgraph.store.GenerationWriter.add", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(settings)
    assert current_version(settings.store).name == first.version
    assert sorted(p.name for p in settings.store.glob("gen-*")) == [first.version]
    store = open_oxigraph(current_version(settings.store))
    assert store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    settings = Settings(corpus=ROOT / "corpus", store=tmp_path_factory.mktemp("seed") / "store")
    build(settings)
    return open_oxigraph(current_version(settings.store))


def evidence_of(store, subject: str, relation: str, obj: str) -> list[tuple[str, ...]]:
    return select(store, f"""
        SELECT ?path ?start ?quote WHERE {{
          ?e rdf:subject id:{subject} ; rdf:predicate kg:{relation} ; rdf:object id:{obj} ;
             kg:startLine ?start ; oa:hasSelector/oa:exact ?quote ; prov:wasDerivedFrom/dct:isPartOf/kg:path ?path .
        }}""")


def test_seed_notes_state_the_manages_chain(seed_store):
    assert select(seed_store, "SELECT ?x WHERE { id:Deployment kg:manages+ ?x } ORDER BY ?x") == [
        (ID + "Pod",), (ID + "ReplicaSet",)]
    assert ("000_b4841ad40d62e92a.md", "23", "总结一下：Pod被ReplicaSet管理，ReplicaSet控制pod的数量；") in evidence_of(
        seed_store, "ReplicaSet", "manages", "Pod")
    assert ("002_619db85eefd09656.md", "103", "所以它们之间是有层次关系的，Deployment 管 Replicaset，Replicaset 维护 pod。") in evidence_of(
        seed_store, "Deployment", "manages", "ReplicaSet")


@pytest.mark.parametrize("subject, relation, obj, notes", [
    ("Deployment", "manages", "ReplicaSet", {"000", "002", "004"}),
    ("ReplicaSet", "manages", "Pod", {"000", "002"}),
    ("Service", "selects", "Pod", {"000", "001"}),
    ("ReplicaSet", "supersedes", "ReplicationController", {"000", "003", "004"}),
    ("kube-apiserver", "storesDataIn", "etcd", {"001"}),
    ("kubelet", "uses", "CRI", {"001"}),
    ("Node", "hasPart", "kube-proxy", {"001"}),
])
def test_seed_relations_found_in_every_note_that_states_them(seed_store, subject, relation, obj, notes):
    cited = {path[:3] for path, _start, _quote in evidence_of(seed_store, subject, relation, obj)}
    assert notes <= cited


def test_parallel_build_writes_the_same_dataset(settings_for, tmp_path, monkeypatch):
    """Same quads with --jobs 1 and 2; blank nodes (the ontology's OWL lists) compared up to renaming."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kgraph import pool
    monkeypatch.setattr(pool, "MIN_ITEMS_PER_JOB", 1)  # five notes are enough to fork workers
    named, blank = [], []
    for jobs in (1, 2):
        settings = replace(settings_for(ROOT / "corpus"), store=tmp_path / f"store{jobs}", jobs=jobs)
        build(settings)
        quads = list(open_oxigraph(current_version(settings.store)))
        with_blank = [q for q in quads if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)]
        named.append(sorted(str(q) for q in quads if q not in with_blank))
        blank.append(Graph().parse(data="\n".join(f"{q.triple} ." for q in with_blank), format="nt"))
    assert len(named[0]) > 1000
    assert named[0] == named[1]
    assert isomorphic(blank[0], blank[1])


def test_listed_names_are_asserted_members_of_their_kind(tmp_path, settings_for):
    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "qos.md").write_text("# QoS\n\nKubernetes 有三种 QoS 类：\n\n- `Guaranteed`：最高优先级。\n- `Burstable`：中等。\n"
                                   "- `BestEffort`：最低。\n\nThe LimitRange admission controller sets default limits.\n",
                                   encoding="utf-8")
    settings = settings_for(corpus)
    build(settings)
    store = open_oxigraph(current_version(settings.store))
    rows = select(store, """
        SELECT ?s ?start ?rule WHERE {
          ?e rdf:subject ?s ; rdf:predicate kg:subtypeOf ; kg:startLine ?start ; kg:rule ?rule .
        }""")
    assert rows == [(ID + "BestEffort", "7", "discover-member"), (ID + "Burstable", "6", "discover-member"),
                    (ID + "Guaranteed", "5", "discover-member"),
                    (ID + "LimitRangeAdmissionController", "9", "discover-component")]


@pytest.mark.parametrize("module", ["kgraph.build", "kgraph.integrity", "kgraph.search.index"])
def test_the_build_does_not_load_the_answerer(module):
    """The build writes the search index without the answerer: importing it (and the index it
    writes, which integrity checks load) leaves ``kgraph.answer`` unloaded."""
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('kgraph.answer')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
