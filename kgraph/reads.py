"""Reads of the graph that several surfaces share, and the one way a concept's definitions rank.

In: a ``SparqlEngine`` (``engine.select`` runs every query; any store generation) and the base IRI.
Out, each read for the asked concepts or for all of them, in one query:
- ``labels``: every concept's labels (``Label``: pref, alt, hidden, weak; a concept without any
  gets one empty ``Label``) — for answering, the glossary, the concept page and autocomplete;
- ``types``: each concept's ontology classes (local names);
- ``definitions``: every ``skos:definition`` with the evidence that cites it (``DefinitionRead``);
- ``titles``: note path -> the note's title (the search results, the answers, the note page);
and ``definition_order``, the ranking the glossary and the answers both use to say which
definition defines a concept best:

1. the language asked for first (``lang``; ``None``: no preference);
2. the form: the summary of the term's own glossary page (``def-glossary``), then an explicit
   definition ("X是…", "X：…", "X is …"), then naming ("…称为 X") or the first sentence under
   the term's heading, then any other rule;
3. a note about the concept: its file name names it (``operator.md`` for Operator);
4. the higher extraction confidence;
5. the note path, then the line, then the position in the passage (the first the notes say).
Must not: render, or run SPARQL other than through the engine.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import pyoxigraph as ox

from kgraph.iri import Iris
from kgraph.lexicon import fold_label
from kgraph.model import Citation

RULE_RANK = {"def-glossary": 0, "def-copula": 1, "def-colon": 1, "def-naming": 2, "def-heading": 2}
DEFINITIONS = """SELECT ?c ?text ?rule ?confidence ?start ?end ?quote ?path ?heading ?source ?date WHERE {{
{values}  ?c a skos:Concept ; skos:definition ?text .
  ?e rdf:subject ?c ; rdf:predicate skos:definition ; rdf:object ?text ;
     kg:rule ?rule ; kg:confidence ?confidence ; kg:startLine ?start ; kg:endLine ?end ;
     oa:hasSelector/oa:exact ?quote ; prov:wasDerivedFrom ?passage .
  ?passage kg:headingPath ?heading ; kg:source ?source ; dct:isPartOf ?note .
  ?note kg:path ?path .
  OPTIONAL {{ ?note dct:date ?date }}
}}"""
LABELS = """SELECT ?c ?kind ?label WHERE {{
{values}  ?c a skos:Concept .
  OPTIONAL {{
    VALUES (?p ?kind) {{ (skos:prefLabel "pref") (skos:altLabel "alt") (skos:hiddenLabel "hidden") (kg:weakLabel "weak") }}
    ?c ?p ?label
  }}
}}"""
TYPES = """SELECT ?c ?type WHERE {{
{values}  ?c a skos:Concept , ?type . ?type a owl:Class .
}}"""
TITLES = """SELECT ?path ?title WHERE {{
{values}  ?note a kg:Note ; kg:path ?path ; dct:title ?title .
}}"""
PREFIXES = ("kg", "rdf", "rdfs", "owl", "skos", "oa", "prov", "dct")
LABEL_KINDS = ("pref", "alt", "hidden", "weak")


@dataclass(frozen=True)
class Label:
    key: str
    kind: str  # pref | alt | hidden | weak ("" for a concept without labels)
    text: str
    lang: str


@dataclass(frozen=True)
class DefinitionRead:
    """One definition of concept ``key`` with the evidence citing it; ``offset`` is where its
    quote starts in its passage."""

    key: str
    text: str
    lang: str
    rule: str
    confidence: float
    citation: Citation
    offset: int
    date: str | None = None  # the citing note's front-matter date, when it has one


@dataclass(frozen=True)
class Read:
    """What a read found, and the query that found it (with its PREFIX lines, ready for ``/sparql``)."""

    rows: tuple
    sparql: str


def labels(engine, base: str, keys: Sequence[str] | None = None) -> Read:
    """The labels of the concepts ``keys`` (``None``: of every concept), sorted by key, kind,
    language and text; one empty ``Label`` for a concept that has none."""
    iris = Iris(base)
    query = _prologue(engine) + LABELS.format(values=_values(iris, keys))
    found = set()
    for row in engine.select(query):
        key = iris.key_of(str(row["c"]))
        if key and "label" in row:
            found.add(Label(key, str(row["kind"]), str(row["label"]), row["label"].language or ""))
        elif key:
            found.add(Label(key, "", "", ""))
    return Read(tuple(sorted(found, key=lambda l: (l.key, l.kind, l.lang, l.text))), query)


def types(engine, base: str, keys: Sequence[str] | None = None) -> Read:
    """(concept key, ontology class local name) pairs, sorted."""
    iris = Iris(base)
    query = _prologue(engine) + TYPES.format(values=_values(iris, keys))
    ns = iris.ontology_ns
    pairs = {(iris.key_of(str(r["c"])), str(r["type"])) for r in engine.select(query)}
    return Read(tuple(sorted((key, cls[len(ns):]) for key, cls in pairs if key and cls.startswith(ns))), query)


def definitions(engine, base: str, keys: Sequence[str] | None = None) -> Read:
    """Every definition of the concepts ``keys`` (``None``: of every concept), one per evidence."""
    iris = Iris(base)
    query = _prologue(engine) + DEFINITIONS.format(values=_values(iris, keys))
    rows = tuple(_definition(row, iris) for row in engine.select(query) if iris.key_of(str(row["c"])))
    return Read(rows, query)


def definition_order(lang: str | None = None,
                     names: Callable[[str], Iterable[str]] = lambda key: ()) -> Callable[[DefinitionRead], tuple]:
    """The sort key ranking definitions best first (see the module docstring); ``names(key)`` gives
    a concept's labels, to tell a note about it."""
    def key(row: DefinitionRead) -> tuple:
        c = row.citation
        return (lang is not None and row.lang != lang, RULE_RANK.get(row.rule, 3), not about(row, names(row.key)),
                -row.confidence, c.source, c.start_line, row.offset, c.end_line, row.text)
    return key


