"""A live server (`kgraph serve`: Granian, 2 workers) driven by SPARQLWrapper: formats, safety, time limit, concurrency."""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from live_server import BASE, free_port, server_command, wait_until_up
from rdf_files import parsed_graph

ID = "http://kg.example/id/"
KG = "http://kg.example/ontology#"
CHAIN = "SELECT ?x ?label WHERE { id:Deployment kg:manages+ ?x . ?x skos:prefLabel ?label } ORDER BY ?x ?label"
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def wrapper(live_server: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{live_server}/sparql", returnFormat=fmt)
    client.setQuery(query)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_json(live_server: str, method: str) -> None:
    rows = wrapper(live_server, CHAIN, JSON, method).queryAndConvert()["results"]["bindings"]
    assert [(r["x"]["value"], r["label"]["value"], r["label"]["xml:lang"]) for r in rows] == [
        (ID + "Pod", "Pod", "en"), (ID + "Pod", "容器组", "zh"),
        (ID + "ReplicaSet", "ReplicaSet", "en"), (ID + "ReplicaSet", "副本集", "zh"),
    ]


def test_select_xml(live_server: str) -> None:
    document = wrapper(live_server, CHAIN, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["Pod", "容器组", "ReplicaSet", "副本集"]


def test_select_csv(live_server: str) -> None:
    text = wrapper(live_server, CHAIN, CSV).queryAndConvert().decode("utf-8")
    assert list(csv.reader(io.StringIO(text))) == [
        ["x", "label"], [ID + "Pod", "Pod"], [ID + "Pod", "容器组"],
        [ID + "ReplicaSet", "ReplicaSet"], [ID + "ReplicaSet", "副本集"],
    ]


def test_select_tsv(live_server: str) -> None:
    text = wrapper(live_server, CHAIN, TSV).queryAndConvert().decode("utf-8")
    assert text.splitlines() == [
        "?x\t?label", f'<{ID}Pod>\t"Pod"@en', f'<{ID}Pod>\t"容器组"@zh',
        f'<{ID}ReplicaSet>\t"ReplicaSet"@en', f'<{ID}ReplicaSet>\t"副本集"@zh',
    ]


def test_ask(live_server: str) -> None:
    assert wrapper(live_server, "ASK { id:Pod kg:managedBy id:ReplicaSet }", JSON).queryAndConvert()["boolean"] is True
    assert wrapper(live_server, "ASK { id:Pod kg:manages ?x }", XML).query().convert() is not None


@pytest.mark.parametrize(("fmt", "media_type"), [
    (TURTLE, "text/turtle"), (N3, "text/turtle"), (RDFXML, "application/rdf+xml"), (JSONLD, "application/ld+json"),
])
def test_construct(live_server: str, fmt: str, media_type: str) -> None:
    query = "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:prefLabel ?l FILTER(lang(?l) = 'zh') }"
    response = wrapper(live_server, query, fmt).query().response
    # Parsed by Oxigraph, not SPARQLWrapper's convert(): that builds an rdflib ConjunctiveGraph, which warns.
    assert response.headers["Content-Type"] == f"{media_type}; charset=utf-8"
    graph = parsed_graph(response.read(), ox.RdfFormat.from_media_type(media_type))
    assert set(graph.objects(URIRef(ID + "Service"), SKOS.prefLabel)) == {Literal("服务", lang="zh")}
    assert len(graph) == 4


def test_describe_has_labels_relations_and_evidence(live_server: str) -> None:
    result = wrapper(live_server, "DESCRIBE id:Deployment", TURTLE).queryAndConvert()
    graph = Graph().parse(data=result, format="turtle")
    deployment = URIRef(ID + "Deployment")
    assert graph.value(deployment, SKOS.altLabel) == Literal("deploy", lang="en")
    assert (deployment, URIRef(KG + "manages"), URIRef(ID + "ReplicaSet")) in graph
    evidence = URIRef("http://kg.example/evidence/e1")
    assert graph.value(evidence, URIRef(KG + "rule")) == Literal("manages-zh-active")
    passage = graph.value(evidence, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert graph.value(passage, URIRef(KG + "startLine")) == Literal(16)


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on a loopback port recording every connection it receives."""
    received: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            received.append(connection.recv(1024) or b"<connected>")
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join()
    server.close()


def test_no_query_can_make_an_outbound_connection(live_server: str, listener) -> None:
    port, received = listener
    target = f"<http://127.0.0.1:{port}/sparql>"
    refused = [
        f"SELECT * {{ SERVICE {target} {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT {target} {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?s ?p ?o OPTIONAL {{ SERVICE {target} {{ ?s ?q ?r }} }} }}",
        f"SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE {target} {{ ?s ?q ?r }} }} }}",
        f"SELECT * {{ {{ SELECT ?s {{ SERVICE {target} {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * {{ BIND({target} AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * FROM {target} {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED {target} {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }",
    ]
    for query in refused:
        with pytest.raises(QueryBadFormed):
            wrapper(live_server, query, JSON).query()
    with pytest.raises(urllib.error.HTTPError) as caught:  # SPARQLWrapper sends LOAD as update=
        wrapper(live_server, f"LOAD {target}", JSON, POST).query()
    assert caught.value.code == 403
    time.sleep(0.3)
    assert received == []


def test_service_inside_a_string_is_just_a_string(live_server: str) -> None:
    query = 'SELECT ?x { BIND("SERVICE <http://127.0.0.1:9/> { }" AS ?x) }'
    rows = wrapper(live_server, query, JSON).queryAndConvert()["results"]["bindings"]
    assert rows == [{"x": {"type": "literal", "value": "SERVICE <http://127.0.0.1:9/> { }"}}]


def get(url: str, query: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"{url}/sparql?{urllib.parse.urlencode({'query': query})}", timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def cpu_seconds_of_tree(root: int) -> float:
    """User+system CPU seconds used so far by ``root``'s descendants (from /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, (ppid, _) in parents.items() if ppid in frontier} - tree
        tree |= frontier
    return sum(parents[pid][1] for pid in tree) / os.sysconf("SC_CLK_TCK")


def test_runaway_query_is_stopped_while_others_are_served(live_server: str, settings) -> None:
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        runaway = pool.submit(get, live_server, CARTESIAN)
        time.sleep(0.2)
        meanwhile = [get(live_server, "ASK { id:Pod a skos:Concept }") for _ in range(20)]
        status, body = runaway.result()
        elapsed = time.monotonic() - started
    assert meanwhile == [(200, b'{"head":{},"boolean":true}')] * 20
    assert status == 503 and json.loads(body)["error"] == "query_timeout"
    assert settings.query_timeout <= elapsed < settings.query_timeout + 1.5
    assert get(live_server, "ASK { id:Pod a skos:Concept }")[0] == 200


def test_comment_only_queries_are_answered_and_leave_the_server_responsive(live_server: str) -> None:
    """Six of these (30 and more `#`) once left every web thread backtracking in a regex for good."""
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda n: get(live_server, "#" * n, timeout=30), range(30, 36)))
    assert [(status, json.loads(body)["error"]) for status, body in answers] == [(400, "query_syntax")] * 6
    assert get(live_server, "ASK { id:Pod a skos:Concept }") == (200, b'{"head":{},"boolean":true}')


def test_cpu_is_freed_after_a_timeout(live_process) -> None:
    url, process = live_process
    assert get(url, CARTESIAN)[0] == 503
    time.sleep(0.3)
    before = cpu_seconds_of_tree(process.pid)
    time.sleep(1.0)
    assert cpu_seconds_of_tree(process.pid) - before < 0.3


def test_first_requests_after_start_are_concurrent_and_correct(settings) -> None:
    port = free_port()
    env = {**os.environ, "KGRAPH_BASE": BASE, "KGRAPH_STORE": str(settings.store)}
    process = subprocess.Popen(server_command(settings, port), env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/id/Pod", process)  # a linked-data view: no query worker started yet
        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda _: get(url, CHAIN.replace("ORDER BY ?x ?label", "")), range(32)))
    finally:
        process.terminate()
        process.wait(15)
    assert {status for status, _ in answers} == {200}
    assert {len(json.loads(body)["results"]["bindings"]) for _, body in answers} == {4}


