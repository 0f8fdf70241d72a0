"""/sparql through the Flask test client: the protocol details, errors and caching."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

ONE_HOP = "SELECT ?o WHERE { id:Deployment kg:manages ?o }"
FORM = "application/x-www-form-urlencoded"
SD = URIRef("http://www.w3.org/ns/sparql-service-description#")


def bindings(response) -> list[dict]:
    return json.loads(response.data)["results"]["bindings"]


def test_get_post_form_and_post_body_give_the_same_answer(client) -> None:
    expected = [{"o": {"type": "uri", "value": "http://kg.example/id/ReplicaSet"}}]
    assert bindings(client.get("/sparql", query_string={"query": ONE_HOP})) == expected
    assert bindings(client.post("/sparql", data={"query": ONE_HOP})) == expected
    body = client.post("/sparql", data=ONE_HOP.encode(), content_type="application/sparql-query")
    assert bindings(body) == expected
    assert body.headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"


def test_result_headers_state_the_row_limit(client) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert response.headers["X-Kgraph-Truncated"] == "true"
    assert response.headers["X-Kgraph-Row-Limit"] == "50"
    assert response.headers["X-Kgraph-Rows"] == "50"
    assert client.get("/sparql", query_string={"query": ONE_HOP}).headers["X-Kgraph-Truncated"] == "false"


def test_etag_and_if_none_match(client) -> None:
    first = client.get("/sparql", query_string={"query": ONE_HOP})
    etag = first.headers["ETag"]
    assert etag.endswith('.json"') and first.headers["Vary"] == "Accept"
    again = client.get("/sparql", query_string={"query": ONE_HOP}, headers={"If-None-Match": etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", etag)
    other = client.get("/sparql", query_string={"query": ONE_HOP, "format": "csv"}, headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_cors_on_results_errors_and_preflight(client) -> None:
    assert client.get("/sparql", query_string={"query": ONE_HOP}).headers["Access-Control-Allow-Origin"] == "*"
    error = client.get("/sparql", query_string={"query": "SELECT"})
    assert error.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={
        "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert set(preflight.headers["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert preflight.headers["Access-Control-Allow-Headers"] == "content-type"
    assert "Access-Control-Allow-Credentials" not in preflight.headers


def error_of(response) -> dict:
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.data)


def test_malformed_query_is_400_with_position(client) -> None:
    body = error_of(client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"}))
    assert body["status"] == 400 and body["error"] == "query_syntax"
    assert (body["line"], body["column"]) == (1, 25)
    assert body["message"].startswith("malformed query: error at 1:25: expected")


def test_two_query_parameters_are_400(client) -> None:
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert (response.status_code, error_of(response)["message"]) == (400, "2 query parameters given; send exactly one")
    both = client.post("/sparql?query=ASK%7B%7D", data=b"ASK {}", content_type="application/sparql-query")
    assert both.status_code == 400


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"path": "/sparql?query=SELECT%20%3Fx%20%7B%7D%20%23%FF"}, "the URL query string"),
        ({"data": b"query=ASK%7B%7D%20%23%C3", "content_type": FORM}, "the form body"),
        ({"data": b"ASK {} # \xff\xfe", "content_type": "application/sparql-query"}, "the query body"),
    ],
)
def test_non_utf8_is_400(client, kwargs: dict, where: str) -> None:
    response = client.get(kwargs["path"]) if "path" in kwargs else client.post("/sparql", **kwargs)
    body = error_of(response)
    assert body["status"] == 400 and body["message"].startswith(f"{where} is not valid UTF-8")


def test_wrong_method_is_405_with_allow(client) -> None:
    response = client.delete("/sparql")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert error_of(response)["error"] == "method_not_allowed"


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x"])
def test_unsupported_request_media_type_is_415(client, content_type: str) -> None:
    response = client.post("/sparql", data=b"ASK {}", content_type=content_type)
    assert response.status_code == 415 and error_of(response)["error"] == "unsupported_media_type"


def test_post_without_query_is_400(client) -> None:
    assert client.post("/sparql", data={"format": "json"}).status_code == 400


def test_unsatisfiable_accept_is_406_listing_types(client) -> None:
    response = client.get("/sparql", query_string={"query": ONE_HOP}, headers={"Accept": "image/png"})
    body = error_of(response)
    assert response.status_code == 406
    assert body["available"][0] == "application/sparql-results+json"
    construct = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "csv"})
    assert error_of(construct)["available"] == [
        "text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"data": {"update": "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"}},
        {"data": b"DROP ALL", "content_type": "application/sparql-update"},
    ],
)
def test_update_operations_are_403(client, kwargs: dict) -> None:
    response = client.post("/sparql", **kwargs)
    assert response.status_code == 403
    assert error_of(response)["message"] == "this endpoint is read-only: SPARQL Update is not accepted"


def test_update_text_as_query_is_400_and_data_unchanged(client) -> None:
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    before = client.get("/sparql", query_string={"query": count, "format": "csv"}).data
    response = client.get("/sparql", query_string={"query": "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"})
    assert (response.status_code, error_of(response)["error"]) == (400, "query_not_allowed")
    assert client.get("/sparql", query_string={"query": count, "format": "csv"}).data == before == b"n\r\n128\r\n"


def test_graph_parameters_must_name_store_graphs(client) -> None:
    ok = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "format": "csv",
                                             "default-graph-uri": "http://kg.example/graph/inferred"})
    assert ok.data == b"n\r\n3\r\n"
    bad = client.get("/sparql", query_string={"query": ONE_HOP, "named-graph-uri": "file:///etc/passwd"})
    assert bad.status_code == 400 and error_of(bad)["unknown_graphs"] == ["file:///etc/passwd"]


def test_service_description_in_turtle_and_jsonld(client) -> None:
    response = client.get("/sparql")
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.data, format="turtle")
    service = URIRef("http://kg.example/sparql")
    assert (service, SD + "endpoint", service) in graph  # type: ignore[operator]
    void = "http://rdfs.org/ns/void#"
    dataset = URIRef("http://kg.example/sparql#dataset")
    assert graph.value(dataset, URIRef(void + "triples")) == Literal(128)
    facts = URIRef("http://kg.example/sparql#facts")
    assert graph.value(facts, URIRef(void + "triples")) == Literal(3)
    prefixes = {str(graph.value(d, URIRef("http://www.w3.org/ns/shacl#prefix")))
                for d in graph.objects(service, URIRef("http://www.w3.org/ns/shacl#declare"))}
    assert {"kg", "id", "skos", "rdf", "rdfs", "owl", "xsd", "prov", "dct", "oa", "void", "sd"} <= prefixes
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["Content-Type"] == "application/ld+json; charset=utf-8"
    assert len(list(ox.parse(jsonld.data, format=ox.RdfFormat.JSON_LD))) == len(graph)  # rdflib's JSON-LD parser warns (ConjunctiveGraph)


def test_predeclared_prefixes_can_be_redeclared(client) -> None:
    query = "PREFIX kg: <http://elsewhere.example/> ASK { id:Deployment kg:manages ?o }"
    assert client.get("/sparql", query_string={"query": query, "format": "csv"}).data == b"false"


def through(wsgi_app, **request) -> tuple[str, set, bytes]:
    """Status, headers and body of one request run through a bare WSGI callable."""
    from werkzeug.test import EnvironBuilder, run_wsgi_app

    body, status, headers = run_wsgi_app(wsgi_app, EnvironBuilder(**request).get_environ())
    return status, set(headers.items()), b"".join(body)


@pytest.mark.parametrize("request_", [
    {"path": "/sparql", "query_string": {"query": ONE_HOP, "format": "xml"}},
    {"path": "/sparql", "method": "POST", "data": {"query": ONE_HOP}, "headers": {"Accept": "text/csv"}},
    {"path": "/sparql", "query_string": {"query": "SELECT ?x {"}},
    {"path": "/sparql", "method": "POST", "data": b"INSERT DATA {}", "content_type": "application/sparql-update"},
    {"path": "/sparql", "headers": {"Accept": "text/turtle"}},
])
def test_the_fast_path_answers_exactly_as_the_flask_view(app, request_) -> None:
    fast_path = app.wsgi_app.next  # inside the metrics middleware
    flask_dispatch = fast_path.next
    through(fast_path, **request_)  # both doors now find the result cached
    assert through(fast_path, **request_) == through(flask_dispatch, **request_)


def test_the_result_cache_says_hit_or_miss(client) -> None:
    query = {"query": "SELECT ?c { ?c a skos:Concept } ORDER BY ?c LIMIT 2"}
    assert client.get("/sparql", query_string=query).headers["X-Kgraph-Cache"] == "miss"
    assert client.get("/sparql", query_string=query).headers["X-Kgraph-Cache"] == "hit"
    assert "X-Kgraph-Cache" in client.get("/sparql", query_string=query).headers["Access-Control-Expose-Headers"]


def test_a_browser_still_gets_the_editor_and_error_pages(client) -> None:
    html = "text/html,application/xhtml+xml,*/*;q=0.8"
    page = client.get("/sparql", query_string={"query": ONE_HOP}, headers={"Accept": html})
    assert page.status_code == 200 and page.mimetype == "text/html"
    error = client.post("/sparql", data={"query": "SELECT ?x {"}, headers={"Accept": html})
    assert (error.status_code, error.mimetype) == (400, "text/html")
    assert error.headers["Access-Control-Allow-Origin"] == "*"


def test_a_body_over_one_mebibyte_is_refused_with_413(client) -> None:
    response = client.post("/sparql", data=b"#" * (1 << 20 + 1), content_type="application/sparql-query")
    assert response.status_code == 413
    assert error_of(response)["error"] == "request_entity_too_large"


def test_a_query_nested_5000_deep_is_400(client) -> None:
    query = "SELECT * WHERE " + "{" * 5_000 + " ?s ?p ?o " + "}" * 5_000
    body = error_of(client.post("/sparql", data=query, content_type="application/sparql-query"))
    assert (body["status"], body["error"]) == (400, "query_not_allowed")
    assert body["message"].startswith("the query nests brackets more than 256 deep")
