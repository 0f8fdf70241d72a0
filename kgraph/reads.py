"""Reads of the graph that several surfaces share, and the one way a concept's definitions rank.

In: a ``SparqlEngine`` (``engine.select`` runs every query; any store generation) and the base IRI.
Out: ``DefinitionRead`` values — every ``skos:definition`` of the asked concepts (or of all of
them) with the evidence that cites it, in one query — and ``definition_order``, the ranking the
glossary and the answers both use to say which definition defines a concept best:

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
DEFINITIONS = """SELECT ?c ?text ?rule ?confidence ?start ?end ?quote ?path ?heading ?source WHERE {{
{values}  ?c a skos:Concept ; skos:definition ?text .
  ?e rdf:subject ?c ; rdf:predicate skos:definition ; rdf:object ?text ;
     kg:rule ?rule ; kg:confidence ?confidence ; kg:startLine ?start ; kg:endLine ?end ;
     oa:hasSelector/oa:exact ?quote ; prov:wasDerivedFrom ?passage .
  ?passage kg:headingPath ?heading ; kg:source ?source ; dct:isPartOf ?note .
  ?note kg:path ?path .
}}"""
PREFIXES = ("kg", "rdf", "skos", "oa", "prov", "dct")


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


@dataclass(frozen=True)
class Read:
    """What a read found, and the query that found it (with its PREFIX lines, ready for ``/sparql``)."""

    rows: tuple
    sparql: str


def definitions(engine, base: str, keys: Sequence[str] | None = None) -> Read:
    """Every definition of the concepts ``keys`` (``None``: of every concept), one per evidence."""
    iris = Iris(base)
    values = ""
    if keys is not None:
        terms = " ".join(str(ox.NamedNode(str(iris.concept(k)))) for k in keys)
        values = f"  VALUES ?c {{ {terms} }}\n"
    query = _prologue(engine) + DEFINITIONS.format(values=values)
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
                          str(row["rule"]), float(row["confidence"]), citation, offset)


def _prologue(engine) -> str:
    prefixes = engine.prefixes
    return "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in PREFIXES if p in prefixes)
