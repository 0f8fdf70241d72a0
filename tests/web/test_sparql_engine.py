"""kgraph.sparql.engine: the API other modules call, and the protocol path with its limits."""
from __future__ import annotations

import json
import time

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kgraph.errors import QueryNotAllowed, QuerySyntaxError, QueryTimeout
from kgraph.sparql import SparqlEngine

ID = "http://kg.example/id/"
KG = "http://kg.example/ontology#"
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP_PATH = "ASK { id:Deployment kg:manages+ ?o }"  # cheap here, but a path: for the query workers


def test_select_with_bindings_returns_rdflib_terms(engine: SparqlEngine) -> None:
    rows = engine.select("SELECT ?o { ?s kg:manages ?o }", s=URIRef(ID + "Deployment"))
    assert rows == [{"o": URIRef(ID + "ReplicaSet")}]


def test_select_binds_a_plain_string_as_a_literal(engine: SparqlEngine) -> None:
    rows = engine.select("SELECT ?c { ?c skos:prefLabel ?label }", label=Literal("副本集", lang="zh"))
    assert rows == [{"c": URIRef(ID + "ReplicaSet")}]
    assert engine.select("SELECT ?e { ?e kg:rule ?r }", r="selects-zh") == [{"e": URIRef("http://kg.example/evidence/e3")}]


def test_unbound_variables_are_left_out(engine: SparqlEngine) -> None:
    rows = engine.select("SELECT ?c ?alt { ?c skos:prefLabel 'Pod'@en OPTIONAL { ?c skos:altLabel ?alt } }")
    assert rows == [{"c": URIRef(ID + "Pod")}]


def test_bindings_constrain_aggregates_and_construct_templates(engine: SparqlEngine) -> None:
    rows = engine.select("SELECT (COUNT(*) AS ?n) { ?s kg:manages ?o }", s=URIRef(ID + "ReplicaSet"))
    assert rows == [{"n": Literal(1)}]
    graph = engine.construct("CONSTRUCT { ?s kg:manages ?o } { ?s kg:manages ?o }", o=URIRef(ID + "Pod"))
    assert set(graph) == {(URIRef(ID + "ReplicaSet"), URIRef(KG + "manages"), URIRef(ID + "Pod"))}


def test_binding_text_cannot_break_out_of_its_literal(engine: SparqlEngine) -> None:
    assert engine.select("SELECT ?c { ?c skos:prefLabel ?l }", l='x" } . ?c ?p ?o . { "') == []


def test_ask_and_construct(engine: SparqlEngine) -> None:
    assert engine.ask("ASK { id:Pod kg:managedBy id:ReplicaSet }") is True
    graph = engine.construct("CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:prefLabel ?l FILTER(lang(?l) = 'zh') }")
    assert set(graph.objects(URIRef(ID + "Deployment"), SKOS.prefLabel)) == {Literal("部署", lang="zh")}
    assert len(graph) == 4


def test_syntax_error_has_line_and_column(engine: SparqlEngine) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        engine.select("SELECT * WHERE {\n  ?s ?p\n}")
    assert caught.value.details == {"line": 3, "column": 2}  # Oxigraph's position, passed through
    assert caught.value.message.startswith("malformed query: error at 3:2:")


def test_stats_are_counted_when_the_build_recorded_none(engine: SparqlEngine) -> None:
    assert engine.stats == {"triples": 128, "concepts": 4, "facts": 3, "notes": 1, "passages": 3, "evidence": 4}


def test_describe_concept_has_labels_relations_in_and_out_and_evidence(engine: SparqlEngine) -> None:
    triples = {(t.subject.value, t.predicate.value, str(t.object)) for t in engine.describe_concept(ID + "ReplicaSet")}
    assert (ID + "ReplicaSet", KG + "manages", f"<{ID}Pod>") in triples
    assert (ID + "Deployment", KG + "manages", f"<{ID}ReplicaSet>") in triples  # incoming
    assert (ID + "ReplicaSet", str(SKOS.prefLabel), '"副本集"@zh') in triples
    assert ("http://kg.example/evidence/e2#quote", "http://www.w3.org/ns/oa#exact", '"Pod被ReplicaSet管理"') in triples
    assert ("http://kg.example/notes/000_x.md", KG + "path", '"000_x.md"') in triples
    passage = "http://kg.example/notes/000_x.md#L22-L22"
    assert (passage, KG + "startLine", '"22"^^<http://www.w3.org/2001/XMLSchema#integer>') in triples
    assert not any(p == KG + "mentions" for _, p, _ in triples)  # passages' mentions stay out
    assert engine.describe_concept(ID + "Nothing") == []


def test_execute_limits_rows_and_says_so(engine: SparqlEngine) -> None:
    result = engine.execute("SELECT ?s ?p ?o { ?s ?p ?o }", format="json")
    assert (result.rows, result.truncated, result.row_limit) == (50, True, 50)
    assert len(json.loads(result.body)["results"]["bindings"]) == 50
    small = engine.execute("SELECT ?c { ?c a skos:Concept }", accept="text/csv")
    assert (small.rows, small.truncated, small.content_type) == (4, False, "text/csv; charset=utf-8")


