"""The ontology (TBox) and the curated lexicon, loaded from ``ontology/``.

In: the ontology folder (``kgraph.ttl``, ``lexicon.ttl``) and the configured base IRI. Out: an
``Ontology``: the TBox graph, every declared ``kg:`` local name (for ``Iris``' closed namespace),
the relations between concepts with their words in zh and en, the class hierarchy, and the
lexicon as ``Term``s. Must not: read the corpus, build the data graph or run SPARQL.

Both files use relative IRIs (``kg:`` is ``<ontology#>``, concepts are ``<id/Key>``) and are parsed
with ``publicID = base + "/"``: rdflib resolves every relative IRI, ``@prefix`` IRIs included,
against it, so one file serves any base. The files must not contain ``@base``.

A relation is a property declared ``rdfs:subPropertyOf kg:relatedTo``; its ``labels`` hold, per
language, the ``rdfs:label`` first and then the ``skos:altLabel``s. Domain and range are class
local names (a single class or an ``owl:unionOf``); empty means any. Of an inverse pair, facts
are asserted with the ``canonical`` member (``manages``); the other (``managedBy``, marked
``kg:derivedInverse true``) only appears derived, in the inferred graph. A relation's
``kg:weakLabel`` words (属于: belongs to, which is as often membership or a category as a part)
name it in questions and on pages (they are among its ``labels``) but never state it in running
text: ``unstated`` lists them, and extraction skips them. A relation whose participants come in
more than one combination lists each as a ``kg:signature`` (a node with its own rdfs:domain and
rdfs:range; the property's own domain and range are their union): a fact must fit one of them
(``Relation.pairs``), and the inverse mirrors them.

Lexicon labels come as ``(text, lang, kind)`` with kind ``pref``, ``alt`` or ``hidden`` (the SKOS
property), and a weak label (``kg:weakLabel``) appears a second time with kind ``weak``: match it in
questions and in the glossary, never in running text (``kgraph.lexicon.Lexicon`` does so). No two
concepts share a label once folded the way the matcher folds (``kgraph.lexicon.fold_label``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, OWL, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.plugins.parsers.notation3 import BadSyntax

from kgraph.errors import OntologyError
from kgraph.lexicon import fold_label  # the matcher's folding: unique labels must not meet there
from kgraph.model import Term

TBOX_FILE = "kgraph.ttl"
LEXICON_FILE = "lexicon.ttl"
ROOT_RELATION = "relatedTo"
WEAK_LABEL = "weakLabel"
SIGNATURE = "signature"
DERIVED_INVERSE = "derivedInverse"
BETWEEN_PEERS = "betweenPeers"
LABEL_KINDS = {SKOS.prefLabel: "pref", SKOS.altLabel: "alt", SKOS.hiddenLabel: "hidden"}


@dataclass(frozen=True)
class Relation:
    """A relation between concepts, e.g. ``manages`` (inverse ``managedBy``)."""

    name: str
    inverse: str | None  # a symmetric relation is its own inverse
    labels: dict[str, tuple[str, ...]]  # lang -> (rdfs:label, *skos:altLabels)
    domain: tuple[str, ...]  # class local names; empty = any
    range: tuple[str, ...]
    symmetric: bool = False
    canonical: bool = True  # False for the derived member of an inverse pair (managedBy, partOf …)
    taxonomic: bool = False  # a sub-property of skos:broader (subtypeOf): the subject is a kind of the object
    peers: bool = False  # kg:betweenPeers (supersedes): only between two things of the same kind
    unstated: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> kg:weakLabel words
    signatures: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # kg:signature (domain, range) pairs

    @property
    def pairs(self) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
        """The (domain, range) pairs a fact must fit one of: its ``kg:signature``s, else its
        rdfs:domain and rdfs:range."""
        return self.signatures or ((self.domain, self.range),)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, eq=False)
class Ontology:
    """The loaded TBox and lexicon (see the module docstring)."""

    graph: Graph  # kgraph.ttl only, parsed with the base
    terms: frozenset[str]  # every local name declared in the kg: namespace
    relations: dict[str, Relation]
    superclasses: dict[str, frozenset[str]]  # class -> its kg: ancestors, itself included
    lexicon: tuple[Term, ...]
    namespace: str = ""  # <base>/ontology#

    def class_labels(self, name: str) -> dict[str, str]:
        """``{lang: rdfs:label}`` of a class or property local name."""
        iri = URIRef(self.namespace + name)
        return {lit.language or "": str(lit) for lit in self.graph.objects(iri, RDFS.label)}

    def is_a(self, types: Iterable[str], classes: Iterable[str]) -> bool:
        """True if any of ``types`` is (a subclass of) any of ``classes``; no classes admits all."""
        wanted = set(classes)
        return not wanted or any(wanted & self.superclasses.get(t, frozenset()) for t in types)

    def allows(self, relation: str, subject_types: Iterable[str], object_types: Iterable[str]) -> bool:
        """Domain/range sanity check of a fact. An untyped (discovered) side is not judged."""
        rel = self.relations[relation]
        subject_types, object_types = tuple(subject_types), tuple(object_types)
        return any((not subject_types or self.is_a(subject_types, domain)) and (not object_types or self.is_a(object_types, range_))
                   for domain, range_ in rel.pairs)


def load_ontology(directory: Path, base: str) -> Ontology:
    """Parse ``kgraph.ttl`` and ``lexicon.ttl`` under ``directory`` with ``base``; check both."""
    base = base.rstrip("/")
    namespace = f"{base}/ontology#"
    tbox_path = Path(directory) / TBOX_FILE
    tbox = parse_turtle(tbox_path, base)
    superclasses = _superclasses(tbox, namespace)
    lexicon_path = Path(directory) / LEXICON_FILE
    lexicon = _lexicon(parse_turtle(lexicon_path, base), namespace, f"{base}/id/", lexicon_path)
    _check_lexicon(lexicon, frozenset(superclasses), lexicon_path)
    relations = _relations(tbox, namespace, tbox_path)
    _check_signatures(relations, superclasses, tbox_path)
    return Ontology(
        graph=tbox,
        terms=_declared(tbox, namespace),
        relations=relations,
        superclasses=superclasses,
        lexicon=lexicon,
        namespace=namespace,
    )


def _check_signatures(relations: dict[str, Relation], superclasses: dict[str, frozenset[str]], path: Path) -> None:
    """Each kg:signature lies within its relation's own rdfs:domain and rdfs:range (their union)."""
    def within(classes: tuple[str, ...], declared: tuple[str, ...]) -> bool:
        return not declared or all(superclasses.get(c, frozenset({c})) & set(declared) for c in classes) and bool(classes)

    for relation in relations.values():
        for domain, range_ in relation.signatures:
            if not (within(domain, relation.domain) and within(range_, relation.range)):
                raise OntologyError(f"{path}: a kg:signature of {relation.name} ({', '.join(domain)} -> "
                                    f"{', '.join(range_)}) is not within its rdfs:domain and rdfs:range")


