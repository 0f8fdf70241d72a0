"""Definitions: the sentences of the notes that say what a concept is.

In: a ``Sentence`` (with its mentions) and, for the first sentence of a section, the concept the
section heading names. Out: ``Definition``s with the sentence as evidence, in the sentence's
language.

Four forms, strongest first:
- ``def-glossary``: the summary of a glossary page (its text before ``<!--more-->``) defines the
  page's term (``glossary_definitions``);
- ``def-copula``: the sentence opens with the concept (after a bullet, quote or 所谓), an optional
  parenthetical gloss, then a defining verb — X是… / X就是… / X指… / X表达的是… / X的作用是… /
  X用于… / "X is a …" / "X refers to …" / plurals without an article, "Operators are software
  extensions to …" (a plural noun, then of/to/for/that…) — and a predicate that is more than an adjective;
- ``def-colon``: "X：…" / "X: …" opening the sentence;
- ``def-naming``: the sentence gives the thing it describes a name: "…，这一部分我们称为“容器镜像”",
  "一个称作 CRI 的远程调用接口", "a daemon called kubelet", "known as the control plane";
- a gloss before the opening mention counts as part of it ("抢占（Preemption）指的是…"), and so
  do emphasis marks, an opening setting ("In Kubernetes, _Pod Overhead_ is…", "在网络语境中，容器运行时
  是…": a narrower definition, ``SETTING_PENALTY`` weaker) and an English aside between commas
  after the concept ("A Container Runtime, in the networking context, is a daemon…");
- a list item opening with a copula and no subject ("- is a bastion built into the apiserver")
  defines the subject of its lead-in ("The apiserver proxy:"): ``item_definitions``;
- ``def-heading``: the first sentence under a heading that is the concept's own name, unless it
  is a lead-in to a list, the author talking (先说下…, 例如…), advice to the reader (你可以…, "you
  can…", an imperative), or about another concept.
"""
from __future__ import annotations

import re

from collections.abc import Mapping, Sequence

from kgraph.extract.relations import Sentence
from kgraph.lexicon import fold_label
from kgraph.model import Definition, Evidence
from kgraph.structure import GlossaryPage

GLOSSARY_CONFIDENCE = 0.95
ITEM_CONFIDENCE = 0.8  # a subjectless item under its lead-in: weaker than the concept's own sentence
SETTING_PENALTY = 0.1  # below an unqualified "X：…" (0.85)

# What may come before the concept a sentence opens with: bullets, quotes and emphasis marks, a
# setting ("In Kubernetes, ", "在网络语境中，"), a discourse word or an article.
_LEAD = re.compile(r"^[\s\-*_+>•·“\"'「『（(]*(?P<setting>(?:in\s+[^,，.。]{1,30}|在\s?[^，,。；;]{1,16}?(?:中|里|内|上))\s*[，,]\s*[*_]*)?"
                   r"(?:所谓|其中|然后|而|但|一个|一种|\d+[.、:：)]|(?:an?|the)\s+)?\s*", re.IGNORECASE)
# After it: its emphasis closing, and an English aside between commas ("A Container Runtime, in the
# networking context, is a daemon …").
_AFTER_OPENING = re.compile(r"^[*_]*(?:\s*,\s*(?:in|on|for|within|at|by)\b[^,，.。]{1,40},)?", re.IGNORECASE)
_GLOSS = re.compile(r"^\s*(?:[（(][^）)]{0,60}[）)]|卷|对象|组件)?\s*")
_COPULA_ZH = re.compile(r"^(?:主要|则|就|也|其实|本质上|的主要作用(?:就)?是|的作用是|作用是)?(?:就是|是指|指的是|指|是|表达的是|(?:所)?代表的是|表示|即|意为|用于|用来|负责)")
_COPULA_EN = re.compile(r"^(?:(?:is|are)\s+(?:a|an|the|one|any)|refers to|means|is used (?:to|for)"
                        r"|are(?=\s+(?:[a-z]+\s+)?[a-z]+s\s+(?:of|to|for|that|which|in|on|used)\b))\s+", re.IGNORECASE)
