"""The SPARQL the answerer runs, generated here and evaluated by ``kgraph.sparql`` (as ``/sparql`` would).

In: concept keys, relation names and class names (never question text), the engine, ``Iris``. Out:
``Statement``s — a definition or a fact with the evidence that cites it — paths between two
concepts, class members, and each query's text, complete with its PREFIX lines and its VALUES
block, so it can be pasted into ``/sparql`` and gives the same rows.

Facts are read from the asserted graph with the canonical relation (``manages``), whose evidence
nodes carry the quotes: first the facts (the query returned as ``sparql``), then in one query the
sentences stating each — a bounded sample per fact (``EVIDENCE_PER_FACT``, a UNION of LIMITed
subqueries), grouped by sentence, so a fact stated in a thousand notes costs no more than one
stated in fifty — then in one query the cited nodes' quotes and lines: three round trips. Paths walk the union of asserted and inferred graphs, so an inverse edge
(``managedBy``) counts, and are cited through their canonical facts. Terms in VALUES are written by
Oxigraph's serializer (``str(NamedNode)``), so nothing can break out of them.
Must not: evaluate SPARQL itself (the engine does) or know question types.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kgraph import reads
from kgraph.answer.model import Citation
from kgraph.sparql.engine import to_pyoxigraph
from kgraph.iri import Iris
from kgraph.text import detect_lang
from kgraph.ontology import Relation

PREFIXES = ("kg", "graph", "rdf", "rdfs", "skos", "oa", "prov", "dct")
MAX_FACTS = 16  # facts whose evidence one answer reads
EVIDENCE_PER_FACT = 20  # evidence nodes read per fact: enough to rank its sentences, bounded at any corpus size
# The facts (asserted, canonical relations) matching the VALUES; their evidence is read per fact.
FACTS = """SELECT DISTINCT ?subject ?relation ?object WHERE {{
{values}
  GRAPH graph:asserted {{ ?subject ?relation ?object }}
  ?relation rdfs:subPropertyOf kg:relatedTo .
}}
ORDER BY ?subject ?relation ?object
LIMIT 60
"""
# The sentences stating each fact: one bounded sample (EVIDENCE_PER_FACT) per fact, all facts in one query.
EVIDENCE = """SELECT ?subject ?relation ?object ?evidence ?text ?confidence WHERE {{
{samples}
}}"""
SAMPLE = """  {{ SELECT ?subject ?relation ?object ?evidence ?text ?confidence WHERE {{
{values}
    ?evidence rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ; kg:text ?text ; kg:confidence ?confidence .
  }} LIMIT {limit} }}"""
# Where each cited evidence node points: its quote, lines, passage heading and note.
CITATIONS = """SELECT ?evidence ?quote ?start ?end ?heading ?path ?title WHERE {{
  VALUES ?evidence {{ {evidence} }}
  ?evidence kg:startLine ?start ; kg:endLine ?end ; oa:hasSelector/oa:exact ?quote ; prov:wasDerivedFrom ?passage .
  ?passage kg:headingPath ?heading ; dct:isPartOf ?note .
  ?note kg:path ?path .
  OPTIONAL {{ ?note dct:title ?title }}
}}"""


@dataclass(frozen=True)
class Statement:
    """A definition (``relation == "definition"``, ``object`` None) or a fact, with one citation."""

    subject: str
    relation: str
    object: str | None
    text: str  # the cited sentence, plain
    citation: Citation
    confidence: float
    support: int = 1  # notes stating it in these words

    @property
    def fact(self) -> tuple[str, str, str | None]:
        return (self.subject, self.relation, self.object)

    def other_side(self, key: str) -> str | None:
        """The concept this fact relates ``key`` to."""
        if self.subject == key:
            return self.object
        return self.subject if self.object == key else None


@dataclass(frozen=True)
class Hop:
    subject: str
    relation: str  # as walked; may be a derived inverse (managedBy)
    object: str


@dataclass(frozen=True)
class Result:
    rows: list
    sparql: str


class GraphQueries:
    def __init__(self, engine, iris: Iris, relations: dict[str, Relation]) -> None:
        self.engine = engine
        self.iris = iris
        self.relations = relations
        self.lang: str | None = None  # rank sentences in this language first (``for_lang``)
        prefixes = engine.prefixes
        self.prologue = "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in PREFIXES if p in prefixes)

    # --- building blocks -------------------------------------------------------------------------

    def concept(self, key: str) -> str:
        return str(ox.NamedNode(str(self.iris.concept(key))))

    def relation_term(self, name: str) -> str:
        return f"kg:{name}" if name.isidentifier() else str(ox.NamedNode(self.iris.ontology_ns + name))

    def run(self, body: str) -> Result:
        text = self.prologue + body
        return Result(self.engine.select(text), text)

    def key(self, term: object) -> str:
        return self.iris.key_of(str(term)) or str(term)

    def relation_name(self, term: object) -> str:
        text = str(term)
        return text[len(self.iris.ontology_ns):] if text.startswith(self.iris.ontology_ns) else text

    # --- queries ---------------------------------------------------------------------------------

    def definitions(self, keys: Sequence[str]) -> reads.Read:
        """Every definition of ``keys`` with its evidence (``kgraph.reads``: one query)."""
        return reads.definitions(self.engine, self.iris.base, keys)

    def facts(self, subject: str | None = None, relations: Sequence[str] = (), object: str | None = None) -> tuple[list[Statement], str]:
        """Asserted facts with the given subject, canonical relations and object (unset = any)."""
        values = []
        if subject:
            values.append(_values(["subject"], [[self.concept(subject)]]))
        if relations:
            values.append(_values(["relation"], [[self.relation_term(r)] for r in relations]))
        if object:
            values.append(_values(["object"], [[self.concept(object)]]))
        return self._statements(FACTS.format(values="\n".join(values)))

    def triples(self, triples: Sequence[tuple[str, str, str]]) -> tuple[list[Statement], str]:
        """The given asserted facts (subject, canonical relation, object) with their citations."""
        rows = [[self.concept(s), self.relation_term(p), self.concept(o)] for s, p, o in triples]
        return self._statements(FACTS.format(values=_values(["subject", "relation", "object"], rows)))

    def for_lang(self, lang: str | None) -> GraphQueries:
        """These queries, ranking a fact's sentences in ``lang`` (the question's) first."""
        other = copy.copy(self)
        other.lang = lang
        return other

    def _statements(self, body: str) -> tuple[list[Statement], str]:
        """The statements ``body`` finds, one per (statement, sentence), best supported first — a
        sentence in the question's language before one in the other — in three queries: the facts,
        their sentences, the sentences' citations."""
        result = self.run(body)
        sentences = self._sentences(result.rows[:MAX_FACTS])
        cited = self._citations([e for *_rest, e in sentences])
        statements = [self._statement(row, text, support, confidence, cited[e])
                      for row, text, support, confidence, e in sentences if e in cited]
        statements.sort(key=lambda s: (self.lang is not None and detect_lang(s.text) != self.lang,
                                       -s.confidence, -s.support, s.subject, s.object or "", s.text))
        # every fact's best sentence before any fact's second one, so an answer naming several
        # facts ("Pod 包括容器、pause 容器") cites each of them within its first citations
        nth: dict[tuple, int] = {}
        ranked = []
        for i, statement in enumerate(statements):
            ranked.append((nth.get(statement.fact, 0), i, statement))
            nth[statement.fact] = nth.get(statement.fact, 0) + 1
        statements = [statement for _nth, _i, statement in sorted(ranked, key=lambda r: r[:2])]
        return statements, result.sparql

    def _sentences(self, rows: list[dict]) -> list[tuple[dict, str, int, float, str]]:
        """(row, sentence, how many evidence nodes say it, best confidence, the evidence to cite) for
        each fact row, from one query: a UNION of one sample per fact."""
        if not rows:
            return []
        names = ("subject", "relation", "object")
        samples = "\n  UNION\n".join(
            SAMPLE.format(values=_values(list(names), [[str(to_pyoxigraph(row[v])) for v in names]]),
                          limit=EVIDENCE_PER_FACT) for row in rows)
        grouped: dict[tuple, dict[str, list[tuple[float, str]]]] = {}
        for e in self.engine.select(self.prologue + EVIDENCE.format(samples=samples)):
            fact = tuple(str(e[v]) for v in names)
            grouped.setdefault(fact, {}).setdefault(str(e["text"]), []).append((-float(e["confidence"]), str(e["evidence"])))
        found = []
        for row in rows:
            for text, said in grouped.get(tuple(str(row[v]) for v in names), {}).items():
                found.append((row, text, len(said), -min(said)[0], min(said)[1]))
        return found

    def _citations(self, evidence: list[str]) -> dict[str, Citation]:
        """Each evidence node's quote, lines, heading and note."""
        if not evidence:
            return {}
        terms = " ".join(str(ox.NamedNode(e)) for e in dict.fromkeys(evidence))
        rows = self.engine.select(self.prologue + CITATIONS.format(evidence=terms))
        return {str(row["evidence"]): Citation(
            source=str(row["path"]), start_line=int(row["start"]), end_line=int(row["end"]),
            heading=str(row.get("heading", "")), quote=str(row["quote"]), title=str(row.get("title", "")),
        ) for row in rows}

    def paths(self, x: str, y: str) -> tuple[list[tuple[Hop, ...]], str]:
        """Paths of one to three relation edges from ``x`` to ``y`` (either direction of each fact)."""
        result = self.run(PATHS.format(values=_values(["x", "y"], [[self.concept(x), self.concept(y)]])))
        paths = []
        for row in result.rows:
            nodes = [x] + [self.key(row[m]) for m in ("m1", "m2") if m in row] + [y]
            preds = [self.relation_name(row[p]) for p in ("p1", "p2", "p3") if p in row]
            paths.append(tuple(Hop(a, p, b) for a, p, b in zip(nodes, preds, nodes[1:])))
        return sorted(set(paths), key=lambda p: (len(p), [h.relation for h in p], [h.object for h in p])), result.sparql

    def members(self, cls: str) -> tuple[list[str], str]:
        """Concepts typed with ``cls`` or a subclass of it."""
        body = ("SELECT DISTINCT ?concept WHERE {\n"
                f"{_values(['class'], [[self.relation_term(cls)]])}\n"
                "  ?concept a skos:Concept ; a ?type .\n  ?type rdfs:subClassOf* ?class .\n}\nORDER BY ?concept\n")
        result = self.run(body)
        return [self.key(row["concept"]) for row in result.rows], result.sparql

    def canonical(self, hop: Hop) -> tuple[str, str, str]:
        """The asserted form of a walked edge: managedBy(a, b) is asserted as manages(b, a)."""
        relation = self.relations.get(hop.relation)
        if relation is not None and not relation.canonical and relation.inverse:
            return (hop.object, relation.inverse, hop.subject)
        return (hop.subject, hop.relation, hop.object)

    def _statement(self, row: dict, text: str, support: int, confidence: float, citation: Citation) -> Statement:
        definition = str(row["relation"]).endswith("#definition")
        return Statement(
            subject=self.key(row["subject"]),
            relation="definition" if definition else self.relation_name(row["relation"]),
            object=None if definition else self.key(row["object"]),
            text=text,
            citation=citation,
            confidence=confidence,
            support=support,
        )


