"""Concept names and the matcher that finds them in text.

In: ``Term``s (from the curated lexicon in ``ontology/`` and from term discovery). Out: a
``Lexicon`` that answers ``key_for(label)`` and ``find(text) -> [Mention]``.

Matching folds case and width (NFKC) and ignores spaces, hyphens, underscores, middle dots and
zero-width characters, so "Replication Controller", "ReplicationController", "replication-controller"
and "ＲＣ" meet the same labels. Latin labels match only on word boundaries and also in English
plural form (ReplicaSets, Pods). Overlapping matches resolve longest first, then leftmost.
Labels of kind ``weak`` (everyday words such as 部署 "to deploy") name a concept for questions
and the glossary but are never matched in running text (``match_weak=True`` matches them too,
for questions).

An Aho–Corasick automaton (pyahocorasick) does the scanning, so matching cost grows with the
text, not with the number of labels.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

from kgraph.model import Mention, Problem, Term

_IGNORED = frozenset(" \t\r\n-_\u00a0\u3000\u00b7\u30fb\u200b\u200c\u200d\u2060\ufeff")
_PLURALS = ("es", "s")


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """One character folded (NFKC, casefold) without ignored characters; may be '' or several."""
    if ch in _IGNORED:
        return ""
    return "".join(f for f in unicodedata.normalize("NFKC", ch).casefold() if f not in _IGNORED and not f.isspace())


_ASCII_IGNORED = frozenset(ch for ch in _IGNORED if ch.isascii())


def normalize(text: str) -> tuple[str, list[int]]:
    """Folded text without ignored characters, and for each folded char its index in ``text``."""
    if text.isascii():  # the common case, without a call per character
        index = [i for i, ch in enumerate(text) if ch not in _ASCII_IGNORED]
        folded = text.lower()
        return "".join(folded[i] for i in index), index
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        if len(folded) == 1:
            chars.append(folded)
            index.append(i)
        elif folded:
            chars.extend(folded)
            index.extend([i] * len(folded))
    return "".join(chars), index


@lru_cache(maxsize=131072)
def fold_label(label: str) -> str:
    """The matching form of a label ('Kube-Proxy' -> 'kubeproxy')."""
    return normalize(label)[0]


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def matchable(label: str) -> bool:
    """Whether a label may be searched for in running text (too short ones would match noise)."""
    return len(fold_label(label)) >= 2


class Lexicon:
    """All known concepts by key, with their labels indexed for lookup and matching."""

    def __init__(self, terms: Iterable[Term], match_weak: bool = False) -> None:
        self.match_weak = match_weak  # True for questions: "什么是部署" names Deployment
        self.terms: dict[str, Term] = {}
        self.problems: list[Problem] = []
        for term in terms:
            self._merge(term)
        self._index: dict[str, str] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # (label, the concept that keeps it, the one that loses it)
        for term in self.terms.values():
            for text, _lang, kind in term.labels:
                self._index_label(text, term.key)
        self._drop_conflicting_labels()
        self._automaton = self._build_automaton()

    def _merge(self, term: Term) -> None:
        known = self.terms.get(term.key)
        if known is None:
            self.terms[term.key] = term
            return
        seen = {(fold_label(text), lang) for text, lang, _kind in known.labels}
        labels = known.labels + tuple(label for label in term.labels if (fold_label(label[0]), label[1]) not in seen)
        types = known.types + tuple(t for t in term.types if t not in known.types)
        self.terms[term.key] = Term(known.key, labels, types, known.source)

    def _index_label(self, text: str, key: str) -> None:
        folded = fold_label(text)
        if not folded:
            return
        owner = self._index.setdefault(folded, key)
        if owner != key:
            self.conflicts.append((text, owner, key))
            self.problems.append(Problem("ontology/lexicon.ttl", f"label {text!r} names both {owner} and {key}; kept {owner}",
                                         kind="lexicon"))

    def _drop_conflicting_labels(self) -> None:
        """A label two concepts claim stays with the first (curated before discovered) only."""
        lost: dict[str, set[str]] = {}
        for text, _owner, loser in self.conflicts:
            lost.setdefault(loser, set()).add(fold_label(text))
        for key, folded in lost.items():
            term = self.terms[key]
            labels = tuple(l for l in term.labels if fold_label(l[0]) not in folded)
            if labels:
                self.terms[key] = Term(key, labels, term.types, term.source)
            else:  # a concept named only by another's name is no concept of its own
                del self.terms[key]

    def _build_automaton(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        weak = {fold_label(text) for term in self.terms.values() for text, _l, kind in term.labels if kind == "weak"}
        for folded, key in self._index.items():
            if (self.match_weak or folded not in weak) and matchable(folded):
                automaton.add_word(folded, (folded, key))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def key_for(self, label: str) -> str | None:
        """The concept a label names, ignoring case, width, spaces and hyphens (plural tolerated)."""
        folded = fold_label(label)
        if folded in self._index:
            return self._index[folded]
        for suffix in _PLURALS:
            if folded.endswith(suffix) and folded[: -len(suffix)] in self._index:
                return self._index[folded[: -len(suffix)]]
        return None

    def find(self, text: str) -> list[Mention]:
        """Concept mentions in ``text``: non-overlapping, longest first, in text order."""
        if not len(self._automaton):
            return []
        folded, index = normalize(text)
        candidates = []
        for end, (label, key) in self._automaton.iter(folded):
            span = self._original_span(text, index, end - len(label) + 1, end, label)
            if span is not None:
                candidates.append((span[0], span[1], key))
        return _longest_first(text, candidates)

    def _original_span(self, text: str, index: list[int], start: int, end: int, label: str) -> tuple[int, int] | None:
        first, last = index[start], index[end] + 1
        if _is_word_char(label[0]) and first > 0 and _is_word_char(text[first - 1]):
            return None
        if _is_word_char(label[-1]):
            last = _extend_plural(text, last)
            if last < len(text) and _is_word_char(text[last]):
                return None
            if text[last:last + 1] == "." and text[last + 1:last + 2].islower() and text[last + 1:last + 2].isascii():
                return None  # a part of a dotted name: node.kubernetes.io/…, Pod.spec, kubelet.conf
        return first, last


def _extend_plural(text: str, end: int) -> int:
    for suffix in _PLURALS:
        stop = end + len(suffix)
        if text[end:stop] == suffix and (stop == len(text) or not _is_word_char(text[stop])):
            return stop
    return end


def _longest_first(text: str, candidates: list[tuple[int, int, str]]) -> list[Mention]:
    taken: list[tuple[int, int, str]] = []
    for start, end, key in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e, _k in taken):
            taken.append((start, end, key))
    return [Mention(key, s, e, text[s:e]) for s, e, key in sorted(taken)]
