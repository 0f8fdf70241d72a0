"""API kinds: a name written as ``kind: X`` in a manifest is an API resource.

In: passages (their code blocks) and the lexicon so far. Out: ``Discovery`` values (rule
``discover-kind``) typing X as ``APIResource`` when the lexicon gives it no type, and naming it
when the lexicon does not know it but the notes' running text uses the name.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from kgraph.discover.common import Discovery, evidence
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Passage, Term

CLASS = "APIResource"
_KIND = re.compile(r"^\s*kind:\s*[\"']?([A-Z][A-Za-z0-9]+)[\"']?\s*$", re.MULTILINE)


def from_kinds(passages: Sequence[Passage], lexicon: Lexicon) -> list[Discovery]:
    prose = fold_label(" ".join(p.text for p in passages if p.kind != "code"))
    found, seen = [], set()
    for passage in passages:
        if passage.kind != "code" or "kind:" not in passage.text:
            continue
        for match in _KIND.finditer(passage.text):
            name = match[1]
            if name in seen:
                continue
            seen.add(name)
            key = lexicon.key_for(name)
            if key and lexicon.terms[key].types:
                continue
            if key is None and fold_label(name) not in prose:
                continue
            term = Term(key or concept_key(name), ((name, "en", "pref"),), (CLASS,), "discovered")
            found.append(Discovery(term, evidence(passage, match.start(1), match.end(1), "discover-kind", 0.8)))
    return found