def _values(names: list[str], rows: list[list[str]]) -> str:
    if len(names) == 1:
        return f"  VALUES ?{names[0]} {{ {' '.join(row[0] for row in rows)} }}"
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(row) + ")" for row in rows)
    return f"  VALUES ({head}) {{ {body} }}"


PATHS = """SELECT DISTINCT ?p1 ?m1 ?p2 ?m2 ?p3 WHERE {{
{values}
  {{ ?x ?p1 ?y . ?p1 rdfs:subPropertyOf kg:relatedTo . }}
  UNION {{
    ?x ?p1 ?m1 . ?p1 rdfs:subPropertyOf kg:relatedTo .
    ?m1 ?p2 ?y . ?p2 rdfs:subPropertyOf kg:relatedTo .
    FILTER(?m1 != ?x && ?m1 != ?y)
  }}
  UNION {{
    ?x ?p1 ?m1 . ?p1 rdfs:subPropertyOf kg:relatedTo .
    ?m1 ?p2 ?m2 . ?p2 rdfs:subPropertyOf kg:relatedTo .
    ?m2 ?p3 ?y . ?p3 rdfs:subPropertyOf kg:relatedTo .
    FILTER(?m1 != ?x && ?m1 != ?y && ?m2 != ?x && ?m2 != ?y && ?m1 != ?m2)
  }}
}}
LIMIT 300
"""
