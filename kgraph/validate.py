"""SHACL validation of a built graph, reported as ``file:line: message``.

In: the data (``validate_graph``: an rdflib ``Graph``/``Dataset`` or any iterable of triples or
quads, e.g. the build's quads; ``validate_store``: the live store) and the shapes graph from
``load_shapes``. All graphs are validated as one: asserted, evidence, ontology and, optionally,
inferred (its inverse triples count as backed by their forward fact's evidence). Out: a sorted
list of ``Violation``s, each naming the note file and line it is about where the data can tell.
Must not: change the data or know how the graph was built.

pySHACL is the checker. It runs on an in-memory Oxigraph store (pySHACL then evaluates SHACL-SPARQL
inside Oxigraph) holding only the triples the shapes and the locator read: every IRI-valued triple
and the literal ones in ``_LITERALS`` (plain text, heading paths, alternative labels stay out).

Timings, 2 cores, synthetic graph of the contract's shape: 500 notes, 50k passages (3 mentions
each), 30k evidence nodes, 3k concepts = 1.04M triples (104k for the 10x smaller one).
  SHACL Core + per-node SHACL-SPARQL on rdflib:      263 s at 104k (rdflib's NOT EXISTS is quadratic)
  SHACL Core alone on rdflib:                         4.5 s at 104k, ~45 s extrapolated to 1.04M
  per-node SPARQL + Core on Oxigraph:                  13 s at 104k (pySHACL's ~0.6 ms per query)
  this layout (Core for concepts and notes, graph-wide SPARQL for evidence and passages, Oxigraph):
    104k: 1.4 s;  1.04M: 16-26 s (``validate_graph`` on a Graph or a list of quads; ~11 s of it is
    copying triples into Oxigraph, ~8 s the eight graph-wide queries, <1 s the Core shapes);
    ``validate_store`` on a 1.04M on-disk store: 20-25 s.

A violation is located by look-ups in the store: an evidence node at its note and start line, a
passage at its note and start line, a note at its path, a concept at the first (by file, then
line) evidence citing it, else the first passage mentioning it. Graph-wide constraints have the
concept scheme as focus node; the node at fault is their ``sh:value``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyshacl import validate
from rdflib import RDF, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SH
from rdflib.term import Node

from kgraph.config import Settings
from kgraph.errors import OntologyError
from kgraph.ontology import parse_turtle
from kgraph.integrity import check_store
from kgraph.store import open_oxigraph, to_oxigraph

SHAPES_FILE = "shapes.ttl"
OA = Namespace("http://www.w3.org/ns/oa#")
# Literal-valued predicates kept for validation (kg: ones by local name); IRI-valued triples all are.
_LITERALS = (SKOS.prefLabel, SKOS.definition, OA.exact, RDF.object)
_KG_LITERALS = ("startLine", "endLine", "source", "rule", "confidence", "path", "sha256")
Place = tuple[str | None, int | None]


@dataclass(frozen=True)
class Violation:
    """One shape violation: where (note path and line, when known), the node at fault, the message."""

    path: str | None
    line: int | None
    focus: str
    message: str

    def __str__(self) -> str:
        where = self.path or self.focus
        if self.path and self.line:
            where = f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_shapes(directory: Path, base: str) -> Graph:
    """``shapes.ttl`` parsed with the base; its relative ``sh:namespace`` literals resolved too."""
    base = base.rstrip("/")
    graph = parse_turtle(Path(directory) / SHAPES_FILE, base)
    for decl, namespace in list(graph.subject_objects(SH.namespace)):
        if ":" not in str(namespace):
            graph.set((decl, SH.namespace, Literal(f"{base}/{namespace}", datatype=XSD.anyURI)))
    return graph


def kg_namespace(shapes: Graph) -> Namespace:
    """The ``kg:`` namespace the shapes were loaded with (from their ``sh:declare``)."""
    for decl in shapes.subjects(SH.prefix, Literal("kg")):
        return Namespace(str(shapes.value(decl, SH.namespace)))
    raise OntologyError(f"{SHAPES_FILE}: declares no kg: prefix (sh:declare)")


def validate_graph(data: Iterable[tuple], shapes: Graph) -> list[Violation]:
    """Validate ``data`` (triples or quads; graph names are ignored) against ``shapes``."""
    kept = _kept_literals(kg_namespace(shapes))
    store = ox.Store()
    store.extend(_quads(data, kept))
    return _check(store, shapes)


def validate_store(settings: Settings) -> list[Violation]:
    """Validate every graph of the live store against ``settings.ontology``'s shapes, once its files
    are found whole (``kgraph.integrity``: else ``StoreCorrupt``)."""
    version = check_store(settings.store)
    shapes = load_shapes(settings.ontology, version.meta.get("base", settings.base))
    kept = {to_oxigraph(p) for p in _kept_literals(kg_namespace(shapes))}
    store = ox.Store()
    store.extend(
        ox.Quad(q.subject, q.predicate, q.object)
        for q in open_oxigraph(version).quads_for_pattern(None, None, None, None)
        if not isinstance(q.object, ox.Literal) or q.predicate in kept
    )
    return _check(store, shapes)


def _kept_literals(kg: Namespace) -> frozenset[URIRef]:
    return frozenset((*_LITERALS, *(kg[name] for name in _KG_LITERALS)))


def _quads(data: Iterable[tuple], kept: frozenset[URIRef]) -> Iterator[ox.Quad]:
    """rdflib triples (or quads) as default-graph Oxigraph quads, big literals left out."""
    iris: dict[Node, Any] = {}  # IRIs repeat (predicates, classes, concepts): convert each once

    def term(node: Node) -> Any:
        if isinstance(node, Literal):
            return to_oxigraph(node)
        found = iris.get(node)
        if found is None:
            found = iris[node] = to_oxigraph(node)
        return found

    for s, p, o, *_ in data:
        if not isinstance(o, Literal) or p in kept:
            yield ox.Quad(term(s), term(p), term(o))


def _check(store: ox.Store, shapes: Graph) -> list[Violation]:
    _, report, _ = validate(store, shacl_graph=shapes, inference="none", inplace=True)
    if not isinstance(report, Graph):  # pySHACL could not run the shapes (a ValidationFailure)
        raise OntologyError(f"{SHAPES_FILE}: pySHACL cannot run the shapes: {report}")
    graph_nodes = set(shapes.objects(None, SH.targetNode))
    locator = _Locator(store, kg_namespace(shapes))
    found = {_violation(report, result, graph_nodes, locator) for result in report.objects(None, SH.result)}
    return sorted(found, key=lambda v: (v.path or "", v.line or 0, v.focus, v.message))


def _violation(report: Graph, result: Node, graph_nodes: set[Node], locator: _Locator) -> Violation:
    node = report.value(result, SH.focusNode)
    value = report.value(result, SH.value)
    if node in graph_nodes and value is not None:
        node = value  # a graph-wide constraint: the value is the node at fault
    message = report.value(result, SH.resultMessage) or report.value(result, SH.sourceConstraintComponent)
    path, line = locator.locate(node)
    return Violation(path, line, str(node), str(message))


class _Locator:
    """Finds the note path and line a node is about, by pattern look-ups in the store."""

    def __init__(self, store: ox.Store, kg: Namespace) -> None:
        self.store = store
        self.kinds = {to_oxigraph(kg[name]): name for name in ("Evidence", "Passage", "Note")}
        self.start_line, self.path, self.mentions = (to_oxigraph(kg[n]) for n in ("startLine", "path", "mentions"))

    def locate(self, node: Node) -> Place:
        if not isinstance(node, (URIRef, BNode)):
            return None, None
        subject = to_oxigraph(node)
        kinds = {self.kinds.get(t) for t in self._objects(subject, to_oxigraph(RDF.type))}
        if "Evidence" in kinds:
            return self._evidence(subject)
        if "Passage" in kinds:
            return self._passage(subject)
        if "Note" in kinds:
            return self._first_value(subject, self.path), None
        return self._concept(subject)

    def _objects(self, subject: Any, predicate: Any) -> list[Any]:
        return [quad.object for quad in self.store.quads_for_pattern(subject, predicate, None, None)]

    def _subjects(self, predicate: Any, obj: Any) -> list[Any]:
        return [quad.subject for quad in self.store.quads_for_pattern(None, predicate, obj, None)]

    def _first_value(self, subject: Any, predicate: Any) -> str | None:
        return min((o.value for o in self._objects(subject, predicate)), default=None)

    def _line(self, subject: Any) -> int | None:
        value = self._first_value(subject, self.start_line)
        return int(value) if value and value.isdigit() else None

    def _evidence(self, evidence: Any) -> Place:
        passages = self._objects(evidence, to_oxigraph(PROV.wasDerivedFrom))
        path, passage_line = self._passage(passages[0]) if passages else (None, None)
        return path, self._line(evidence) or passage_line

    def _passage(self, passage: Any) -> Place:
        notes = self._objects(passage, to_oxigraph(DCTERMS.isPartOf))
        return (self._first_value(notes[0], self.path) if notes else None), self._line(passage)

    def _concept(self, concept: Any) -> Place:
        citing = self._subjects(to_oxigraph(RDF.subject), concept) + self._subjects(to_oxigraph(RDF.object), concept)
        mentioning = self._subjects(self.mentions, concept)
        for places in ([self._evidence(e) for e in citing], [self._passage(p) for p in mentioning]):
            known = sorted((path, line or 0) for path, line in places if path)
            if known:
                return known[0][0], known[0][1] or None
        return None, None
