"""SHACL validation of a built graph, reported as ``file:line: message``.

In: the data (an rdflib ``Graph`` or any iterable of triples: the asserted facts, concepts and
evidence; the ontology may be included, the inferred graph must not be, as its triples carry no
evidence by design) and the shapes graph from ``load_shapes``. Out: a sorted list of
``Violation``s, each naming the note file and line it is about where the graph can tell.
Must not: change the data or know how the graph was built.

pySHACL is the checker; for speed it validates an in-memory Oxigraph store (pySHACL runs SHACL-SPARQL
queries natively there) holding only the triples the shapes read: every IRI-valued triple and the
few literal ones in ``_LITERALS`` (plain text, heading paths and alternative labels stay out).
``ontology/shapes.ttl`` uses SHACL Core for the few thousand concepts and notes and graph-wide
SHACL-SPARQL constraints for the tens of thousands of evidence nodes and passages.

Measured on 2 cores, synthetic graph of the contract's shape with 1.0M triples (500 notes, 50k
passages, 30k evidence, 3k concepts): SHACL Core + per-node SPARQL on rdflib would take
hours (263 s at 104k triples); core shapes alone 4.5 s at 104k, ~45 s at 1M; the layout below
about 10 s at 1M, most of it copying triples into Oxigraph (see ``bench/validate`` numbers in
the change notes).

A violation is located by triple look-ups: an evidence node at its note and start line, a passage
at its note and start line, a note at its path, and a concept at the first (by file, then line)
evidence citing it, else the first passage mentioning it. Results of graph-wide constraints have
the concept scheme as focus node; the node at fault is their ``sh:value``.
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

from kgraph.errors import OntologyError
from kgraph.ontology import parse_turtle

SHAPES_FILE = "shapes.ttl"
OA = Namespace("http://www.w3.org/ns/oa#")
Triple = tuple[Node, Node, Node]
# Literal-valued predicates the shapes read (kg: ones by local name); every IRI-valued triple is kept.
_LITERALS = frozenset({SKOS.prefLabel, SKOS.definition, OA.exact, RDF.object})
_KG_LITERALS = ("startLine", "endLine", "source", "rule", "confidence", "path", "sha256")


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
    raise ValueError("the shapes graph declares no kg: prefix")


def shape_triples(triples: Iterable[Triple], kg: Namespace) -> Iterator[Triple]:
    """The triples the shapes (and locating a violation) read; big literals are left out."""
    literals = _LITERALS | {kg[name] for name in _KG_LITERALS}
    for triple in triples:
        if not isinstance(triple[2], Literal) or triple[1] in literals:
            yield triple


def validate_graph(data: Iterable[Triple], shapes: Graph) -> list[Violation]:
    """Validate ``data`` against ``shapes`` with pySHACL; the violations, located and sorted."""
    kg = kg_namespace(shapes)
    store = ox.Store()
    to_ox = _Converter()
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o, *_ in shape_triples(data, kg))
    conforms, report, text = validate(store, shacl_graph=shapes, inference="none", inplace=True)
    if not isinstance(report, Graph):  # pySHACL could not run the shapes (a ValidationFailure)
        raise OntologyError(f"{SHAPES_FILE}: pySHACL cannot run the shapes: {text}")
    graph_nodes = set(shapes.objects(None, SH.targetNode))
    locator = _Locator(store, kg)
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


def _ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal) and term.language:
        return ox.Literal(str(term), language=term.language)
    if isinstance(term, Literal):
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise TypeError(f"cannot store {term!r} in Oxigraph")


class _Converter:
    """rdflib term -> Oxigraph term, remembering IRIs (they repeat: predicates, classes, concepts)."""

    def __init__(self) -> None:
        self.iris: dict[Node, ox.NamedNode | ox.BlankNode] = {}

    def __call__(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, Literal):
            return _ox(term)
        node = self.iris.get(term)
        if node is None:
            node = self.iris[term] = _ox(term)
        return node


Place = tuple[str | None, int | None]


class _Locator:
    """Finds the note path and line a node is about, by pattern look-ups in the store."""

    def __init__(self, store: ox.Store, kg: Namespace) -> None:
        self.store = store
        self.kind = {ox.NamedNode(str(kg[name])): name for name in ("Evidence", "Passage", "Note")}
        self.start_line, self.path, self.mentions = (ox.NamedNode(str(kg[n])) for n in ("startLine", "path", "mentions"))

    def locate(self, node: Node) -> Place:
        if not isinstance(node, (URIRef, BNode)):
            return None, None
        subject = _ox(node)
        kinds = {self.kind.get(t) for t in self._objects(subject, _ox(RDF.type))}
        if "Evidence" in kinds:
            return self._evidence(subject)
        if "Passage" in kinds:
            return self._passage(subject)
        if "Note" in kinds:
            return self._value(subject, self.path), None
        return self._concept(subject)

    def _objects(self, subject: Any, predicate: ox.NamedNode) -> list[Any]:
        return [quad.object for quad in self.store.quads_for_pattern(subject, predicate, None, None)]

    def _subjects(self, predicate: ox.NamedNode, obj: Any) -> list[Any]:
        return [quad.subject for quad in self.store.quads_for_pattern(None, predicate, obj, None)]

    def _value(self, subject: Any, predicate: ox.NamedNode) -> str | None:
        values = sorted(o.value for o in self._objects(subject, predicate))
        return values[0] if values else None

    def _line(self, subject: Any) -> int | None:
        value = self._value(subject, self.start_line)
        return int(value) if value and value.isdigit() else None

    def _evidence(self, evidence: Any) -> Place:
        passages = self._objects(evidence, _ox(PROV.wasDerivedFrom))
        path, passage_line = self._passage(passages[0]) if passages else (None, None)
        return path, self._line(evidence) or passage_line

    def _passage(self, passage: Any) -> Place:
        notes = self._objects(passage, _ox(DCTERMS.isPartOf))
        return (self._value(notes[0], self.path) if notes else None), self._line(passage)

    def _concept(self, concept: Any) -> Place:
        citing = self._subjects(_ox(RDF.subject), concept) + self._subjects(_ox(RDF.object), concept)
        mentioning = self._subjects(self.mentions, concept)
        for places in ([self._evidence(e) for e in citing], [self._passage(p) for p in mentioning]):
            known = sorted((path, line or 0) for path, line in places if path)
            if known:
                return known[0][0], known[0][1] or None
        return None, None
