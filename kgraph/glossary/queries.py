"""What the glossary reads from the store, in five queries (not one per concept; labels, types and definitions through ``reads``).

In: a ``SparqlEngine`` (``KnowledgeBase.sparql``; ``kgraph.sparql`` runs every query) and the base
IRI. Out: ``GraphFacts`` — the concepts with their labels and types, every definition with its
evidence (rule, confidence, quote, lines, note, heading, the note's date), the facts between concepts (asserted and
inferred: the default graph is the union) and the ``rdfs:label``s of the ontology's terms.
Must not: choose, sort or render anything (``entries`` does), or run SPARQL itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from kgraph import reads
from kgraph.iri import Iris
from kgraph.reads import DefinitionRead, Label

VOCABULARY = """SELECT ?term ?label WHERE {
  ?term rdfs:label ?label . FILTER(STRSTARTS(STR(?term), STR(kg:)))
}"""

FACTS = """SELECT DISTINCT ?s ?p ?o WHERE {
  ?p rdfs:subPropertyOf kg:relatedTo . ?s ?p ?o . ?s a skos:Concept . ?o a skos:Concept .
}"""


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
    definitions: tuple[DefinitionRead, ...]
    facts: tuple[Fact, ...]
    vocabulary: dict[str, dict[str, str]]  # class or property local name -> {lang: rdfs:label}
    iris: Iris


def read_graph(engine, base: str) -> GraphFacts:
    """Everything the glossary needs, from the live store behind ``engine``."""
    iris = Iris(base)
    ns = iris.ontology_ns
    labels = reads.labels(engine, base).rows
    return GraphFacts(
        concepts=tuple(sorted({label.key for label in labels})),
        labels=tuple(label for label in labels if label.kind),
        types=reads.types(engine, base).rows,
        definitions=reads.definitions(engine, base).rows,
        facts=tuple(sorted({_fact(r, iris, ns) for r in engine.select(FACTS)} - {None}, key=_fact_order)),
        vocabulary=_vocabulary(engine.select(VOCABULARY), ns),
        iris=iris,
    )


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
