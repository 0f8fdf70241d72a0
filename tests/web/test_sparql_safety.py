"""kgraph.sparql.safety: SERVICE and update text refused before evaluation, FROM graphs found."""
from __future__ import annotations

import pytest

from kgraph.errors import QueryNotAllowed
from kgraph.sparql.safety import QueryInfo, inspect_query

PREFIXES = {"kg": "http://kg.example/ontology#", "graph": "http://kg.example/graph/"}

REFUSED_SERVICE = [
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o OPTIONAL { SERVICE <http://x/> { ?s ?q ?r } } }",
    "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://x/> { ?s ?q ?r } } }",
    "SELECT * { { SELECT ?s { SERVICE <http://x/> { ?s ?p ?o } } } }",
    "SELECT * { BIND(<http://x/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * { SeRvIcE<http://x/>{?s ?p ?o} }",
    "SELECT * {\n  # a comment\n  service ?x { ?s ?p ?o } }",
    "SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
]

ALLOWED_MENTIONS = [
    'SELECT * { ?s ?p "SERVICE <http://x/> { ?a ?b ?c }" }',
    "SELECT * { ?s ?p 'service' }",
    'SELECT * { ?s ?p """multi\nSERVICE <http://x/> {}\n""" }',
    "SELECT * { ?s ?p ?o } # SERVICE <http://x/> { }",
    "SELECT * { ?s <http://x/SERVICE> ?o }",
    "PREFIX service: <http://x/> SELECT * { ?s service:p ?o }",
    "PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?o }",
    "SELECT ?service { ?service ?p ?o }",
    'SELECT * { ?s ?p "x"@service }',
    'SELECT * { ?s ?p "escaped \\" SERVICE <http://x/> {} " }',
]

UPDATES = [
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <http://kg.example/graph/asserted>", "DROP"),
    ("CREATE GRAPH <http://x/g>", "CREATE"),
    ("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("ADD DEFAULT TO <http://x/g>", "ADD"),
    ("COPY DEFAULT TO <http://x/g>", "COPY"),
    ("MOVE DEFAULT TO <http://x/g>", "MOVE"),
    ("SELECT * { ?s ?p ?o } ; insert data { <http://x/a> <http://x/b> <http://x/c> }", "INSERT"),
]


@pytest.mark.parametrize("query", REFUSED_SERVICE)
def test_service_anywhere_is_refused(query: str) -> None:
    with pytest.raises(QueryNotAllowed, match="SERVICE"):
        inspect_query(query)


@pytest.mark.parametrize("query", ALLOWED_MENTIONS)
def test_service_inside_strings_iris_comments_and_names_is_allowed(query: str) -> None:
    assert inspect_query(query).form == "SELECT"


@pytest.mark.parametrize(("query", "keyword"), UPDATES)
def test_update_text_is_refused_and_named(query: str, keyword: str) -> None:
    with pytest.raises(QueryNotAllowed) as caught:
        inspect_query(query)
    assert caught.value.message.startswith(f"SPARQL Update ({keyword}) is not allowed")


def test_refusal_carries_line_and_column() -> None:
    with pytest.raises(QueryNotAllowed) as caught:
        inspect_query("SELECT * {\n  ?s ?p ?o .\n  SERVICE <http://x/> { }\n}")
    assert caught.value.details == {"line": 3, "column": 3}


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("PREFIX ask: <http://x/> SELECT ?s { ?s ask:p ?o }", "SELECT"),
        ("# SELECT in a comment\nASK { ?s ?p ?o }", "ASK"),
        ("BASE <http://x/> construct { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://kg.example/id/Pod>", "DESCRIBE"),
        ("not sparql at all", ""),
    ],
)
def test_form(query: str, form: str) -> None:
    assert inspect_query(query).form == form


def test_from_and_from_named_are_resolved_with_prefixes_and_base() -> None:
    query = (
        "BASE <http://kg.example/graph/> PREFIX g2: <http://kg.example/graph/>\n"
        "SELECT * FROM <asserted> FROM graph:inferred FROM NAMED g2:evidence { ?s ?p ?o }"
    )
    info = inspect_query(query, PREFIXES)
    assert info == QueryInfo(
        "SELECT",
        ("http://kg.example/graph/asserted", "http://kg.example/graph/inferred"),
        ("http://kg.example/graph/evidence",),
    )
    assert info.kind == "results"


def test_from_inside_a_string_is_not_a_dataset_clause() -> None:
    assert inspect_query('SELECT * { ?s ?p "FROM <file:///etc/passwd>" }') == QueryInfo("SELECT")


def test_with_values_opens_the_where_group() -> None:
    from kgraph.sparql.safety import with_values

    query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p "{" }'
    assert with_values(query, {"s": "<http://x/a>"}) == (
        'SELECT (COUNT(*) AS ?n) WHERE { VALUES (?s) { (<http://x/a>) }  ?s ?p "{" }'
    )


def test_with_values_skips_a_construct_template() -> None:
    from kgraph.sparql.safety import with_values

    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert with_values(query, {"o": '"x"'}) == 'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { ("x") }  ?s ?p ?o }'
    assert with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": "<http://x/a>"}).startswith(
        "CONSTRUCT WHERE { VALUES (?s) { (<http://x/a>) } ")
