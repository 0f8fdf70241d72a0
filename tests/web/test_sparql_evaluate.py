"""kgraph.sparql.evaluate: the default graph a protocol query sees, whatever else the store holds."""
from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest

from kgraph.sparql.dataset import predeclared_prefixes
from kgraph.sparql.evaluate import Context, Evaluator, Job

BASE = "http://kg.example"
CONTEXT = Context(":memory:", BASE, predeclared_prefixes(BASE))
ASSERTED = ox.NamedNode(f"{BASE}/graph/asserted")


def _triple(name: str) -> tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]:
    return ox.NamedNode(f"{BASE}/id/{name}"), ox.NamedNode(f"{BASE}/ontology#manages"), ox.NamedNode(f"{BASE}/id/Pod")


def _subjects(extra_graph: ox.NamedNode | ox.DefaultGraph | None) -> str:
    store = ox.Store()
    store.add(ox.Quad(*_triple("Deployment"), ASSERTED))
    if extra_graph is not None:
        store.add(ox.Quad(*_triple("Elsewhere"), extra_graph))
    job = Job("SELECT ?s { ?s kg:manages id:Pod } ORDER BY ?s", "SELECT", "csv", 10)
    return Evaluator(store, CONTEXT).run(job).body.decode()


@pytest.mark.parametrize(
    "extra_graph", [None, ox.NamedNode(f"{BASE}/graph/candidate"), ox.DefaultGraph()], ids=["only-default-graphs", "candidate", "store-default"]
)
def test_the_default_graph_is_the_four_graphs_only(extra_graph) -> None:
    # The union of the store's graphs is used only when it is exactly those four.
    assert _subjects(extra_graph) == f"s\r\n{BASE}/id/Deployment\r\n"


def test_a_result_said_to_be_within_the_limit_is_still_cut_at_it() -> None:
    store = ox.Store()
    for name in ("Deployment", "Job", "ReplicaSet"):
        store.add(ox.Quad(*_triple(name), ASSERTED))
    job = Job("SELECT ?s { ?s kg:manages id:Pod } ORDER BY ?s", "SELECT", "json", 2)
    for within_limit in (False, True):
        outcome = Evaluator(store, CONTEXT).run(job, within_limit=within_limit)
        assert (outcome.rows, outcome.truncated) == (2, True)
    small = Evaluator(store, CONTEXT).run(replace(job, max_rows=3), within_limit=True)
    assert (small.rows, small.truncated) == (3, False)
