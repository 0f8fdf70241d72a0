"""`kgraph build`, `validate` and `export` through click's runner."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.config import DEFAULT_BASE as BASE
from kgraph.sparql.dataset import predeclared_prefixes
from kgraph.store import current_version, open_oxigraph


def test_build_prints_summary_and_warnings(small_corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", str(small_corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "  notes       2" in result.output
    assert "    manages       3" in result.output
    assert "warning: broken.md:1: binary file (contains NUL bytes), not a text note" in result.output


def test_build_of_missing_folder_fails_naming_it(tmp_path):
    result = CliRunner().invoke(main, ["build", "--corpus", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "nowhere" in result.output


@pytest.fixture(scope="module")
def built_store(small_corpus, tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("export") / "s")
    assert CliRunner().invoke(main, ["build", "--corpus", str(small_corpus), "--store", store, "--quiet"]).exit_code == 0
    return store


def stored_quads(store: str, graph: str | None = None) -> set[ox.Quad]:
    live = open_oxigraph(current_version(Path(store)))
    return set(live.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None))


def test_validate(built_store):
    validated = CliRunner().invoke(main, ["validate", "--store", built_store])
    assert validated.exit_code == 0, validated.output
    assert validated.output.strip().endswith("0 violation(s)")


def test_export_trig_is_the_whole_store_with_the_predeclared_prefixes(built_store):
    trig = CliRunner().invoke(main, ["export", "--store", built_store, "--format", "trig"])
    assert trig.exit_code == 0
    assert set(ox.parse(trig.stdout_bytes, format=ox.RdfFormat.TRIG)) == stored_quads(built_store)
    prefixes = {line for line in trig.stdout.splitlines() if line.startswith("@prefix ")}
    assert prefixes == {f"@prefix {p}: <{ns}> ." for p, ns in predeclared_prefixes(BASE).items()}
    assert "graph:asserted {" in trig.stdout and "\tid:ReplicaSet kg:managedBy id:Deployment .\n" in trig.stdout
    assert f"<{BASE}/id/Deployment>" not in trig.stdout and f"<{BASE}/ontology#manages>" not in trig.stdout


@pytest.mark.parametrize("graph", ["asserted", "inferred", "evidence", "ontology"])
def test_export_one_graph(built_store, graph):
    name = f"{BASE}/graph/{graph}"
    trig = CliRunner().invoke(main, ["export", "--store", built_store, "--graph", graph])
    quads = set(ox.parse(trig.stdout_bytes, format=ox.RdfFormat.TRIG))
    assert quads == stored_quads(built_store, name) and quads
    turtle = CliRunner().invoke(main, ["export", "--store", built_store, "--graph", graph, "--format", "turtle"])
    assert {q.triple for q in ox.parse(turtle.stdout_bytes, format=ox.RdfFormat.TURTLE)} == {q.triple for q in quads}
    assert "@prefix kg: <" + BASE + "/ontology#> ." in turtle.stdout


def test_export_turtle_merges_the_graphs(built_store):
    turtle = CliRunner().invoke(main, ["export", "--store", built_store, "--format", "turtle"])
    triples = [q.triple for q in ox.parse(turtle.stdout_bytes, format=ox.RdfFormat.TURTLE)]
    assert set(triples) == {q.triple for q in stored_quads(built_store)}
    assert len(triples) == len(set(triples))  # a triple in two graphs is written once
    inferred = CliRunner().invoke(main, ["export", "--store", built_store, "--graph", "inferred", "--format", "turtle"])
    assert "id:ReplicaSet kg:managedBy id:Deployment ." in inferred.stdout


def test_export_of_an_unknown_graph_is_refused(built_store):
    result = CliRunner().invoke(main, ["export", "--store", built_store, "--graph", "nope"])
    assert result.exit_code == 2
    assert "Invalid value for '--graph': 'nope' is not one of 'ontology', 'asserted', 'inferred', 'evidence', 'candidate'." in result.output


def test_export_without_store_fails_clearly(tmp_path):
    result = CliRunner().invoke(main, ["export", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "run `kgraph build` first" in result.output
