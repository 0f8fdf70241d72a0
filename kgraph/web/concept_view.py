"""What the HTML page of one concept shows, read from the graph.

In: the ``SparqlEngine`` and a concept IRI. Out: ``ConceptView`` (or ``None`` for an unknown IRI):
preferred labels per language, aliases, misspellings, types with their ontology labels,
definitions and relations out and in, each with ``Citation``s (note path, 1-based inclusive lines,
heading, verbatim quote), a ready-made SPARQL query for the "query this" link, and
``diagram_input`` (the nodes and edges ``diagram.neighbourhood_svg`` draws).
Must not: render HTML (templates and ``diagram`` do) or run SPARQL other than through the engine.

Relations are the *asserted* facts with the concept on either side; the inferred inverses add
nothing a reader does not see as an incoming relation, and the evidence sits on the asserted fact.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from rdflib import URIRef

from kgraph import reads
from kgraph.iri import Iris
from kgraph.model import Citation
from kgraph.sparql import SparqlEngine
from kgraph.web.diagram import Edge, Node

EVIDENCE = """OPTIONAL {
    ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:startLine ?start ; kg:endLine ?end ;
       prov:wasDerivedFrom ?passage .
    ?passage dct:isPartOf/kg:path ?path .
    OPTIONAL { ?passage kg:headingPath ?heading }
    OPTIONAL { ?e oa:hasSelector/oa:exact ?quote } }"""
TYPES = """SELECT ?type ?label { ?c a ?type . FILTER(?type != skos:Concept)
  OPTIONAL { ?type rdfs:label ?label } }"""
KINDS = {"pref": "prefLabel", "alt": "altLabel", "hidden": "hiddenLabel"}  # weak labels are not shown
DEFINITIONS = f"""SELECT ?o ?start ?end ?path ?heading ?quote {{
  BIND(?c AS ?s) BIND(skos:definition AS ?p) ?c skos:definition ?o . {EVIDENCE} }}"""
OUT = f"""SELECT ?p ?o ?plabel ?olabel ?start ?end ?path ?heading ?quote {{
  BIND(?c AS ?s) GRAPH graph:asserted {{ ?c ?p ?o }} ?o a skos:Concept .
  OPTIONAL {{ ?p rdfs:label ?plabel }} OPTIONAL {{ ?o skos:prefLabel ?olabel }} {EVIDENCE} }}"""
IN = f"""SELECT ?p ?s ?plabel ?slabel ?start ?end ?path ?heading ?quote {{
  BIND(?c AS ?o) GRAPH graph:asserted {{ ?s ?p ?c }} ?s a skos:Concept .
  OPTIONAL {{ ?p rdfs:label ?plabel }} OPTIONAL {{ ?s skos:prefLabel ?slabel }} {EVIDENCE} }}"""


@dataclass(frozen=True)
class Text:
    text: str
    lang: str  # RDF language tag ("zh", "en") or ""


@dataclass(frozen=True)
class Term:
    """An IRI with its labels by language (a type, a relation or a related concept)."""

    iri: str
    name: str  # the local name: concept key, or the ontology term
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.name)


@dataclass(frozen=True)
class Definition:
    text: Text
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Relation:
    predicate: Term
    other: Term  # the concept at the other end
    direction: str  # "out": this concept is the subject; "in": the object
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class ConceptView:
    key: str
    iri: str
    pref_labels: tuple[Text, ...]
    aliases: tuple[Text, ...]
    misspellings: tuple[Text, ...]
    types: tuple[Term, ...]
    definitions: tuple[Definition, ...]
    relations: tuple[Relation, ...]

    @property
    def title(self) -> str:
        return next((t.text for t in self.pref_labels if t.lang == "en"), None) or (
            self.pref_labels[0].text if self.pref_labels else self.key)

    @property
    def sparql(self) -> str:
        return (f"# Every statement about {self.key}, and its labels\n"
                f"SELECT ?property ?value WHERE {{\n  <{self.iri}> ?property ?value .\n}}\nORDER BY ?property")

    def outgoing(self) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.direction == "out")

    def incoming(self) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.direction == "in")


def concept_view(engine: SparqlEngine, iri: str) -> ConceptView | None:
    """Everything the concept page shows, or ``None`` when ``iri`` is no concept."""
    c = URIRef(iri)
    key = Iris(engine.settings.base).key_of(iri)
    labels = reads.labels(engine, engine.settings.base, [key]).rows if key else ()
    if not labels:
        return None
    by_kind = defaultdict(list)
    for label in labels:
        by_kind[KINDS.get(label.kind, "")].append(Text(label.text, label.lang))
    return ConceptView(
        key=key,
        iri=iri,
        pref_labels=tuple(sorted(by_kind["prefLabel"], key=lambda t: t.lang)),
        aliases=tuple(sorted(set(by_kind["altLabel"]), key=lambda t: (t.lang, t.text))),
        misspellings=tuple(sorted(set(by_kind["hiddenLabel"]), key=lambda t: (t.lang, t.text))),
        types=tuple(_types(engine, c)),
        definitions=tuple(_definitions(engine, c)),
        relations=tuple(_relations(engine, c, "out")) + tuple(_relations(engine, c, "in")),
    )


def _types(engine: SparqlEngine, c: URIRef) -> list[Term]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in engine.select(TYPES, c=c):
        entry = labels[str(row["type"])]
        if "label" in row:
            entry.setdefault(row["label"].language or "", str(row["label"]))
    return sorted((Term(iri, local_name(iri), found) for iri, found in labels.items()), key=lambda t: t.label())


def _definitions(engine: SparqlEngine, c: URIRef) -> list[Definition]:
    cited: dict[Text, set[Citation]] = defaultdict(set)
    for row in engine.select(DEFINITIONS, c=c):
        text = Text(str(row["o"]), row["o"].language or "")
        cited[text].update(_citation(row))
    return [Definition(text, _sorted(cites)) for text, cites in sorted(cited.items(), key=lambda kv: kv[0].lang)]


def _relations(engine: SparqlEngine, c: URIRef, direction: str) -> list[Relation]:
    other_var = "o" if direction == "out" else "s"
    iris = Iris(engine.settings.base)
    facts: dict[tuple[str, str], dict] = {}
    for row in engine.select(OUT if direction == "out" else IN, c=c):
        p, other = str(row["p"]), str(row[other_var])
        fact = facts.setdefault((p, other), {"p": {}, "o": {}, "cites": set()})
        _add_label(fact["p"], row.get("plabel"))
        _add_label(fact["o"], row.get(f"{other_var}label"))
        fact["cites"].update(_citation(row))
    relations = [
        Relation(Term(p, local_name(p), f["p"]), Term(o, iris.key_of(o) or o, f["o"]), direction, _sorted(f["cites"]))
        for (p, o), f in facts.items()
    ]
    return sorted(relations, key=lambda r: (r.predicate.name, r.other.label()))


def _citation(row: dict) -> list[Citation]:
    if "path" not in row:
        return []
    return [Citation(str(row["path"]), int(row["start"]), int(row["end"]), str(row.get("heading", "")),
                     str(row.get("quote", "")))]


def _add_label(labels: dict[str, str], literal) -> None:
    if literal is not None:
        labels.setdefault(literal.language or "", str(literal))


def _sorted(citations: set[Citation]) -> tuple[Citation, ...]:
    return tuple(sorted(citations, key=lambda c: (c.source, c.start_line, c.end_line, c.quote)))


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def diagram_input(view: ConceptView) -> tuple[Node, list[Node], list[Edge]]:
    """The centre, the neighbours (outgoing first, each once) and the edges for ``diagram``."""
    centre = Node(view.key, view.title, f"/id/{quote(view.key)}")
    neighbours: dict[str, Node] = {}
    edges = []
    for relation in view.relations:
        other = relation.other
        neighbours.setdefault(other.name, Node(other.name, other.label(), f"/id/{quote(other.name)}"))
        ends = (view.key, other.name) if relation.direction == "out" else (other.name, view.key)
        edges.append(Edge(*ends, relation.predicate.label()))
    return centre, list(neighbours.values()), edges