_COLON = re.compile(r"^\s*[：:]\s*")
_NOT_DEFINING = re.compile(r"^(?:否|不是|不|没有)")
# What a subject does next: the sentence is about that concept ("RS 可以独立使用…").
_LEADS_IN = re.compile(r"(?:以下几点|如下|以下|下列|as follows|the following)\s*[：:.。]?\s*$", re.IGNORECASE)
_LABELLED = re.compile(r"^[\u4e00-\u9fff]{1,4}\s?[：:]")
_SUBJECTLESS_COPULA = re.compile(r"^(?:是|就是|指|即)(?!否|不)")
_SUBJECTLESS_COPULA_EN = re.compile(r"^(?:is|are)\s+(?:a|an|the|one)\s", re.IGNORECASE)
_KIND_SUFFIX = re.compile(r"\s?(?:卷|volume)$", re.IGNORECASE)
_ACTS = re.compile(r"^(?:、|是|为|会|能|可以|可|将|把|被|在|有|用|负责|管理|控制|提供|使用|支持|不|也|就|都|与|和)")
# The reader (or the author with them) as the subject, or an imperative: advice, not what X is
# ("Usually, you can allow your cluster to pick…", "你可以指定…", "Consider adding…"); "see …" and
# a leading 我们 are already the author talking (``_DISCOURSE``).
_ADDRESSES_READER = re.compile(r"^(?:[^，,。；;]{0,4}[，,]\s?)?[^，,。；;]{0,8}?(?:你|您|我们)|^(?:[a-z]+,?\s+){0,2}(?:you|we)\b"
                               r"|^(?:consider|use|run|create|add|make sure|ensure|check|configure|install|enable|set)\b",
                               re.IGNORECASE)
_DISCOURSE = re.compile(r"^(?:先说|首先|下面|如下|例如|比如|试想|假设|想象|我们|参考|详见|see\b|for example\b|note\b)", re.IGNORECASE)


def definitions_in(sentence: Sentence, heading_key: str | None, first_in_section: bool) -> list[Definition]:
    text = sentence.passage.text[sentence.start:sentence.end]
    if text.rstrip().endswith(("？", "?")):
        return []
    opening = _opening_mention(sentence, text)
    if opening is not None:
        key, rest = opening
        rule = _defining_form(rest)
        if rule:  # a definition within a setting ("In the networking context, …") is a narrower one
            strength = (0.9 if rule == "def-copula" else 0.85) - (SETTING_PENALTY if _LEAD.match(text)["setting"] else 0.0)
            return [_definition(sentence, key, text, rule, round(strength, 2))]
    named = _naming(sentence)
    if named is not None:
        return [_definition(sentence, named, text, "def-naming", 0.8)]
    if first_in_section and heading_key and _about(sentence, heading_key, text):
        if _SUBJECTLESS_COPULA.match(_LEAD.sub("", text, count=1)):  # "是集群中的一块存储…" under its heading
            return [_definition(sentence, heading_key, text, "def-copula", 0.9)]
        return [_definition(sentence, _named(sentence, heading_key, text), text, "def-heading", 0.6)]
    return []


def item_definitions(sentence: Sentence, subject: str) -> list[Definition]:
    """A list item that opens with a copula and no subject defines the subject of its lead-in:
    "1. The apiserver proxy:" then "- is a bastion built into the apiserver" / "- 是一个建立在…的堡垒"."""
    text = sentence.passage.text[sentence.start:sentence.end]
    rest = _LEAD.sub("", text, count=1)
    form = _SUBJECTLESS_COPULA.match(rest) or _SUBJECTLESS_COPULA_EN.match(rest)
    if form is None or not _substantial(rest[form.end():]):
        return []
    return [_definition(sentence, subject, text, "def-copula", ITEM_CONFIDENCE)]


_NAMING = re.compile(r"(?:被?称(?:之)?为|称作|叫作|叫做|名为|(?<![a-z])(?:called|known as|referred to as|named))\s*[“\"「『]?\s*$", re.IGNORECASE)


