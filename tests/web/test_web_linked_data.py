"""/id/<Name>: concept descriptions by Accept, 404 with close matches."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from rdf_files import parsed_graph

ID = "http://kg.example/id/"
KG = "http://kg.example/ontology#"


@pytest.mark.parametrize(
    ("accept", "content_type", "rdf_format"),
    [
        ("text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
        ("application/ld+json", "application/ld+json; charset=utf-8", ox.RdfFormat.JSON_LD),
        ("application/n-triples", "application/n-triples; charset=utf-8", ox.RdfFormat.N_TRIPLES),
        ("text/html;q=0.5,text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    ],
)
def test_concept_by_accept(client, accept: str, content_type: str, rdf_format: ox.RdfFormat) -> None:
    response = client.get("/id/ReplicaSet", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type
    graph = parsed_graph(response.data, rdf_format)
    replica_set = URIRef(ID + "ReplicaSet")
    assert set(graph.objects(replica_set, SKOS.prefLabel)) == {Literal("ReplicaSet", lang="en"), Literal("副本集", lang="zh")}
    assert (replica_set, URIRef(KG + "manages"), URIRef(ID + "Pod")) in graph
    assert (URIRef(ID + "Deployment"), URIRef(KG + "manages"), replica_set) in graph
    quote = URIRef("http://kg.example/evidence/e2#quote")
    assert graph.value(quote, URIRef("http://www.w3.org/ns/oa#exact")) == Literal("Pod被ReplicaSet管理")


def test_unknown_concept_is_404_with_close_matches(client) -> None:
    response = client.get("/id/Deploymen")
    assert response.status_code == 404
    assert json.loads(response.data) == {
        "error": "not_found", "status": 404, "message": "no concept named 'Deploymen'", "close_matches": ["Deployment"]}
    by_label = json.loads(client.get("/id/副本").data)
    assert by_label["close_matches"] == ["ReplicaSet"]


def test_concept_etag_revalidates(client) -> None:
    etag = client.get("/id/Pod").headers["ETag"]
    assert client.get("/id/Pod", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/id/Pod", headers={"Accept": "application/ld+json"}).headers["ETag"] != etag