def test_provably_cheap_queries_run_in_process_with_the_same_limits(engine: SparqlEngine) -> None:
    cheap = engine.execute("SELECT ?o WHERE { id:Deployment kg:manages ?o }", format="csv")
    assert (cheap.in_process, cheap.body) == (True, b"o\r\nhttp://kg.example/id/ReplicaSet\r\n")
    # a cross product of two concepts' triples: bounded (11 x 11), and still cut at the row limit
    crossed = engine.execute("SELECT * { id:Pod ?p ?o . id:Deployment ?q ?x }", format="json")
    assert (crossed.in_process, crossed.rows, crossed.truncated) == (True, 50, True)
    assert len(json.loads(crossed.body)["results"]["bindings"]) == 50
    with pytest.raises(QuerySyntaxError):
        engine.execute("SELECT ?o WHERE { id:Deployment nope:manages ?o }")
    for unbounded in (CARTESIAN, "SELECT ?o { id:Deployment kg:manages+ ?o }", "SELECT * { ?s ?p ?o }"):
        assert not engine.prepare(unbounded).in_process
    assert not engine.execute("SELECT ?o { id:Deployment kg:manages+ ?o }").in_process


def test_protocol_graphs_narrow_the_default_graph(engine: SparqlEngine) -> None:
    query = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    inferred = engine.execute(query, default_graphs=["http://kg.example/graph/inferred"], format="csv")
    assert inferred.body == b"n\r\n3\r\n"
    union = engine.execute(query, format="csv")
    assert union.body == b"n\r\n128\r\n"


def test_from_clause_selects_a_store_graph(engine: SparqlEngine) -> None:
    result = engine.execute("SELECT (COUNT(*) AS ?n) FROM graph:ontology { ?s ?p ?o }", format="csv")
    assert result.body == b"n\r\n12\r\n"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1:9/> { GRAPH ?g { ?s ?p ?o } }",
    ],
)
def test_from_outside_the_store_is_refused(engine: SparqlEngine, query: str) -> None:
    with pytest.raises(QueryNotAllowed) as caught:
        engine.prepare(query)
    assert caught.value.details["available_graphs"] == [
        "http://kg.example/graph/asserted", "http://kg.example/graph/evidence",
        "http://kg.example/graph/inferred", "http://kg.example/graph/ontology",
    ]


def test_protocol_graph_outside_the_store_is_refused(engine: SparqlEngine) -> None:
    with pytest.raises(QueryNotAllowed, match="default-graph-uri/named-graph-uri"):
        engine.prepare("SELECT * { ?s ?p ?o }", default_graphs=["file:///etc/passwd"])


def test_runaway_query_times_out_and_the_next_query_is_answered(engine: SparqlEngine) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        engine.execute(CARTESIAN)
    elapsed = time.monotonic() - started
    assert caught.value.status == 503
    assert 1.5 <= elapsed < 3.0
    assert engine.execute("ASK { id:Pod a skos:Concept }", format="csv").body == b"true"


def test_warm_starts_a_query_worker_per_concurrent_request_and_the_spare(settings) -> None:
    engine = SparqlEngine.open(settings)
    try:
        engine.warm(query_workers=2)
        assert engine.query_workers == 3
        engine.warm(query_workers=2)  # idempotent: the idle workers are reused
        assert engine.query_workers == 3
        assert engine.execute("SELECT ?o WHERE { id:Deployment kg:manages ?o }").rows == 1
    finally:
        engine.close()
    assert engine.query_workers == 0


def test_when_runaways_hold_every_worker_a_cheap_query_runs_on_the_spare(settings) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from kgraph.errors import QueryBusy, QueryTimeout

    engine = SparqlEngine.open(settings)  # the fixture's time limit: 1.5 s
    runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    try:
        engine.warm(query_workers=1)
        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(engine.execute, runaway)  # holds the one regular worker
            time.sleep(0.3)
            assert engine.execute(CHEAP_PATH, format="csv").body == b"true"
            assert not first.done()  # answered by the spare while the regular worker was taken
            with pytest.raises(QueryBusy, match="more than the 0.5 s the spare one gives") as caught:
                engine.execute(runaway + " # another")
            assert caught.value.headers == {"Retry-After": "1"}
            with pytest.raises(QueryTimeout):
                first.result()
            second = pool.submit(engine.execute, runaway)  # the regular worker again: a full try
            time.sleep(0.3)
            # The one that overran lately is not given the spare while the regular worker is taken.
            with pytest.raises(QueryBusy, match="ran past its time limit lately"):
                engine.execute(runaway + " # another")
            assert engine.execute(CHEAP_PATH, format="csv").cached
            with pytest.raises(QueryTimeout):
                second.result()
    finally:
        engine.close()
