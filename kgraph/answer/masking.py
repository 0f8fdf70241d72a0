"""Masked forms of a question, for templates: mentions as single placeholder characters.

In: the question and its concept mentions. Out: ``Masked`` — the same-length text with every
character of mention i replaced by ``mention_char(i)`` (offsets unchanged, for relation words),
and the compact form templates are matched against (one placeholder per mention, lower case, no
spaces in Chinese, single spaces in English, no trailing ?？。!！) with a map from each compact
character back to the question. Must not: classify anything.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kgraph.tokenize import fold_char
from kgraph.answer.vocabulary import mention_char, mention_index
from kgraph.model import Mention

_TRAILING = set("?？。.!！~～…,，;；:： ")
_LEADING = set(" ,，;；:：")


@dataclass(frozen=True)
class Masked:
    text: str  # the question
    full: str  # same length, mentions masked
    compact: str
    positions: tuple[int, ...]  # compact index -> where its character starts in the question
    ends: tuple[int, ...]  # compact index -> where it ends (a mention's placeholder: the mention's end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The question span of ``compact[start:end]``."""
        if start >= end:
            at = self.positions[start] if start < len(self.positions) else len(self.text)
            return at, at
        return self.positions[start], self.ends[end - 1]

    def mention_indices(self, start: int, end: int) -> list[int]:
        """Mentions (their index) in ``compact[start:end]``, in order."""
        found = (mention_index(ch) for ch in self.compact[start:end])
        return [i for i in found if i is not None]


def mask(text: str, mentions: Sequence[Mention], lang: str) -> Masked:
    full = list(text)
    for i, mention in enumerate(mentions):
        for j in range(mention.start, mention.end):
            full[j] = mention_char(i)
    chars, positions, ends = _compact(full, lang)
    return Masked(text, "".join(full), "".join(chars), tuple(positions), tuple(ends))


def _compact(full: list[str], lang: str) -> tuple[list[str], list[int], list[int]]:
    chars: list[str] = []
    positions: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(full):
        if mention_index(ch) is not None and chars and chars[-1] == ch:
            ends[-1] = i + 1
            continue
        if ch.isspace():
            if lang == "zh" or not chars or chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch if mention_index(ch) is not None else fold_char(ch))
        positions.append(i)
        ends.append(i + 1)
    while chars and chars[-1] in _TRAILING:
        chars.pop(), positions.pop(), ends.pop()
    while chars and chars[0] in _LEADING:
        chars.pop(0), positions.pop(0), ends.pop(0)
    return chars, positions, ends
