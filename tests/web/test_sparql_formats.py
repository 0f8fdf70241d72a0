"""kgraph.sparql.formats: content negotiation and serialization through Oxigraph."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kgraph.errors import NotAcceptable
from kgraph.sparql.formats import (
    GRAPH, RESULTS, by_name, negotiate, parse_accept, quality, serialize_boolean, serialize_solutions,
    solutions_tsv, whole_solutions,
)

SPARQLWRAPPER_JSON = "application/sparql-results+json,application/json,text/javascript,application/javascript"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("kind", "accept", "expected"),
    [
        (RESULTS, None, "json"),
        (RESULTS, "*/*", "json"),
        (RESULTS, SPARQLWRAPPER_JSON, "json"),
        (RESULTS, "application/sparql-results+xml", "xml"),
        (RESULTS, "text/csv", "csv"),
        (RESULTS, "text/tab-separated-values", "tsv"),
        (RESULTS, "text/csv;q=0.5, text/tab-separated-values", "tsv"),
        (RESULTS, "text/*", "csv"),
        (RESULTS, BROWSER, "xml"),
        (GRAPH, None, "turtle"),
        (GRAPH, "application/turtle,text/turtle", "turtle"),
        (GRAPH, "application/n-triples", "ntriples"),
        (GRAPH, "application/rdf+xml", "rdfxml"),
        (GRAPH, "application/ld+json", "jsonld"),
        (GRAPH, "application/json", "jsonld"),
        (GRAPH, "text/html;q=1, */*;q=0.1", "turtle"),
    ],
)
def test_negotiate_by_accept(kind: str, accept: str | None, expected: str) -> None:
    assert negotiate(kind, accept).name == expected


@pytest.mark.parametrize(
    ("kind", "requested", "expected"),
    [
        (RESULTS, ["csv"], "csv"),
        (RESULTS, ["", "tsv", "text/tab-separated-values"], "tsv"),  # what SPARQLWrapper sends
        (RESULTS, ["application/sparql-results+xml"], "xml"),
        (GRAPH, ["json-ld", "application/ld+json"], "jsonld"),
        (GRAPH, ["rdf+xml"], "rdfxml"),
        (GRAPH, ["xml"], "rdfxml"),
        (GRAPH, ["nt"], "ntriples"),
    ],
)
def test_format_parameter_wins_over_accept(kind: str, requested: list[str], expected: str) -> None:
    assert negotiate(kind, "text/csv", requested).name == expected


def test_unsatisfiable_accept_lists_what_is_available() -> None:
    with pytest.raises(NotAcceptable) as caught:
        negotiate(RESULTS, "image/png")
    assert caught.value.details["available"] == [
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
    ]
    assert caught.value.status == 406


def test_format_of_the_wrong_kind_is_not_acceptable() -> None:
    with pytest.raises(NotAcceptable) as caught:
        negotiate(GRAPH, None, ["csv"])
    assert caught.value.details["formats"] == ["turtle", "ntriples", "rdfxml", "jsonld"]


def test_accept_q_zero_excludes_and_specific_range_wins() -> None:
    ranges = parse_accept("text/*;q=0.4, text/csv;q=0, */*;q=0.1")
    assert quality(ranges, "text/csv") == 0.0
    assert quality(ranges, "text/turtle") == 0.4
    assert quality(ranges, "application/ld+json") == 0.1


def test_content_type_carries_charset() -> None:
    assert by_name("csv").content_type == "text/csv; charset=utf-8"


def _solutions() -> ox.QuerySolutions:
    store = ox.Store()
    s = ox.NamedNode("http://x/s")
    store.add(ox.Quad(s, ox.NamedNode("http://x/p"), ox.Literal("a\tb \"q\"", language="zh")))
    store.add(ox.Quad(s, ox.NamedNode("http://x/n"), ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    return store.query("SELECT ?s ?o ?unbound { ?s ?p ?o } ORDER BY ?o")


def test_tsv_rows_are_limited_and_truncation_reported() -> None:
    tsv, rows, truncated = solutions_tsv(_solutions(), limit=1)
    assert (rows, truncated) == (1, True)
    assert tsv == '?s\t?o\t?unbound\n<http://x/s>\t"7"^^<http://www.w3.org/2001/XMLSchema#integer>\t\n'


def test_tsv_round_trips_to_json_exactly() -> None:
    tsv, rows, truncated = solutions_tsv(_solutions(), limit=10)
    assert (rows, truncated) == (2, False)
    parsed = json.loads(serialize_solutions(tsv, by_name("json")))
    assert parsed["head"] == {"vars": ["s", "o", "unbound"]}
    assert parsed["results"]["bindings"][1]["o"] == {"type": "literal", "value": "a\tb \"q\"", "xml:lang": "zh"}


@pytest.mark.parametrize("name", ["json", "xml", "csv"])
def test_whole_solutions_are_the_bytes_the_row_by_row_path_writes(name: str) -> None:
    store = ox.Store()
    s, p = ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p")
    for value in (ox.Literal("line\nbreak\ttab \"q\"", language="en"), ox.Literal("01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                  ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), ox.BlankNode("b1"), ox.NamedNode("http://x/o")):
        store.add(ox.Quad(s, p, value))
    query = "SELECT ?o ?unbound { ?s ?p ?o } ORDER BY ?o"
    tsv, rows, _ = solutions_tsv(store.query(query), limit=10)
    assert whole_solutions(store.query(query), by_name(name)) == (serialize_solutions(tsv, by_name(name)), rows)
    assert rows == 5


def test_whole_solutions_leave_tsv_to_the_row_by_row_path() -> None:
    assert whole_solutions(_solutions(), by_name("tsv")) is None


def test_ask_serializations() -> None:
    assert json.loads(serialize_boolean(True, by_name("json"))) == {"head": {}, "boolean": True}
    assert b"<boolean>false</boolean>" in serialize_boolean(False, by_name("xml"))
    assert serialize_boolean(True, by_name("csv")) == b"true"
