"""How a built generation is laid out in a remote store: graphs named by their content.

In: a generation's quads (pyoxigraph) and its base IRI. Out: ``DataGraph``s (the graph's name in
the remote store, the logical graph it is part of, its N-Triples) and the names and bodies of the
two small graphs that say which data graphs make up which generation. Must not: talk HTTP.

Layout under ``<base>/graph/`` in the remote store::

    ontology/<digest>, asserted/<digest>, inferred/<digest>, candidate/<digest>
                        each logical graph whole, named by a digest of its content
    evidence/<digest>   the evidence graph cut per note: the note, its passages and the evidence
                        nodes derived from them (with their quote selectors)
    generation/<gen>    the manifest of one generation: ``<data graph> prov:specializationOf
                        <logical graph>`` per data graph, and ``<manifest> owl:versionInfo "<gen>"``
    published           the pointer: ``<…/published> dct:hasVersion <manifest>``, one triple
    generations         every manifest a publish began (``dct:hasPart``), so later ones clean up

A data graph's name changes exactly when its content does, so a publish sends only the graphs the
live generation lacks, and a graph is never rewritten while a reader may be reading it. The
digest is sha256 over the graph's sorted N-Triples, blank nodes canonicalized first (the ontology
has some), so the same content gets the same name in every build.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kgraph.iri import GRAPH_NAMES

DCT_HAS_VERSION = ox.NamedNode("http://purl.org/dc/terms/hasVersion")
DCT_HAS_PART = ox.NamedNode("http://purl.org/dc/terms/hasPart")
OWL_VERSION_INFO = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
SPECIALIZATION_OF = ox.NamedNode("http://www.w3.org/ns/prov#specializationOf")
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
DIGEST_CHARS = 24
PER_NOTE = "evidence"  # the logical graph cut into one data graph per note


@dataclass(frozen=True)
class DataGraph:
    """One graph as the remote store holds it."""

    name: str  # e.g. <base>/graph/evidence/3f2a…
    logical: str  # e.g. <base>/graph/evidence
    body: bytes  # N-Triples
    triples: int


@dataclass(frozen=True)
class Manifest:
    """Which data graphs make up one generation, by logical graph."""

    generation: str
    graphs: dict[str, str]  # data graph name -> logical graph name

    def by_logical(self) -> dict[str, tuple[str, ...]]:
        grouped: dict[str, list[str]] = defaultdict(list)
        for name, logical in sorted(self.graphs.items()):
            grouped[logical].append(name)
        return {logical: tuple(names) for logical, names in grouped.items()}


class Layout:
    """Graph names under one base IRI."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.root = f"{self.base}/graph/"

    def logical(self, name: str) -> str:
        return f"{self.root}{name}"

    @property
    def pointer(self) -> str:
        return f"{self.root}published"

    @property
    def generations(self) -> str:
        return f"{self.root}generations"

    def manifest_name(self, generation: str) -> str:
        return f"{self.root}generation/{generation}"

    def data_graphs(self, store: ox.Store) -> list[DataGraph]:
        """The store's graphs as data graphs, each logical graph whole except the per-note cut."""
        known = {self.logical(name) for name in GRAPH_NAMES}
        extra = sorted(g.value for g in store.named_graphs() if g.value not in known)
        if extra:
            raise ValueError(f"graphs outside the layout: {', '.join(extra)}")
        out = []
        for name in GRAPH_NAMES:
            body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(self.logical(name))) or b""
            lines = body.splitlines(keepends=True)
            parts = self._per_note(lines) if name == PER_NOTE else [lines]
            out += [self._data_graph(name, part) for part in parts if part]
        return out

    def _per_note(self, lines: list[bytes]) -> list[list[bytes]]:
        """Evidence N-Triples lines grouped by the note their subject belongs to (first seen first)."""
        derived_from = f" <{DERIVED_FROM}> <".encode()
        derived = {}
        for line in lines:
            if derived_from in line:
                derived[_subject(line)] = line[line.index(derived_from) + len(derived_from):line.rindex(b">")]
        groups: dict[bytes, list[bytes]] = defaultdict(list)
        notes = f"{self.base}/notes/".encode()
        for line in lines:
            iri = _subject(line)
            if not iri.startswith(notes):
                iri = derived.get(iri.split(b"#", 1)[0], b"")
            groups[iri.split(b"#", 1)[0]].append(line)
        return list(groups.values())

    def _data_graph(self, logical: str, lines: list[bytes]) -> DataGraph:
        body = canonical_ntriples(lines)
        digest = hashlib.sha256(body).hexdigest()[:DIGEST_CHARS]
        return DataGraph(f"{self.root}{logical}/{digest}", self.logical(logical), body, body.count(b"\n"))

    # --- the two small graphs that say what is published -----------------------------------------

    def manifest_body(self, manifest: Manifest) -> bytes:
        name = ox.NamedNode(self.manifest_name(manifest.generation))
        triples = [ox.Triple(name, OWL_VERSION_INFO, ox.Literal(manifest.generation))]
        triples += [ox.Triple(ox.NamedNode(graph), SPECIALIZATION_OF, ox.NamedNode(logical))
                    for graph, logical in sorted(manifest.graphs.items())]
        return _ntriples(triples)

    def read_manifest(self, body: bytes) -> Manifest:
        triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        generation, graphs = "", {}
        for t in triples:
            if t.predicate == OWL_VERSION_INFO:
                generation = t.object.value
            elif t.predicate == SPECIALIZATION_OF:
                graphs[t.subject.value] = t.object.value
        return Manifest(generation, graphs)

    def pointer_body(self, generation: str) -> bytes:
        return _ntriples([ox.Triple(ox.NamedNode(self.pointer), DCT_HAS_VERSION,
                                    ox.NamedNode(self.manifest_name(generation)))])

    def generations_body(self, generations: Iterable[str]) -> bytes:
        return _ntriples([ox.Triple(ox.NamedNode(self.generations), DCT_HAS_PART,
                                    ox.NamedNode(self.manifest_name(g))) for g in sorted(set(generations))])

    def generation_of(self, manifest_iri: str) -> str:
        prefix = self.manifest_name("")
        return manifest_iri[len(prefix):] if manifest_iri.startswith(prefix) else ""

    def read_links(self, body: bytes, predicate: ox.NamedNode) -> list[str]:
        """The generations named by ``predicate`` in the pointer or the generations graph."""
        found = [self.generation_of(t.object.value) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
                 if t.predicate == predicate and isinstance(t.object, ox.NamedNode)]
        return sorted(g for g in found if g)


def _subject(line: bytes) -> bytes:
    """The subject IRI of an N-Triples line (empty for a blank node)."""
    return line[1:line.index(b">")] if line.startswith(b"<") else b""


def canonical_ntriples(lines: list[bytes]) -> bytes:
    """N-Triples lines sorted and deduplicated, blank nodes renamed canonically when there are any."""
    if any(line.startswith(b"_:") or b" _:" in line for line in lines):
        dataset = ox.Dataset(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        return _ntriples(q.triple for q in dataset)
    return b"".join(sorted(set(line if line.endswith(b"\n") else line + b"\n" for line in lines)))


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    lines = sorted({f"{t} .\n" for t in triples})
    return "".join(lines).encode("utf-8")