def test_connections_are_kept_alive_between_requests(live_server: str) -> None:
    import http.client

    host, port = live_server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        path = "/sparql?" + urllib.parse.urlencode({"query": CHAIN})
        connection.request("GET", path)
        first = connection.getresponse()
        first.read()
        sock = connection.sock
        connection.request("GET", path)
        second = connection.getresponse()
        second.read()
        assert (first.status, second.status) == (200, 200)
        assert connection.sock is sock and sock is not None  # the same TCP connection served both
        assert first.getheader("Connection", "keep-alive").lower() != "close"
    finally:
        connection.close()


def post_chunked(live_server: str, chunks: list[bytes], content_type: str) -> tuple[int, bytes]:
    import http.client

    host, port = live_server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("POST", "/sparql", body=iter(chunks), encode_chunked=True,
                           headers={"Content-Type": content_type, "Accept": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(("content_type", "query"), [
    ("application/sparql-query", b"ASK { id:Pod a skos:Concept }"),
    ("application/x-www-form-urlencoded", b"query=ASK%20%7B%20id%3APod%20a%20skos%3AConcept%20%7D"),
])
def test_a_chunked_body_is_read_whole_or_refused_with_413(live_server: str, content_type: str, query: bytes) -> None:
    padding = b" " if content_type == "application/sparql-query" else b"+"
    assert post_chunked(live_server, [query, padding * 1000], content_type) == (200, b'{"head":{},"boolean":true}')
    # Cut at 1 MiB this would still be a valid query: it must not run.
    status, body = post_chunked(live_server, [query, padding * (1 << 20), b" garbage"], content_type)
    assert status == 413 and json.loads(body)["error"] == "request_entity_too_large"
