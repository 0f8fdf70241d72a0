"""The values of a glossary: entries, their definitions, citations, relations and types.

In: nothing (this module only defines types). Out: frozen dataclasses, each with one ``to_dict()``
that is its JSON shape — ``GlossaryEntry.to_dict()`` is the entry contract of DESIGN.md
(``id``, ``term``, ``labels``, ``aliases``, ``definition``, ``citations``, ``related``, ``types``)
plus fields of its own (``anchor``, ``iri``, ``url``, ``defined``, ``definitions`` …).
Must not: query, render or do I/O.

Languages: ``LANGS`` are the glossary's modes. ``en`` and ``zh`` write the glossary in one language
(its labels and headings first, the other language in brackets); ``both`` writes English first
with the Chinese name in full-width brackets, as in "ReplicaSet（副本集）".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kgraph.model import Citation  # the one citation type (DESIGN.md)

LANGS = ("both", "en", "zh")


@dataclass(frozen=True)
class Definition:
    """A defining sentence of a concept as the notes state it (plain text) and where."""

    text: str
    lang: str
    rule: str  # def-copula | def-colon | def-heading (the extraction rule)
    confidence: float
    citation: Citation
    date: str | None = None  # the cited note's front-matter date (Hugo pages' ``date``); not in the JSON

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "lang": self.lang,
            "rule": self.rule,
            "confidence": self.confidence,
            "citation": self.citation.to_dict(),
        }


@dataclass(frozen=True)
class Named:
    """An ontology class or relation: its local name, its label in the glossary's mode, and its
    labels per language."""

    id: str
    label: str
    labels: tuple[tuple[str, str], ...]  # (lang, label), sorted by lang

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "labels": dict(self.labels)}


@dataclass(frozen=True)
class Related:
    """A fact ``<entry> relation <target>`` from the graph (asserted, or inferred as an inverse)."""

    relation: Named
    target: str  # the target concept's key
    term: str  # the target's heading in this glossary
    anchor: str | None  # the target's anchor, or None when the target is not an entry
    url: str  # the target's concept page, site-relative: /id/<Key>

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation.id,
            "label": self.relation.label,
            "id": self.target,
            "term": self.term,
            "anchor": self.anchor,
            "url": self.url,
        }


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its names, chosen definitions with citations, relations and types."""

    id: str  # the concept key, as in /id/<Key>
    iri: str
    url: str  # site-relative: /id/<Key>, percent-encoded as in the IRI
    anchor: str  # ASCII, unique in the glossary, stable: derived from the key alone
    term: str  # the heading, e.g. "ReplicaSet（副本集）"
    label_en: str | None
    label_zh: str | None
    aliases: tuple[str, ...]  # every other pref/alt label; misspellings (hidden labels) never
    abbreviations: tuple[str, ...]  # the acronyms among the names (RS, PVC, NFS)
    definitions: tuple[Definition, ...]  # at most one per language, the glossary's language first
    related: tuple[Related, ...] = ()
    types: tuple[Named, ...] = ()
    sort_key: tuple[str, ...] = field(default=(), compare=False, repr=False)
    linkable: tuple[str, ...] = ()  # names a docs page may mention it by (no weak labels): --link-docs

    @property
    def definition(self) -> Definition | None:
        return self.definitions[0] if self.definitions else None

    def to_dict(self) -> dict[str, Any]:
        first = self.definition
        return {
            "id": self.id,
            "term": self.term,
            "labels": {"en": self.label_en, "zh": self.label_zh},
            "aliases": list(self.aliases),
            "definition": first.text if first else None,
            "citations": [d.citation.to_dict() for d in self.definitions],
            "related": [r.to_dict() for r in self.related],
            "types": [t.to_dict() for t in self.types],
            "anchor": self.anchor,
            "iri": self.iri,
            "url": self.url,
            "abbreviations": list(self.abbreviations),
            "defined": first is not None,
            "definition_lang": first.lang if first else None,
            "definitions": [d.to_dict() for d in self.definitions],
        }


@dataclass(frozen=True)
class Glossary:
    """The entries in glossary order (English term, Chinese-only terms by pinyin)."""

    lang: str
    entries: tuple[GlossaryEntry, ...]

    def anchors(self) -> dict[str, str]:
        """Concept key -> anchor, for the entries present."""
        return {entry.id: entry.anchor for entry in self.entries}

    def to_dict(self) -> list[dict[str, Any]]:
        return [entry.to_dict() for entry in self.entries]
