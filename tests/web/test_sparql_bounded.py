"""kgraph.sparql.bounded: which queries have a row bound, and what it is, from the store's fan-outs."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.sparql.bounded import IN_PROCESS_ROWS, MAX_PATTERNS, Fanout, is_in_process, row_bound
from kgraph.sparql.dataset import predeclared_prefixes
from kgraph.sparql.evaluate import Context, Evaluator

BASE = "http://kg.example"
PREFIXES = predeclared_prefixes(BASE)
KG, SKOS, RDF = PREFIXES["kg"], PREFIXES["skos"], PREFIXES["rdf"]
FANOUT = Fanout(
    out={f"{KG}manages": 3, f"{SKOS}prefLabel": 2, f"{SKOS}altLabel": 5, f"{RDF}type": 2, f"{RDF}subject": 1,
         f"{RDF}predicate": 1},
    into={f"{KG}manages": 7, f"{SKOS}prefLabel": 1, f"{SKOS}altLabel": 4, f"{RDF}type": 900, f"{RDF}subject": 6,
          f"{RDF}predicate": 800},
    any_out=40,
    any_into=1000,
)


def bound(text: str) -> int | None:
    return row_bound(text, FANOUT, PREFIXES)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?o { id:Pod kg:manages ?o }", 3),
        ("ASK { ?s kg:manages id:Pod }", 7),
        ("ASK { id:Deployment kg:manages id:Pod }", 3),  # both ends constant: the smaller fan-out
        # one-hop: 3 objects, each with at most 2 labels
        ("SELECT ?o ?l WHERE { id:Pod kg:manages ?o . ?o skos:prefLabel ?l }", 6),
        ("SELECT ?o ?l WHERE { id:Pod kg:manages ?o . $o skos:prefLabel ?l . _:o a ?t }", None),
        ("SELECT ?o ?l { id:Pod kg:manages ?o ; a ?t . ?o skos:prefLabel ?l , ?m }", 3 * 2 * 2 * 2),
        ("SELECT ?c { ?c skos:prefLabel|skos:altLabel 'Pod'@en }", 1 + 4),  # alternatives add
        ("SELECT ?l { id:Pod kg:manages/skos:prefLabel ?l }", 3 * 2),  # sequences multiply
        ("SELECT ?l { id:Pod ^kg:manages ?x }", 7),  # an inverse swaps the ends
        ("SELECT ?l { id:Pod (kg:manages|^kg:manages)/skos:altLabel ?x }", (3 + 7) * 5),
        ("SELECT ?p ?o { id:Pod ?p ?o }", 40),  # a predicate variable: the most triples of one subject
        ("SELECT ?o { id:Pod kg:manages ?o OPTIONAL { ?o skos:prefLabel ?l } }", 6),
        # the evidence join: either constant-object pattern may be evaluated first; the worst counts
        ("SELECT ?o { ?e rdf:subject id:Pod ; rdf:predicate kg:manages ; rdf:object ?o }", 800),
        # two sets of patterns with nothing shared: a cross product
        ("SELECT * { id:Pod kg:manages ?a . id:Node kg:manages ?b }", 9),
        ("SELECT (COUNT(*) AS ?n) FROM graph:asserted WHERE { id:Pod kg:manages ?o } GROUP BY ?o "
         "HAVING (COUNT(*) > 1) ORDER BY DESC(?n) LIMIT 10 OFFSET 2", 3),
        ("SELECT ?o { id:Pod kg:manages ?o FILTER(?o != id:Pod && lang(str(?o)) = '') BIND(str(?o) AS ?s) }", 3),
        ("SELECT ?o { ?o kg:startLine 12 ; kg:endLine 1.5 ; kg:text 'x'^^xsd:string ; kg:ok true }", 1),
        ("SELECT ?o { ?o kg:manages id:Pod. ?o skos:prefLabel ?l }", 7 * 2),  # a dot right after a name
        ("PREFIX k: <http://kg.example/ontology#> BASE <http://kg.example/id/> SELECT ?o { <Pod> k:manages ?o }", 3),
        ("SELECT ?o { id:Pod kg:unknown ?o }", 1),  # a predicate the store lacks still costs its lookups
    ],
)
def test_bounds(query: str, expected: int) -> None:
    assert bound(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?o { id:Pod kg:manages+ ?o }",
        "SELECT ?o { id:Pod kg:manages* ?o }",
        "SELECT ?o { id:Pod kg:manages? ?o }",
        "SELECT ?o { id:Pod (kg:manages/kg:manages)+ ?o }",
        "SELECT ?o { id:Pod !kg:manages ?o }",
        "SELECT * { ?s ?p ?o }",  # nothing anchors it
        "SELECT * { id:Pod kg:manages ?o . ?a kg:manages ?b }",  # the second set has no constant
        "SELECT * { id:Pod ?p ?o . ?x ?p ?y }",  # a join on a predicate variable
        "SELECT * { id:Pod ?p ?o . ?o ?q ?p }",
        "SELECT * { id:Pod ?p ?o . ?o ?q $p }",
        "SELECT * { { id:Pod kg:manages ?o } UNION { id:Node kg:manages ?o } }",
        "SELECT * { id:Pod kg:manages ?o MINUS { ?o a kg:Thing } }",
        "SELECT * { GRAPH ?g { id:Pod kg:manages ?o } }",
        "SELECT * { VALUES ?s { id:Pod } ?s kg:manages ?o }",
        "SELECT * { ?s kg:manages ?o } VALUES ?s { id:Pod }",
        "SELECT * { id:Pod kg:manages ?o { SELECT ?o { ?o ?p ?x } } }",
        "SELECT * { id:Pod kg:manages ?o FILTER EXISTS { ?o ?p ?x } }",
        "SELECT * { id:Pod kg:manages ?o FILTER NOT EXISTS { ?o ?p ?x } }",
        "SELECT * { id:Pod kg:manages ?o FILTER(EXISTS { ?o ?p ?x }) }",
        "SELECT (EXISTS { ?a ?b ?c } AS ?x) { id:Pod kg:manages ?o }",
        "SELECT * { id:Pod kg:manages [ kg:manages ?o ] }",
        "SELECT * { id:Pod kg:manages ?o } ORDER BY (EXISTS { ?o ?p ?x })",
        "SELECT * { id:Pod kg:manages 1e9 }",
        "SELECT * { id:Pod kg:manages -1 }",
        "CONSTRUCT { id:Pod kg:manages ?o } WHERE { id:Pod kg:manages ?o }",
        "DESCRIBE id:Pod",
        "SELECT * { id:Pod nope:manages ?o }",
        "SELECT * { id:Pod kg:manages ?o ",
        "SELECT ?o { " + " . ".join(f"id:Pod kg:manages ?o{i}" for i in range(MAX_PATTERNS + 1)) + " }",
        "",
    ],
)
def test_no_bound_outside_the_shapes(query: str) -> None:
    assert bound(query) is None


def test_the_in_process_threshold() -> None:
    assert is_in_process(IN_PROCESS_ROWS) and not is_in_process(IN_PROCESS_ROWS + 1)
    assert not is_in_process(None)
    assert bound("SELECT * { ?s a kg:Thing . ?s a ?t }") == 900 * 2
    assert bound("SELECT * { ?s a kg:Thing . ?x a kg:Other }") == 900 * 900 > IN_PROCESS_ROWS


def test_the_fanout_of_a_store_counts_every_graph() -> None:
    store = ox.Store()
    manages, pod = ox.NamedNode(f"{KG}manages"), ox.NamedNode(f"{BASE}/id/Pod")
    for name, graph in (("Deployment", "asserted"), ("ReplicaSet", "asserted"), ("Job", "candidate")):
        store.add(ox.Quad(ox.NamedNode(f"{BASE}/id/{name}"), manages, pod, ox.NamedNode(f"{BASE}/graph/{graph}")))
    store.add(ox.Quad(pod, ox.NamedNode(f"{SKOS}prefLabel"), ox.Literal("Pod"), ox.DefaultGraph()))
    fanout = Evaluator(store, Context(":memory:", BASE, PREFIXES)).fanout()
    assert fanout == Fanout(
        out={f"{KG}manages": 1, f"{SKOS}prefLabel": 1}, into={f"{KG}manages": 3, f"{SKOS}prefLabel": 1},
        any_out=1, any_into=3,
    )
    assert Evaluator(ox.Store(), Context(":memory:", BASE, PREFIXES)).fanout() == Fanout()


PIECES = ["#", "PREFIX", "BASE", "SELECT", "ASK", "OPTIONAL", "FILTER", " ", "\n", "'", '"', "\\", ":", "x",
          "kg:manages", "<http://x/>", ".", ";", ",", "(", ")", "{", "}", "?s", "$s", "_:b", "@en", "^", "/", "|",
          "1", "a", "*"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.integers(1, 2_000))
def test_any_text_gets_a_verdict_in_one_pass(unit: str, times: int) -> None:
    found = bound(unit * times)
    assert found is None or found >= 1


@pytest.mark.parametrize("text", [
    "PREFIX a: <http://x/> " * 20_000 + "ASK {}",
    "SELECT * { id:Pod " + "(" * 50_000 + "kg:manages" + ")" * 50_000 + " ?o }",
    "SELECT * { id:Pod kg:manages ?o " + "OPTIONAL { " * 5_000 + "}" * 5_001,
    "SELECT * { id:Pod kg:manages " + "1" * 100_000 + " }",
])
def test_long_and_deep_texts(text: str) -> None:
    assert bound(text) in (None, 1, 3)
