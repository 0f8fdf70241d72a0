"""Concept mentions in a passage: the lexicon's matches and the glossary links, reconciled.

In: a passage, the ``Lexicon`` and the concept of each glossary term id. Out: non-overlapping
``Mention`` values in text order. A glossary link (a tooltip) is a strong mention of its term:
it replaces the lexicon matches it overlaps, except a longer name that contains it ("节点" + a
link on "控制器" is the one mention 节点控制器, when the lexicon knows that name).
"""
from __future__ import annotations

from collections.abc import Mapping

from kgraph.lexicon import Lexicon
from kgraph.model import Mention, Passage


def mentions_in(passage: Passage, lexicon: Lexicon, term_keys: Mapping[str, str]) -> list[Mention]:
    found = lexicon.find(passage.text)
    links = [Mention(term_keys[link.term_id], link.start, link.end, passage.text[link.start:link.end])
             for link in passage.links if term_keys.get(link.term_id) in lexicon.terms]
    if not links:
        return found
    longer = [m for m in found if any(_contains(m, link) for link in links)]
    links = [link for link in links if not any(_contains(m, link) for m in longer)]
    kept = [m for m in found if m in longer or not any(_overlap(m, link) for link in links)]
    return sorted(kept + links, key=lambda m: m.start)


def _contains(outer: Mention, inner: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end