def _naming(sentence: Sentence) -> str | None:
    """The mention a sentence names ("…称为“容器镜像”", "a plugin called Device Plugin"), if any."""
    text = sentence.passage.text
    for mention in sentence.mentions:
        if _NAMING.search(text[max(sentence.start, mention.start - 12):mention.start]):
            return mention.key
    return None


def _named(sentence: Sentence, heading_key: str, text: str) -> str:
    """Under heading 'nfs', a sentence opening with 'nfs 卷' defines that narrower concept."""
    lead = _LEAD.match(text).end()
    for mention in sentence.mentions:
        if mention.start - sentence.start == lead and mention.key != heading_key:
            heading_names = {fold_label(m.surface) for m in sentence.mentions if m.key == heading_key}
            surface = fold_label(mention.surface)
            if any(surface.startswith(name) for name in heading_names) or _KIND_SUFFIX.search(mention.surface):
                return mention.key
    return heading_key


_GLOSSED_OPENING = re.compile(r"^[\u4e00-\u9fff]{1,8}\s*[（(]\s*$")


def _opening_mention(sentence: Sentence, text: str) -> tuple[str, str] | None:
    lead = _LEAD.match(text).end()
    first = sentence.mentions[0] if sentence.mentions else None
    if first is not None and _GLOSSED_OPENING.match(text[lead:first.start - sentence.start]):
        lead = first.start - sentence.start  # "抢占（Preemption）指的是…": the gloss names it
    for mention in sentence.mentions:
        offset = mention.start - sentence.start
        if offset == lead:
            rest = text[mention.end - sentence.start:]
            rest = _skip_same_concept(sentence, mention.key, rest, mention.end - sentence.start)
            rest = rest[_AFTER_OPENING.match(rest).end():]
            rest = _GLOSS.sub("", rest.lstrip(" ）)，,、"), count=1)
            return mention.key, rest[_AFTER_OPENING.match(rest).end():]
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
    """More than an adjective ('Pod是短暂的' is a property) and not a lead-in to a list."""
    first_clause = re.split(r"[，,；;。]", predicate.strip(), maxsplit=1)[0].strip()
    return len(first_clause) >= 4 and not first_clause.endswith("的") and not _LEADS_IN.search(predicate)


def _about(sentence: Sentence, key: str, text: str) -> bool:
    """The first sentence under the term's own heading defines it, unless it is a lead-in to a
    list, the author talking, or opens with another concept as its subject."""
    stripped = text.strip()
    if len(stripped) < 6 or stripped.endswith(("：", ":")) or _DISCOURSE.match(stripped) or _LEADS_IN.search(stripped):
        return False
    if _ADDRESSES_READER.match(stripped):
        return False
    if _LABELLED.match(stripped) and _opening_mention(sentence, text) is None:
        return False  # "原理：…", "应用场景:" — a note's own sub-label, not the term's definition
    opening = _opening_mention(sentence, text)
    if opening is None or opening[0] == key or _named(sentence, key, text) == opening[0]:
        return True
    return not _ACTS.match(opening[1].strip())


def _definition(sentence: Sentence, key: str, text: str, rule: str, confidence: float) -> Definition:
    start = sentence.start + (len(text) - len(text.lstrip()))
    quote, span = sentence.passage.quote(start, sentence.end)
    plain = sentence.passage.text[start:sentence.end]
    evidence = Evidence(sentence.passage.note_path, sentence.passage.index, span, quote, plain, rule, confidence)
    return Definition(key, plain, sentence.lang, evidence)


def glossary_definitions(pages: Sequence[GlossaryPage], term_keys: Mapping[str, str]) -> list[Definition]:
    """The summary of each glossary page (its first passage above ``<!--more-->``) as the definition
    of the page's term, in the page's language."""
    found = []
    for page in pages:
        key = term_keys.get(page.term_id)
        if key is None or not page.summary:
            continue
        passage = page.summary[0]
        quote, span = passage.quote(0, len(passage.text))
        evidence = Evidence(passage.note_path, passage.index, span, quote, passage.text, "def-glossary", GLOSSARY_CONFIDENCE)
        found.append(Definition(key, passage.text, page.lang, evidence))
    return found