def parse_turtle(path: Path, base: str) -> Graph:
    """A Turtle file parsed with ``publicID = base/``; ``OntologyError`` naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OntologyError(f"{path}: cannot read: {exc}") from exc
    if re.search(r"^\s*(@base|BASE)\b", text, re.MULTILINE | re.IGNORECASE):
        raise OntologyError(f"{path}: must not declare @base (the base is configured, not fixed)")
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=base.rstrip("/") + "/")
    except BadSyntax as exc:
        raise OntologyError(f"{path}:{exc.lines + 1}: Turtle syntax error: {exc._why}") from exc
    except Exception as exc:  # rdflib raises plain exceptions for e.g. bad literals
        raise OntologyError(f"{path}: cannot parse: {exc}") from exc
    return graph


def _local(iri: object, namespace: str) -> str | None:
    return iri[len(namespace):] if isinstance(iri, URIRef) and iri.startswith(namespace) else None


def _declared(graph: Graph, namespace: str) -> frozenset[str]:
    names = (_local(s, namespace) for s in graph.subjects(RDF.type, None))
    return frozenset(n for n in names if n)


def _superclasses(graph: Graph, namespace: str) -> dict[str, frozenset[str]]:
    """Every ``owl:Class`` in ``namespace`` -> its ancestors in ``namespace``, itself included."""
    result = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        name = _local(cls, namespace)
        if name:
            ancestors = graph.transitive_objects(cls, RDFS.subClassOf)
            result[name] = frozenset(n for n in (_local(a, namespace) for a in ancestors) if n)
    return result


def _relations(graph: Graph, namespace: str, path: Path) -> dict[str, Relation]:
    root = URIRef(namespace + ROOT_RELATION)
    relations = {}
    for prop in sorted(graph.subjects(RDFS.subPropertyOf, root)):
        relation = _relation(graph, prop, namespace)
        relations[relation.name] = relation
    for name, relation in list(relations.items()):  # an inverse without signatures mirrors its pair's
        other = relations.get(relation.inverse) if relation.inverse else None
        if not relation.signatures and other is not None and other.signatures and not relation.symmetric:
            relations[name] = replace(relation, signatures=tuple((r, d) for d, r in other.signatures))
    for relation in relations.values():
        _check_pair(relation, relations, path)
    return relations


def _relation(graph: Graph, prop: URIRef, namespace: str) -> Relation:
    symmetric = (prop, RDF.type, OWL.SymmetricProperty) in graph
    inverse = graph.value(prop, OWL.inverseOf) or graph.value(None, OWL.inverseOf, prop)
    derived = graph.value(prop, URIRef(namespace + DERIVED_INVERSE))
    return Relation(
        name=_local(prop, namespace) or str(prop),
        inverse=_local(prop if symmetric else inverse, namespace),
        labels=_words(graph, prop, namespace),
        domain=_classes(graph, graph.value(prop, RDFS.domain), namespace),
        range=_classes(graph, graph.value(prop, RDFS.range), namespace),
        symmetric=symmetric,
        canonical=not (isinstance(derived, Literal) and derived.toPython() is True),
        taxonomic=(prop, RDFS.subPropertyOf, SKOS.broader) in graph,
        peers=(prop, URIRef(namespace + BETWEEN_PEERS), Literal(True)) in graph,
        unstated=_weak_words(graph, prop, namespace),
        signatures=tuple(sorted(
            (_classes(graph, graph.value(node, RDFS.domain), namespace), _classes(graph, graph.value(node, RDFS.range), namespace))
            for node in graph.objects(prop, URIRef(namespace + SIGNATURE)))),
    )


def _check_pair(relation: Relation, relations: dict[str, Relation], path: Path) -> None:
    """An inverse pair has one canonical member; each has labels in en and zh."""
    if not {"en", "zh"} <= set(relation.labels):
        raise OntologyError(f"{path}: relation {relation.name} needs rdfs:label in en and zh")
    if relation.symmetric or relation.inverse is None:
        return
    other = relations.get(relation.inverse)
    if other is None or other.inverse != relation.name or other.canonical == relation.canonical:
        raise OntologyError(
            f"{path}: {relation.name} and {relation.inverse} must be relations declared owl:inverseOf each other, "
            "exactly one of them kg:derivedInverse true"
        )


def _words(graph: Graph, prop: URIRef, namespace: str) -> dict[str, tuple[str, ...]]:
    """lang -> (rdfs:label, *skos:altLabels, *kg:weakLabels not already among them)."""
    weak = URIRef(namespace + WEAK_LABEL)
    words: dict[str, tuple[str, ...]] = {}
    for label in sorted(graph.objects(prop, RDFS.label)):
        alts = sorted(str(a) for a in graph.objects(prop, SKOS.altLabel) if a.language == label.language)
        weaks = sorted(str(w) for w in graph.objects(prop, weak) if w.language == label.language)
        words[label.language or ""] = tuple(dict.fromkeys((str(label), *alts, *weaks)))
    return words


def _weak_words(graph: Graph, prop: URIRef, namespace: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for word in graph.objects(prop, URIRef(namespace + WEAK_LABEL)):
        found.setdefault(word.language or "", []).append(str(word))
    return {lang: tuple(sorted(words)) for lang, words in sorted(found.items())}


def _classes(graph: Graph, node: object, namespace: str) -> tuple[str, ...]:
    """Local names of a class IRI or of the members of its ``owl:unionOf`` list."""
    if node is None:
        return ()
    union = graph.value(node, OWL.unionOf)
    members = Collection(graph, union) if union is not None else [node]
    return tuple(sorted(n for n in (_local(m, namespace) for m in members) if n))


def _lexicon(graph: Graph, namespace: str, concept_ns: str, path: Path) -> tuple[Term, ...]:
    label_props = {**LABEL_KINDS, URIRef(namespace + WEAK_LABEL): "weak"}
    terms = []
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
        key = _local(concept, concept_ns)
        if not key:
            raise OntologyError(f"{path}: {concept} is not under <id/>")
        _check_predicates(graph, concept, key, label_props, path)
        types = (_local(t, namespace) for t in graph.objects(concept, RDF.type))
        labels = _term_labels(graph, concept, label_props)
        terms.append(Term(key, labels, tuple(sorted(t for t in types if t)), "lexicon"))
    return tuple(terms)


def _term_labels(graph: Graph, concept: URIRef, label_props: dict) -> tuple[tuple[str, str, str], ...]:
    labels = []
    for prop, kind in label_props.items():
        found = sorted(graph.objects(concept, prop), key=lambda lit: (lit.language or "", str(lit)))
        labels.extend((str(lit), lit.language or "", kind) for lit in found)
    return tuple(labels)


def _check_predicates(graph: Graph, concept: URIRef, key: str, label_props: dict, path: Path) -> None:
    """The lexicon holds names and types only: anything else is an error."""
    for prop, obj in graph.predicate_objects(concept):
        if prop == RDF.type:
            continue
        if prop not in label_props:
            raise OntologyError(f"{_where(path, key)}: {key} has {prop}; the lexicon holds names and types only")
        if not (isinstance(obj, Literal) and obj.language):
            raise OntologyError(f"{_where(path, key)}: label {obj!r} of {key} has no language tag")


def _check_lexicon(terms: tuple[Term, ...], classes: frozenset[str], path: Path) -> None:
    owners: dict[str, str] = {}
    for term in terms:
        problem = _term_problem(term, classes)
        for text, _, _ in term.labels:
            owner = owners.setdefault(fold_label(text), term.key)
            if owner != term.key and not problem:
                problem = f"label {text!r} of {term.key} is also a label of {owner}"
        if problem:
            raise OntologyError(f"{_where(path, term.key)}: {problem}")


def _term_problem(term: Term, classes: frozenset[str]) -> str | None:
    unknown = sorted(set(term.types) - classes)
    if unknown or not term.types:
        return f"{term.key} must be typed with kgraph.ttl classes (unknown: {unknown})"
    pref_langs = [lang for _, lang, kind in term.labels if kind == "pref"]
    if not pref_langs or len(pref_langs) != len(set(pref_langs)):
        return f"{term.key} needs one skos:prefLabel per language, has {pref_langs}"
    named = {(t, l) for t, l, k in term.labels if k in ("pref", "alt")}
    weak = [f"{t!r}@{l}" for t, l, k in term.labels if k == "weak" and (t, l) not in named]
    return f"weak label {weak[0]} of {term.key} is not a pref/alt label" if weak else None


def _where(path: Path, key: str) -> str:
    """``path:line`` of the first line that names ``<id/key>`` (the file is small)."""
    needle = f"<id/{key}>"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return str(path)
    line = next((i for i, text in enumerate(lines, 1) if needle in text), None)
    return f"{path}:{line}" if line else str(path)
