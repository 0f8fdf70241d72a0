"""Definitions: the sentences of the notes that say what a concept is.

In: a ``Sentence`` (with its mentions) and, for the first sentence of a section, the concept the
section heading names. Out: ``Definition``s with the sentence as evidence, in the sentence's
language.

Three forms, strongest first:
- ``def-copula``: the sentence opens with the concept (after a bullet, quote or 所谓), an optional
  parenthetical gloss, then a defining verb — X是… / X就是… / X指… / X表达的是… / X的作用是… /
  X用于… / "X is a …" / "X refers to …" — and a predicate that is more than an adjective;
- ``def-colon``: "X：…" / "X: …" opening the sentence;
- ``def-heading``: the first sentence under a heading that is the concept's own name, when the
  sentence mentions it or has no subject (starts with 是/为/指).
"""
from __future__ import annotations

import re

from kgraph.extract.relations import Sentence
from kgraph.model import Definition, Evidence

_LEAD = re.compile(r"^[\s\-*+>•·“\"'「『（(]*(?:所谓|其中|然后|而|但|\d+[.、:：)]|(?:an?|the)\s+)?\s*", re.IGNORECASE)
_GLOSS = re.compile(r"^\s*(?:[（(][^）)]{0,60}[）)]|卷|对象|组件)?\s*")
_COPULA_ZH = re.compile(r"^(?:主要|则|就|也|其实|本质上|的主要作用(?:就)?是|的作用是|作用是)?(?:就是|是指|指的是|指|是|表达的是|表示|即|意为|用于|用来|负责)")
_COPULA_EN = re.compile(r"^(?:is|are|refers to|means|is used (?:to|for))\s+", re.IGNORECASE)
_COLON = re.compile(r"^\s*[：:]\s*")
_NOT_DEFINING = re.compile(r"^(?:否|不是|不|没有)")
_DISCOURSE = re.compile(r"^(?:先说|首先|下面|如下|例如|比如|我们|参考|详见|see\b|for example\b|note\b)", re.IGNORECASE)
_SUBJECTLESS = re.compile(r"^(?:是|为|指|即)")


def definitions_in(sentence: Sentence, heading_key: str | None, first_in_section: bool) -> list[Definition]:
    text = sentence.passage.text[sentence.start:sentence.end]
    if text.rstrip().endswith(("？", "?")):
        return []
    opening = _opening_mention(sentence, text)
    if opening is not None:
        key, rest = opening
        rule = _defining_form(rest)
        if rule:
            return [_definition(sentence, key, text, rule, 0.9 if rule == "def-copula" else 0.85)]
    if first_in_section and heading_key and _about(sentence, heading_key, text):
        return [_definition(sentence, heading_key, text, "def-heading", 0.6)]
    return []


def _opening_mention(sentence: Sentence, text: str) -> tuple[str, str] | None:
    lead = _LEAD.match(text).end()
    for mention in sentence.mentions:
        offset = mention.start - sentence.start
        if offset == lead:
            rest = text[mention.end - sentence.start:]
            rest = _skip_same_concept(sentence, mention.key, rest, mention.end - sentence.start)
            return mention.key, _GLOSS.sub("", rest, count=1)
        if offset > lead:
            break
    return None


def _skip_same_concept(sentence: Sentence, key: str, rest: str, offset: int) -> str:
    """'PV 持久卷和…' / '持久卷（PersistentVolume，PV）…': skip further names of the same concept."""
    for mention in sentence.mentions:
        start = mention.start - sentence.start
        if mention.key == key and start >= offset and not rest[: start - offset].strip(" （(，,"):
            return _skip_same_concept(sentence, key, rest[mention.end - sentence.start - offset:], mention.end - sentence.start)
    return rest


def _defining_form(rest: str) -> str | None:
    if _NOT_DEFINING.match(rest.strip()):
        return None
    copula = _COPULA_ZH.match(rest.strip()) or _COPULA_EN.match(rest.strip())
    if copula and _substantial(rest.strip()[copula.end():]):
        return "def-copula"
    colon = _COLON.match(rest)
    if colon and _substantial(rest[colon.end():]):
        return "def-colon"
    return None


def _substantial(predicate: str) -> bool:
    """More than an adjective: 'Pod是短暂的' is a property, not a definition."""
    first_clause = re.split(r"[，,；;。]", predicate.strip(), maxsplit=1)[0].strip()
    return len(first_clause) >= 4 and not first_clause.endswith("的")


def _about(sentence: Sentence, key: str, text: str) -> bool:
    if len(text.strip()) < 8 or text.rstrip().endswith(("：", ":")) or _DISCOURSE.match(text.strip()):
        return False  # a lead-in to a list, or the author talking, is not a definition
    return any(m.key == key for m in sentence.mentions) or bool(_SUBJECTLESS.match(_LEAD.sub("", text, count=1)))


def _definition(sentence: Sentence, key: str, text: str, rule: str, confidence: float) -> Definition:
    start = sentence.start + (len(text) - len(text.lstrip()))
    quote, span = sentence.passage.quote(start, sentence.end)
    plain = sentence.passage.text[start:sentence.end]
    evidence = Evidence(sentence.passage.note_path, sentence.passage.index, span, quote, plain, rule, confidence)
    return Definition(key, plain, sentence.lang, evidence)
