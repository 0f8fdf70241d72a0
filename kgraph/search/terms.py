"""The term index: concept labels by prefix, for completing what a user is typing.

In: a store generation (``from_engine``: every label ``kgraph.reads.labels`` gives) or labels.
Out: ``TermIndex.complete(prefix, limit) -> (tail, labels)`` — the longest tail of ``prefix`` that
starts some label, and the best ``Label`` of each concept it starts, best first.

Every concept label counts — ``skos:prefLabel`` (zh and en), ``skos:altLabel`` (aliases such as RS,
svc) and ``skos:hiddenLabel`` (misspellings the notes contain) — compared after ``fold`` (width,
case) with spaces and hyphens removed, so "kube a", "KUBE-A" and "ｋｕｂｅ-a" all find kube-apiserver.
A question is typed as a sentence, not a term, so the completion is of the longest *tail* of
``prefix`` that starts some label: "什么是副本" completes "副本" to 副本集, "what manages repl"
completes "repl" to ReplicaSet. Tails start at a word boundary or at any CJK character (Chinese has
no spaces); a Latin tail needs two characters, and a prefix ending in a space completes nothing.
Ranking: exact match, then preferred before alias before misspelling, then shorter, then A–Z.
One index is built per store generation (``kgraph.kb.Snapshot`` holds it).
Must not: import Flask or make URLs (``kgraph.web.terms`` shapes the JSON).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from kgraph import reads
from kgraph.text import fold, is_cjk

MAX_TAIL = 40  # characters of the prefix looked at; no label is longer
KINDS = {"prefLabel": 0, "altLabel": 1, "hiddenLabel": 2}
SHOWN = {"pref": "prefLabel", "alt": "altLabel", "hidden": "hiddenLabel"}  # weak labels are never offered


@dataclass(frozen=True, order=True)
class Label:
    folded: str
    text: str
    lang: str
    kind: str  # prefLabel | altLabel | hiddenLabel
    key: str


def normalize(text: str) -> str:
    return "".join(ch for ch in fold(text) if not ch.isspace() and ch != "-")


class TermIndex:
    """Concept labels sorted by their normalized form, for prefix search by bisection."""

    def __init__(self, version: str, labels: list[Label]) -> None:
        self.version = version
        self.labels = sorted(labels)
        self.keys = [label.folded for label in self.labels]
        self.prefs: dict[str, dict[str, str]] = {}
        for label in self.labels:
            if label.kind == "prefLabel":
                self.prefs.setdefault(label.key, {}).setdefault(label.lang, label.text)

    @classmethod
    def from_engine(cls, engine) -> TermIndex:
        """The index of the labels of ``engine``'s store generation (a ``SparqlEngine``)."""
        labels = [Label(normalize(l.text), l.text, l.lang, SHOWN[l.kind], l.key)
                  for l in reads.labels(engine, engine.settings.base).rows if l.kind in SHOWN and normalize(l.text)]
        return cls(engine.version.name, labels)

    def complete(self, prefix: str, limit: int) -> tuple[str, list[Label]]:
        """The longest tail of ``prefix`` that starts a label, and the best labels it starts."""
        text = prefix[-MAX_TAIL:]
        if not text or text[-1].isspace():  # a finished word: nothing to complete
            return "", []
        for start in tail_starts(text):
            needle = normalize(text[start:])
            found = self.starting_with(needle) if len(needle) >= 2 or is_cjk(needle[:1] or "a") else []
            if found:
                return text[start:], best_per_concept(found, needle, limit)
        return "", []

    def starting_with(self, needle: str) -> list[Label]:
        if not needle:
            return []
        found = []
        for i in range(bisect_left(self.keys, needle), len(self.keys)):
            if not self.keys[i].startswith(needle):
                break
            found.append(self.labels[i])
        return found

    def shown(self, label: Label) -> tuple[str, dict[str, str]]:
        """The text to show for ``label`` (a misspelling shows its concept's preferred label in
        that language) and the concept's preferred labels by language."""
        prefs = self.prefs.get(label.key, {})
        if label.kind != "hiddenLabel":
            return label.text, prefs
        return prefs.get(label.lang) or next(iter(prefs.values()), label.text), prefs


def tail_starts(text: str) -> list[int]:
    """Where a completable tail may start: word boundaries and CJK characters, longest tail first."""
    return [
        i for i, ch in enumerate(text)
        if not ch.isspace() and (i == 0 or not text[i - 1].isalnum() or is_cjk(ch) or is_cjk(text[i - 1]))
    ]


def best_per_concept(labels: list[Label], needle: str, limit: int) -> list[Label]:
    ranked = sorted(labels, key=lambda x: (x.folded != needle, KINDS[x.kind], len(x.folded), x.folded, x.text))
    best: dict[str, Label] = {}
    for label in ranked:
        best.setdefault(label.key, label)
    return list(best.values())[:limit]
