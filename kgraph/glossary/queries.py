"""What the glossary reads from the store, in five queries (not one per concept).

In: a ``SparqlEngine`` (``KnowledgeBase.sparql``; ``kgraph.sparql`` runs every query) and the base
IRI. Out: ``GraphFacts`` — the concepts with their labels and types, every definition with its
evidence (rule, confidence, quote, lines, note, heading, the note's date), the facts between concepts (asserted and
inferred: the default graph is the union) and the ``rdfs:label``s of the ontology's terms.
Must not: choose, sort or render anything (``entries`` does), or run SPARQL itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from kgraph.glossary.model import Citation
from kgraph.iri import Iris

LABELS = """SELECT ?c ?kind ?label WHERE {
  ?c a skos:Concept .
  OPTIONAL {
    VALUES (?p ?kind) { (skos:prefLabel "pref") (skos:altLabel "alt") (skos:hiddenLabel "hidden") (kg:weakLabel "weak") }
    ?c ?p ?label
  }
}"""

TYPES = """SELECT ?c ?type WHERE { ?c a skos:Concept , ?type . ?type a owl:Class }"""

VOCABULARY = """SELECT ?term ?label WHERE {
  ?term rdfs:label ?label . FILTER(STRSTARTS(STR(?term), STR(kg:)))
}"""

DEFINITIONS = """SELECT ?c ?text ?rule ?confidence ?start ?end ?quote ?path ?heading ?source ?date WHERE {
  ?c a skos:Concept ; skos:definition ?text .
  ?e rdf:subject ?c ; rdf:predicate skos:definition ; rdf:object ?text ;
     kg:rule ?rule ; kg:confidence ?confidence ; kg:startLine ?start ; kg:endLine ?end ;
     oa:hasSelector/oa:exact ?quote ; prov:wasDerivedFrom ?passage .
  ?passage kg:headingPath ?heading ; kg:source ?source ; dct:isPartOf ?note . ?note kg:path ?path .
  OPTIONAL { ?note dct:date ?date }
}"""

FACTS = """SELECT DISTINCT ?s ?p ?o WHERE {
  ?p rdfs:subPropertyOf kg:relatedTo . ?s ?p ?o . ?s a skos:Concept . ?o a skos:Concept .
}"""


@dataclass(frozen=True)
class Label:
    key: str
    kind: str  # pref | alt | hidden | weak
    text: str
    lang: str


@dataclass(frozen=True)
class DefinitionRow:
    """One definition with its evidence; ``offset`` is where its quote starts in its passage."""

    key: str
    text: str
    lang: str
    rule: str
    confidence: float
    citation: Citation
    offset: int
    date: str | None = None  # the note's front-matter date, when it has one


@dataclass(frozen=True)
class Fact:
    subject: str
    relation: str
    object: str


@dataclass(frozen=True)
class GraphFacts:
    concepts: tuple[str, ...]  # keys, sorted
    labels: tuple[Label, ...]
    types: tuple[tuple[str, str], ...]  # (concept key, class local name)
    definitions: tuple[DefinitionRow, ...]
    facts: tuple[Fact, ...]
    vocabulary: dict[str, dict[str, str]]  # class or property local name -> {lang: rdfs:label}
    iris: Iris


def read_graph(engine, base: str) -> GraphFacts:
    """Everything the glossary needs, from the live store behind ``engine``."""
    iris = Iris(base)
    ns = iris.ontology_ns
    labels = _labels(engine.select(LABELS), iris)
    return GraphFacts(
        concepts=tuple(sorted({label.key for label in labels})),
        labels=tuple(label for label in labels if label.kind),
        types=_types(engine.select(TYPES), iris, ns),
        definitions=tuple(_definition(r, iris) for r in engine.select(DEFINITIONS) if iris.key_of(str(r["c"]))),
        facts=tuple(sorted({_fact(r, iris, ns) for r in engine.select(FACTS)} - {None}, key=_fact_order)),
        vocabulary=_vocabulary(engine.select(VOCABULARY), ns),
        iris=iris,
    )


def _labels(rows: list[dict], iris: Iris) -> list[Label]:
    """Labels of every concept; a concept without any gets one empty ``Label`` (kind "")."""
    found = set()
    for row in rows:
        key = iris.key_of(str(row["c"]))
        if key and "label" in row:
            found.add(Label(key, str(row["kind"]), str(row["label"]), row["label"].language or ""))
        elif key:
            found.add(Label(key, "", "", ""))
    return sorted(found, key=lambda l: (l.key, l.kind, l.lang, l.text))


def _types(rows: list[dict], iris: Iris, ns: str) -> tuple[tuple[str, str], ...]:
    pairs = {(iris.key_of(str(r["c"])), str(r["type"])) for r in rows}
    return tuple(sorted((key, cls[len(ns):]) for key, cls in pairs if key and cls.startswith(ns)))


def _definition(row: dict, iris: Iris) -> DefinitionRow:
    path, start, end = str(row["path"]), int(row["start"]), int(row["end"])
    citation = Citation(path, start, end, str(row["heading"]), str(row["quote"]))
    offset = max(str(row["source"]).find(str(row["quote"])), 0)
    return DefinitionRow(iris.key_of(str(row["c"])), str(row["text"]), row["text"].language or "",
                         str(row["rule"]), float(row["confidence"]), citation, offset,
                         str(row["date"]) if row.get("date") is not None else None)


def _fact(row: dict, iris: Iris, ns: str) -> Fact | None:
    subject, obj, relation = iris.key_of(str(row["s"])), iris.key_of(str(row["o"])), str(row["p"])
    if not subject or not obj or subject == obj or not relation.startswith(ns):
        return None
    return Fact(subject, relation[len(ns):], obj)


def _fact_order(fact: Fact) -> tuple[str, str, str]:
    return fact.subject, fact.relation, fact.object


def _vocabulary(rows: list[dict], ns: str) -> dict[str, dict[str, str]]:
    vocabulary: dict[str, dict[str, str]] = {}
    for row in sorted(rows, key=lambda r: (str(r["term"]), r["label"].language or "", str(r["label"]))):
        labels = vocabulary.setdefault(str(row["term"])[len(ns):], {})
        labels.setdefault(row["label"].language or "", str(row["label"]))
    return vocabulary
