"""Term discovery: names the curated lexicon lacks, found in the notes, each with evidence.

In: the passages of all notes, the curated ``Lexicon``, the ontology's class labels, and the
corpus's structure (glossary pages, notes). Out: ``Discovered``: ``Discovery`` values — a ``Term``
(``source="discovered"``; its key may be an existing concept's, whose labels it then adds) and the
``Evidence`` of where the name was seen — and ``term_keys``, the concept of every glossary term id.

Sources, strongest first, one module each:
- ``links``: glossary pages, glossary links (tooltips) and translated page titles;
- ``glosses``: 中文名（EnglishName，ABBR）, ABBR（English Name）, English Name (ABBR);
- ``headings``: term-like section headings (not tasks, not phrases);
- ``code``: inline code that names a thing (a class word next to it), not a field;
- ``namings``: another name given with a naming verb (称为, also known as), or a new term it
  introduces in emphasis ("…称之为**可调度节点**");
- ``components``: "X controller" / "X 控制器" / "X admission controller": a member of a role;
- ``kinds``: ``kind: X`` in manifests (types X as an API resource);
- ``members``: names listed under a lead-in that names their kind ("the following taints:");
  besides the names, ``Discovered.members`` says which kind each listed name is a member of;
- ``misspellings``: rare near-misses of known English names (hidden labels).
The structural terms are known before the others run, so a gloss or heading of a glossary term
adds to that concept. Types come from the ontology's class labels: a name ending in a class's
label ("临时卷" ends in 卷/Volume) gets that class, unless a source typed it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from kgraph import data
from kgraph.discover.code import from_inline_code
from kgraph.discover.common import Discovery, DiscoveryWords, load_words
from kgraph.discover.components import from_components
from kgraph.discover.glosses import from_glosses
from kgraph.discover.headings import from_headings
from kgraph.discover.kinds import from_kinds
from kgraph.discover.links import from_glossary_pages, from_links, from_titles
from kgraph.discover.members import Member, from_members
from kgraph.discover.misspellings import from_misspellings
from kgraph.discover.namings import from_named_terms, from_namings
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Note, Passage, Term
from kgraph.structure import GlossaryPage

__all__ = ["Discovered", "Discovery", "Member", "discover", "load_words"]

IsA = Callable[[Iterable[str], Iterable[str]], bool]  # Ontology.is_a: are these types of those classes?


@dataclass(frozen=True)
class Discovered:
    discoveries: tuple[Discovery, ...]
    term_keys: Mapping[str, str] = field(default_factory=dict)  # glossary term id -> concept key
    members: tuple[Member, ...] = ()  # listed names and the kind each is listed as a member of


def discover(passages: Sequence[Passage], lexicon: Lexicon, class_labels: Mapping[str, Iterable[str]],
             pages: Sequence[GlossaryPage] = (), notes: Sequence[Note] = (),
             words: DiscoveryWords | None = None, is_a: IsA = lambda types, classes: False,
             verbs: frozenset[str] = frozenset()) -> Discovered:
    """Every discovered name with its first evidence, in source order; labels deduplicated, and
    none that is a relation word (``verbs``, folded): "Watch" or 监测 would hide the verb of
    "the scheduler watches Pods" / "调度器监测 Pod"."""
    words = words or load_words(data.ontology_dir() / "discovery.yaml")
    structural, term_keys = from_glossary_pages(pages, lexicon, words)
    linked, link_keys = from_links(passages, lexicon, term_keys)
    structural += linked + from_titles(notes, passages, lexicon)
    known = Lexicon(list(lexicon.terms.values()) + [d.term for d in structural])
    found = structural + from_glosses(passages, known, words) + from_headings(passages, known, words)
    found += from_inline_code(passages, known, class_labels, words) + from_namings(passages, known, words)
    found += from_named_terms(passages, known, words)
    members = from_components(passages, known, words, is_a)
    found += from_kinds(passages, known)
    members += from_members(passages, known, words, is_a)
    found += [m.discovery for m in members if m.discovery]
    attested = {fold_label(text) for d in found for text, _lang, kind in d.term.labels if kind != "hidden"}
    found += from_misspellings(passages, known, attested, words)
    canonical = _case_keys(found)
    members = [replace(m, key=canonical.get(m.key, m.key)) for m in members]
    return Discovered(tuple(_typed(d, class_labels) for d in _dedupe(_no_verbs(found, verbs), canonical)),
                      {**term_keys, **link_keys}, tuple(members))


def _case_keys(found: list[Discovery]) -> dict[str, str]:
    """Each discovered key -> the first key that differs from it only in case: one concept
    (`NodeDeclaredFeatureValidator` and `nodedeclaredfeaturevalidator` admission controller; labels
    fold case, so keys do too)."""
    first: dict[str, str] = {}
    for discovery in found:
        first.setdefault(discovery.term.key.casefold(), discovery.term.key)
    return {d.term.key: first[d.term.key.casefold()] for d in found}


def _no_verbs(found: list[Discovery], verbs: frozenset[str]) -> list[Discovery]:
    out = []
    for discovery in found:
        labels = tuple(label for label in discovery.term.labels if fold_label(label[0]) not in verbs)
        if labels:
            term = discovery.term
            out.append(Discovery(Term(term.key, labels, term.types, term.source), discovery.evidence))
    return out


def _dedupe(found: list[Discovery], canonical: Mapping[str, str]) -> list[Discovery]:
    """One Discovery per (key, label) under the ``canonical`` key, the first evidence winning; one
    that only adds a type stays."""
    seen: set[tuple[str, str]] = set()
    typed: set[tuple[str, str]] = set()
    out = []
    for discovery in found:
        term = discovery.term
        if canonical.get(term.key, term.key) != term.key:
            term = Term(canonical[term.key], term.labels, term.types, term.source)
        labels = tuple(label for label in term.labels if (term.key, fold_label(label[0])) not in seen)
        types = tuple(t for t in term.types if (term.key, t) not in typed)
        if labels or types:
            seen.update((term.key, fold_label(label[0])) for label in labels)
            typed.update((term.key, t) for t in types)
            out.append(Discovery(Term(term.key, labels or term.labels[:1], term.types, "discovered"), discovery.evidence))
    return out


def _typed(discovery: Discovery, class_labels: Mapping[str, Iterable[str]]) -> Discovery:
    if discovery.term.types:
        return discovery
    best, best_len = None, 0
    for text, _lang, _kind in discovery.term.labels:
        folded = fold_label(text)
        for cls, labels in class_labels.items():
            for label in labels:
                suffix = fold_label(label)
                if suffix and folded.endswith(suffix) and len(suffix) > best_len and folded != suffix:
                    best, best_len = cls, len(suffix)
    if best is None:
        return discovery
    term = discovery.term
    return Discovery(Term(term.key, term.labels, (best,), term.source), discovery.evidence)
