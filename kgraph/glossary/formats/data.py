"""The glossary as data: JSON (the DESIGN.md entry contract) and a Hugo data file.

In: a ``Glossary``. Out: text with ``\\n`` line ends, keys in a fixed order, non-ASCII kept as is.
Must not: add anything that changes between runs (no dates, no versions).

- ``json``: a list of ``GlossaryEntry.to_dict()``, validated by ``schemas/glossary.schema.json``.
- ``hugo``: a YAML list for Hugo's ``data/`` folder (``site.Data.glossary``), each item shaped like
  a kubernetes.io glossary entry's front matter — ``id`` (the anchor without ``term-``), ``title``,
  ``aka``, ``short_description``, ``tags`` (the ontology types, kebab-case), ``full_link`` (the
  concept page) — plus ``related`` (ids), ``source`` (the cited note and lines) and ``defined``.
  kubernetes.io's ``date`` is left out: it would change with every run.
"""
from __future__ import annotations

import json

import yaml

from kgraph.glossary.model import Glossary, GlossaryEntry
from kgraph.glossary.order import ANCHOR_PREFIX
from kgraph.glossary.text import kebab, one_line


def json_text(glossary: Glossary) -> str:
    return json.dumps(glossary.to_dict(), ensure_ascii=False, indent=2) + "\n"


def hugo_yaml(glossary: Glossary) -> str:
    ids = {entry.id: entry.anchor.removeprefix(ANCHOR_PREFIX) for entry in glossary.entries}
    items = [_hugo_entry(entry, ids) for entry in glossary.entries]
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)


def _hugo_entry(entry: GlossaryEntry, ids: dict[str, str]) -> dict:
    definition = entry.definition
    return {
        "id": ids[entry.id],
        "title": entry.term,
        "aka": list(entry.aliases),  # the title already holds both labels
        "short_description": one_line(definition.text) if definition else "",
        "tags": [kebab(t.id) for t in entry.types],
        "full_link": entry.url,
        "related": list(dict.fromkeys(ids[r.target] for r in entry.related if r.target in ids)),
        "source": _source(entry),
        "defined": definition is not None,
    }


def _source(entry: GlossaryEntry) -> dict | None:
    if entry.definition is None:
        return None
    c = entry.definition.citation
    return {"path": c.source, "start_line": c.start_line, "end_line": c.end_line, "url": c.url}
