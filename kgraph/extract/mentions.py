"""Concept mentions in a passage: the lexicon's matches and the glossary links, reconciled.

In: a passage, the ``Lexicon`` and the concept of each glossary term id. Out: non-overlapping
``Mention`` values in text order. A glossary link (a tooltip) is a strong mention of its term:
it replaces the lexicon matches it overlaps, except a longer name that contains it ("节点" + a
link on "控制器" is the one mention 节点控制器, when the lexicon knows that name).

A Chinese name whose last character starts a common word with the next one gives that character
back when the rest is a name too: "容器组成" is 容器 + 组成 (not 容器组, the Pod), "副本数量" is
副本 + 数量, "副本集群" is 副本 + 集群. Common means jieba's own dictionary has seen the two
characters at least ``COMMON_WORD`` times.
"""
from __future__ import annotations

from collections.abc import Mapping

from kgraph.lexicon import Lexicon
from kgraph.model import Mention, Passage
from kgraph.text import is_cjk
from kgraph.tokenize import word_frequency

COMMON_WORD = 100


def mentions_in(passage: Passage, lexicon: Lexicon, term_keys: Mapping[str, str]) -> list[Mention]:
    found = [_word_boundary(m, passage.text, lexicon) for m in lexicon.find(passage.text)]
    links = [Mention(term_keys[link.term_id], link.start, link.end, passage.text[link.start:link.end])
             for link in passage.links if term_keys.get(link.term_id) in lexicon.terms]
    if not links:
        return found
    longer = [m for m in found if any(_contains(m, link) for link in links)]
    links = [link for link in links if not any(_contains(m, link) for m in longer)]
    kept = [m for m in found if m in longer or not any(_overlap(m, link) for link in links)]
    return sorted(kept + links, key=lambda m: m.start)


def _word_boundary(mention: Mention, text: str, lexicon: Lexicon) -> Mention:
    """The mention without its last character when that one and the next form a common word and
    the rest is a name (see the module docstring)."""
    end = mention.end
    if end - mention.start < 3 or end >= len(text) or not (is_cjk(text[end - 1]) and is_cjk(text[end])):
        return mention
    if word_frequency(text[end - 1:end + 1]) < COMMON_WORD:
        return mention
    key = lexicon.key_for(text[mention.start:end - 1])
    return Mention(key, mention.start, end - 1, text[mention.start:end - 1]) if key else mention


def _contains(outer: Mention, inner: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end
