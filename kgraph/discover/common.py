"""What every discovery source shares: the ``Discovery`` type, evidence, naming a term, the word list.

In: passages, the lexicon so far and the discovery word list (``ontology/discovery.yaml``). Out:
``Discovery`` values, ``Evidence`` quoting a passage, ``Term`` values keyed by the concept a label
already names (or by a new key), and ``DiscoveryWords``. Must not: decide which names are terms
(each source module does).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kgraph.errors import OntologyError
from kgraph.iri import concept_key
from kgraph.lexicon import Lexicon
from kgraph.model import Evidence, Passage, Term

CJK = r"\u4e00-\u9fff"
_HAS_CJK = re.compile(f"[{CJK}]")


@dataclass(frozen=True)
class Discovery:
    term: Term
    evidence: Evidence


@dataclass(frozen=True)
class DiscoveryWords:
    """The lists and limits of ``ontology/discovery.yaml`` (documented there)."""

    spec: dict[str, Any]

    def words(self, key: str, lang: str | None = None) -> frozenset[str]:
        value = self.spec.get(key) or ()
        if lang is not None:
            value = (value or {}).get(lang) or ()
        return frozenset(str(v).casefold() for v in value)

    def number(self, *path: str) -> int:
        value: Any = self.spec
        for key in path:
            value = value[key]
        return int(value)


@lru_cache(maxsize=4)
def load_words(path: Path) -> DiscoveryWords:
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise OntologyError(f"{path}: cannot read discovery words: {error}") from error
    if not isinstance(spec, dict):
        raise OntologyError(f"{path}: must be a YAML mapping")
    return DiscoveryWords(spec)


def evidence(passage: Passage, start: int, end: int, rule: str, confidence: float) -> Evidence:
    quote, span = passage.quote(start, end)
    return Evidence(passage.note_path, passage.index, span, quote, passage.text[start:end], rule, confidence)


def first_sentence_evidence(passage: Passage, rule: str, confidence: float) -> Evidence:
    """Evidence quoting the passage's first line (where no finer position is known)."""
    text = passage.text
    end = text.find("\n")
    end = len(text) if end <= 0 else end
    start = len(text[:end]) - len(text[:end].lstrip())
    return evidence(passage, start, max(end, start + 1), rule, confidence)


def written_as_code(passage: Passage, start: int, end: int, marks: tuple[tuple[str, str], ...] = (("`", "`"),)) -> bool:
    """``text[start:end]`` of the passage is one whole inline code span in its source (or one run
    between any other pair of ``marks``: link brackets, bold)."""
    source = passage.source
    left, right = passage.offsets[start], passage.offsets[end - 1] + 1
    inner = source[left:right]
    return any(source[:left].endswith(open_) and source[right:].startswith(close) and close not in inner
               for open_, close in marks)


def lang_of(name: str) -> str:
    return "zh" if _HAS_CJK.search(name) else "en"


def camel(name: str) -> str:
    """'Static Pod' -> 'StaticPod'; one-word names stay as written ('emptyDir')."""
    words = name.split()
    return name if len(words) == 1 else "".join(w[:1].upper() + w[1:] for w in words)


def new_key(name: str) -> str:
    return concept_key(camel(name))


def make_term(lexicon: Lexicon, names: list[tuple[str, str, str]], types: tuple[str, ...] = ()) -> Term | None:
    """A Term for these labels: the known concept any of them names, else a new key from the English one."""
    names = [(text.strip(), lang, kind) for text, lang, kind in names if text and text.strip()]
    if not names:
        return None
    for text, _lang, _kind in names:
        key = lexicon.key_for(text)
        if key:
            return Term(key, tuple(names), types, "discovered")
    name = next((text for text, lang, _k in names if lang == "en"), names[0][0])
    return Term(new_key(name), tuple(names), types, "discovered")
