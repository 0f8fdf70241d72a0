"""The glossary as the ``glossary.json`` of Docusaurus' glossary plugin (docusaurus-plugin-glossary).

In: a ``Glossary``. Out: JSON text (two-space indent, keys in a fixed order, non-ASCII kept,
``\\n`` line ends), valid against ``schemas/docusaurus-glossary.schema.json``. Must not: add
fields the plugin does not document (the schema forbids them).

The plugin reads ``{"description", "terms": [{"term", "definition", "abbreviation"?,
"relatedTerms"?, "id"?}]}`` and links a term's mentions (case-insensitively, whole words) with the
definition as a tooltip. Each entry gives one term:

- ``term``: the name in the glossary's language (``ReplicaSet``; ``副本集`` with ``--lang zh``);
- ``definition``: the chosen definition, one line, ending in its source
  (``… — workloads.md#L9-L9``), since the plugin has no field for a citation;
- ``relatedTerms``: the related entries' ``term``s; ``id``: the entry's anchor without ``term-``.

Each acronym among the entry's names (``RS``, ``PV``) becomes a term of its own, as the plugin
documents abbreviations: ``{"term": "RS", "abbreviation": "ReplicaSet", …, "relatedTerms":
["ReplicaSet"]}``. A name is a term once (the first in glossary order keeps it).
"""
from __future__ import annotations

import json

from kgraph.glossary.model import Glossary, GlossaryEntry
from kgraph.glossary.order import ANCHOR_PREFIX, slug
from kgraph.glossary.text import one_line, source_reference, words


def docusaurus_json(glossary: Glossary) -> str:
    names = _names(glossary)
    terms: list[dict] = []
    taken: set[str] = set()
    for entry in glossary.entries:
        name = names[entry.id]
        if name.casefold() in taken:
            continue
        taken.add(name.casefold())
        terms.append(_term(entry, name, names, glossary.lang))
        for abbreviation in entry.abbreviations:
            if abbreviation.casefold() not in taken and abbreviation.casefold() not in _all(names):
                taken.add(abbreviation.casefold())
                terms.append(_abbreviation(entry, abbreviation, name, glossary.lang))
    w = words(glossary.lang)
    document = {"description": f"{w.title} — {w.generated} (kgraph glossary; format docusaurus, lang {glossary.lang})",
                "terms": terms}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _names(glossary: Glossary) -> dict[str, str]:
    first = "zh" if glossary.lang == "zh" else "en"
    return {e.id: one_line((e.label_zh or e.label_en) if first == "zh" else (e.label_en or e.label_zh) or e.id)
            for e in glossary.entries}


def _all(names: dict[str, str]) -> set[str]:
    return {name.casefold() for name in names.values()}


def _term(entry: GlossaryEntry, name: str, names: dict[str, str], lang: str) -> dict:
    related = [names[r.target] for r in entry.related if r.anchor and r.target in names and names[r.target] != name]
    term = {"term": name, "definition": _definition(entry, lang), "id": entry.anchor.removeprefix(ANCHOR_PREFIX)}
    if related:
        term["relatedTerms"] = list(dict.fromkeys(related))
    return term


def _abbreviation(entry: GlossaryEntry, abbreviation: str, name: str, lang: str) -> dict:
    return {"term": abbreviation, "abbreviation": name, "definition": _definition(entry, lang),
            "id": f"{entry.anchor.removeprefix(ANCHOR_PREFIX)}-{slug(abbreviation)}", "relatedTerms": [name]}


def _definition(entry: GlossaryEntry, lang: str) -> str:
    definition = entry.definition
    if definition is None:
        return words(lang).undefined
    return f"{one_line(definition.text)} — {source_reference(definition.citation)}"