def about(row: DefinitionRead, labels: Iterable[str]) -> bool:
    """Whether the note citing ``row`` is about its concept: its file name is one of ``labels``
    (folded: ``kube-scheduler.md`` names kube-scheduler)."""
    folded = {fold_label(label) for label in labels} | {fold_label(row.key)}
    return fold_label(PurePosixPath(row.citation.source).stem) in folded


def _definition(row: dict, iris: Iris) -> DefinitionRead:
    citation = Citation(str(row["path"]), int(row["start"]), int(row["end"]), str(row["heading"]), str(row["quote"]))
    offset = max(str(row["source"]).find(str(row["quote"])), 0)
    return DefinitionRead(iris.key_of(str(row["c"])), str(row["text"]), row["text"].language or "",
                          str(row["rule"]), float(row["confidence"]), citation, offset,
                          str(row["date"]) if row.get("date") is not None else None)


def titles(engine, paths: Sequence[str] | None = None) -> dict[str, str]:
    """Note path -> title, for the notes ``paths`` (``None``: every note)."""
    values = "" if paths is None else "  VALUES ?path { " + " ".join(str(ox.Literal(p)) for p in paths) + " }\n"
    return {str(r["path"]): str(r["title"]) for r in engine.select(_prologue(engine) + TITLES.format(values=values))}


def _values(iris: Iris, keys: Sequence[str] | None) -> str:
    if keys is None:
        return ""
    terms = " ".join(str(ox.NamedNode(str(iris.concept(k)))) for k in keys)
    return f"  VALUES ?c {{ {terms} }}\n"


def _prologue(engine) -> str:
    prefixes = engine.prefixes
    return "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in PREFIXES if p in prefixes)
