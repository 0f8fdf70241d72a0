"""KnowledgeBase.refresh in one process: it switches to a new generation only when there is one,
serves the new data at once, and keeps its leases until it is closed."""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Literal, URIRef

from kgraph.config import Settings
from kgraph.kb import KnowledgeBase
from kgraph.store import current_version, new_generation

from live_server import BASE

LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
TYPE, CONCEPT = RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")
MARKER = "SELECT ?l { <http://kg.example/id/Marker> skos:prefLabel ?l }"


def rebuild(root: Path, label: str) -> str:
    """A generation holding only one labelled node."""
    with new_generation(root) as writer:
        marker, graph = URIRef(f"{BASE}/id/Marker"), URIRef(f"{BASE}/graph/asserted")
        writer.add([(marker, LABEL, Literal(label, lang="en"), graph), (marker, TYPE, CONCEPT, graph)])
    return current_version(root).name


def test_refresh_follows_new_generations_and_close_gives_the_leases_back(tmp_path: Path) -> None:
    rebuild(tmp_path, "one")
    kb = KnowledgeBase(Settings(base=BASE, store=tmp_path, query_timeout=1.0))
    try:
        first = kb.sparql.version.name
        assert kb.refresh() is False and kb.generation == first
        second = rebuild(tmp_path, "two")
        assert kb.refresh() is True and kb.generation == second
        assert [str(row["l"]) for row in kb.sparql.select(MARKER)] == ["two"]
        assert kb.sparql.execute(MARKER, format="csv").body == b"l\r\ntwo\r\n"
        third = rebuild(tmp_path, "three")
        fourth = rebuild(tmp_path, "four")
        assert kb.refresh() is True and kb.generation == fourth
        # The first and second are retired but not yet closed: their leases keep them on disk.
        assert {first, second, third, fourth} <= {p.name for p in tmp_path.glob("gen-*")}
    finally:
        kb.close()
    fifth = rebuild(tmp_path, "five")
    assert sorted(p.name for p in tmp_path.glob("gen-*")) == [fourth, fifth]


def test_a_damaged_new_generation_is_not_switched_to(tmp_path: Path) -> None:
    first = rebuild(tmp_path, "one")
    kb = KnowledgeBase(Settings(base=BASE, store=tmp_path, query_timeout=1.0))
    try:
        assert kb.generation is None and kb.sparql.version.name == first
        damaged = rebuild(tmp_path, "two")
        for table in (tmp_path / damaged / "oxigraph").glob("*.sst"):
            table.write_bytes(b"not a table")
        assert kb.refresh() is False and kb.refresh() is False  # tried once, then left alone
        assert kb.generation == first
        assert [str(row["l"]) for row in kb.sparql.select(MARKER)] == ["one"]
        third = rebuild(tmp_path, "three")
        assert kb.refresh() is True and kb.generation == third
    finally:
        kb.close()


def test_the_term_index_is_one_per_generation_and_follows_the_switch(tmp_path: Path) -> None:
    rebuild(tmp_path, "one")
    kb = KnowledgeBase(Settings(base=BASE, store=tmp_path, query_timeout=1.0))
    try:
        index = kb.terms
        assert kb.terms is index and index.version == kb.generation
        assert [label.text for label in index.complete("on", 5)[1]] == ["one"]
        rebuild(tmp_path, "two")
        assert kb.refresh() is True
        assert kb.terms is not index and kb.terms.version == kb.generation
        assert kb.terms.complete("on", 5)[1] == [] and [l.text for l in kb.terms.complete("tw", 5)[1]] == ["two"]
    finally:
        kb.close()
