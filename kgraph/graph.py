"""RDF for the knowledge graph: concepts, facts, definitions, evidence, passages and notes.

In: the notes and their passages, the lexicon's terms, discoveries, and the ``Extraction``; the
facts below the confidence threshold; the ontology graph; ``Iris``. Out: an iterator of rdflib
quads ``(s, p, o, graph)`` laid out as DESIGN.md describes — facts and concepts in the *asserted*
graph, inverse triples in *inferred*, n-ary ``kg:Evidence`` nodes with passages and notes in
*evidence*, the TBox in *ontology*, and the facts below the threshold, each with its evidence, in
*candidate* (outside the default graph). Must not: write to a store or run SPARQL.

Labels: each concept gets at most one skos:prefLabel per language (the lexicon's, else the first
discovered), the rest become skos:altLabel; misspellings stay skos:hiddenLabel; everyday words
that name a concept (kind ``weak``) are skos:altLabel and also kg:weakLabel, so matchers know to
skip them in running text.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kgraph.discover import Discovery
from kgraph.extract import Extraction
from kgraph.iri import OA, Iris
from kgraph.model import Assertion, Evidence, Note, Passage, Term
from kgraph.store import Quad


@dataclass(frozen=True)
class GraphInput:
    notes: Sequence[Note]
    passages: Sequence[Passage]
    terms: Mapping[str, Term]  # every known concept by key (lexicon merged with discoveries)
    discoveries: Sequence[Discovery]
    extraction: Extraction
    inverses: Mapping[str, str]  # relation -> its inverse (symmetric relations map to themselves)
    candidates: Sequence[Assertion] = ()  # facts below the confidence threshold


def quads(data: GraphInput, ontology: Graph, iris: Iris) -> Iterator[Quad]:
    """Every quad of the dataset, graph by graph."""
    yield from _in(iris.graph("ontology"), ontology)
    yield from _in(iris.graph("asserted"), _asserted(data, iris))
    yield from _in(iris.graph("inferred"), _inferred(data, iris))
    passages = _passage_iris(data, iris)
    yield from _in(iris.graph("evidence"), _evidence_graph(data, iris, passages))
    yield from _in(iris.graph("candidate"), _candidates(data, iris, passages))


def _in(graph: URIRef, triples: Iterable[tuple]) -> Iterator[Quad]:
    for s, p, o in triples:
        yield s, p, o, graph


def used_concepts(data: GraphInput) -> list[str]:
    """Concepts the notes mention, state a fact or definition about, or name in a discovery."""
    keys: dict[str, None] = {}
    for reading in data.extraction.readings.values():
        keys.update(dict.fromkeys(reading.keys))
    for a in data.extraction.assertions:
        keys.update({a.subject: None, a.object: None})
    for d in data.extraction.definitions:
        keys[d.key] = None
    for discovery in data.discoveries:
        keys[discovery.term.key] = None
    return sorted(k for k in keys if k in data.terms)


def _asserted(data: GraphInput, iris: Iris) -> Iterator[tuple]:
    kg = iris.kg
    yield iris.scheme, RDF.type, SKOS.ConceptScheme
    yield iris.scheme, DCTERMS.title, Literal("kgraph concepts", lang="en")
    for key in used_concepts(data):
        concept = iris.concept(key)
        yield concept, RDF.type, SKOS.Concept
        yield concept, SKOS.inScheme, iris.scheme
        for cls in data.terms[key].types:
            yield concept, RDF.type, kg[cls]
        yield from _labels(concept, data.terms[key], kg)
    for a in data.extraction.assertions:
        yield iris.concept(a.subject), kg[a.relation], iris.concept(a.object)
    for d in data.extraction.definitions:
        yield iris.concept(d.key), SKOS.definition, Literal(d.text, lang=d.lang)


def _labels(concept: URIRef, term: Term, kg) -> Iterator[tuple]:
    """One prefLabel per language (prefs first), the rest alt/hidden; a label is never both. A
    concept named only by alternative labels gets its first one as prefLabel."""
    pref_langs: set[str] = set()
    emitted: set[tuple[str, str]] = set()
    labels = sorted(term.labels, key=lambda label: label[2] != "pref")
    if labels and all(kind not in ("pref", "hidden") for _t, _l, kind in labels[:1]) and labels[0][2] != "pref":
        labels[0] = (labels[0][0], labels[0][1], "pref")
    for text, lang, kind in labels:
        literal = Literal(text, lang=lang)
        if kind == "weak":
            yield concept, kg.weakLabel, literal
        if (text, lang) in emitted:
            continue
        emitted.add((text, lang))
        if kind == "pref" and lang not in pref_langs:
            pref_langs.add(lang)
            yield concept, SKOS.prefLabel, literal
        else:
            yield concept, SKOS.hiddenLabel if kind == "hidden" else SKOS.altLabel, literal


def _inferred(data: GraphInput, iris: Iris) -> Iterator[tuple]:
    kg = iris.kg
    for a in data.extraction.assertions:
        inverse = data.inverses.get(a.relation)
        if inverse:
            yield iris.concept(a.object), kg[inverse], iris.concept(a.subject)


def _evidence_graph(data: GraphInput, iris: Iris, passages: Mapping) -> Iterator[tuple]:
    kg = iris.kg
    yield from _fact_evidence(data.extraction.assertions, passages, iris)
    for d in data.extraction.definitions:
        node = iris.evidence(d.key, "definition", d.text, d.evidence.note_path, d.evidence.span, d.evidence.quote)
        fact = (iris.concept(d.key), SKOS.definition, Literal(d.text, lang=d.lang))
        yield from _evidence(node, fact, d.evidence, passages, kg)
    for discovery in data.discoveries:
        yield from _discovery_evidence(discovery, passages, iris)
    readings = data.extraction.readings
    for passage in data.passages:
        reading = readings.get((passage.note_path, passage.index))
        yield from _passage(passage, reading.keys if reading else (), iris)
    for note in data.notes:
        yield from _note(note, iris)


def _passage_iris(data: GraphInput, iris: Iris) -> dict[tuple[str, int], URIRef]:
    return {(p.note_path, p.index): iris.passage(p.note_path, p.span) for p in data.passages}


def _fact_evidence(assertions: Iterable[Assertion], passages: Mapping, iris: Iris) -> Iterator[tuple]:
    for a in assertions:
        node = iris.evidence(a.subject, a.relation, a.object, a.evidence.note_path, a.evidence.span, a.evidence.quote)
        fact = (iris.concept(a.subject), iris.kg[a.relation], iris.concept(a.object))
        yield from _evidence(node, fact, a.evidence, passages, iris.kg)


def _candidates(data: GraphInput, iris: Iris, passages: Mapping) -> Iterator[tuple]:
    """Facts below the threshold and their evidence: queryable with GRAPH graph:candidate."""
    for a in data.candidates:
        yield iris.concept(a.subject), iris.kg[a.relation], iris.concept(a.object)
    yield from _fact_evidence(data.candidates, passages, iris)


def _discovery_evidence(discovery: Discovery, passages: Mapping, iris: Iris) -> Iterator[tuple]:
    predicates = {"pref": SKOS.prefLabel, "alt": SKOS.altLabel, "hidden": SKOS.hiddenLabel, "weak": SKOS.altLabel}
    e = discovery.evidence
    for text, lang, kind in discovery.term.labels:
        node = iris.evidence(discovery.term.key, "label", text, e.note_path, e.span)
        # A discovered pref label may end up an altLabel (the concept had one): cite it as a label either way.
        predicate = predicates[kind] if kind != "pref" else SKOS.altLabel
        fact = (iris.concept(discovery.term.key), predicate, Literal(text, lang=lang))
        yield from _evidence(node, fact, e, passages, iris.kg)


def _evidence(node: URIRef, fact: tuple, evidence: Evidence, passages: Mapping, kg) -> Iterator[tuple]:
    """An n-ary kg:Evidence node for one (fact, passage): the fact reified, the passage, the quote."""
    selector = URIRef(f"{node}#quote")
    yield node, RDF.type, kg.Evidence
    yield node, RDF.subject, fact[0]
    yield node, RDF.predicate, fact[1]
    yield node, RDF.object, fact[2]
    yield node, PROV.wasDerivedFrom, passages[(evidence.note_path, evidence.passage_index)]
    yield node, OA.hasSelector, selector
    yield node, kg.startLine, Literal(evidence.span.start_line)
    yield node, kg.endLine, Literal(evidence.span.end_line)
    yield node, kg.text, Literal(evidence.text)
    yield node, kg.rule, Literal(evidence.rule)
    yield node, kg.confidence, Literal(Decimal(str(evidence.confidence)), datatype=XSD.decimal)
    yield selector, RDF.type, OA.TextQuoteSelector
    yield selector, OA.exact, Literal(evidence.quote)


def _passage(passage: Passage, mentioned: Sequence[str], iris: Iris) -> Iterator[tuple]:
    kg = iris.kg
    node = iris.passage(passage.note_path, passage.span)
    yield node, RDF.type, kg.Passage
    yield node, DCTERMS.isPartOf, iris.note(passage.note_path)
    yield node, kg.startLine, Literal(passage.span.start_line)
    yield node, kg.endLine, Literal(passage.span.end_line)
    yield node, kg.headingPath, Literal(passage.heading)
    yield node, kg.passageKind, Literal(passage.kind)
    yield node, kg.passageIndex, Literal(passage.index)
    yield node, kg.source, Literal(passage.source)
    yield node, kg.text, Literal(passage.text)
    for key in mentioned:
        yield node, kg.mentions, iris.concept(key)


def _note(note: Note, iris: Iris) -> Iterator[tuple]:
    kg = iris.kg
    node = iris.note(note.path)
    yield node, RDF.type, kg.Note
    yield node, kg.path, Literal(note.path)
    yield node, DCTERMS.title, Literal(note.title)
    yield node, kg.sha256, Literal(note.sha256)
    yield node, kg.encoding, Literal(note.encoding)
    if note.date:
        yield node, DCTERMS.date, Literal(note.date)
    for tag in note.tags:
        yield node, kg.tag, Literal(tag)
