"""The concepts of the live graph, as the answerer needs them: labels, types, matchers, suggestions.

In: the SPARQL engine (labels and types of every ``skos:Concept``) and the ontology's class
hierarchy. Out: ``Concepts`` — each ``Concept`` with its labels and classes; a question matcher
(every label, weak ones too: "什么是部署" names Deployment) and a running-text matcher (weak labels
skipped, as at build time); display labels in a language; ``Entity`` values; close labels for
"did you mean". Must not: tokenize, search passages or compose answers.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kgraph import reads
from kgraph.answer.model import Entity
from kgraph.iri import Iris
from kgraph.lexicon import Lexicon, fold_label
from kgraph.model import Mention, Term

KIND_ORDER = {"pref": 0, "alt": 1, "hidden": 2, "weak": 3}
SUGGEST_CUTOFF = 80
MEMO_SIZE = 100_000


@dataclass(frozen=True)
class Concept:
    key: str
    iri: str
    labels: tuple[tuple[str, str, str], ...]  # (text, lang, kind), prefLabels first
    types: tuple[str, ...]  # ontology class local names, ancestors included

    def label(self, lang: str) -> str:
        """The prefLabel in ``lang``, else in English, else any label, else the key."""
        for wanted in (lang, "en", None):
            for text, label_lang, kind in self.labels:
                if kind == "pref" and (wanted is None or label_lang == wanted):
                    return text
        return self.labels[0][0] if self.labels else self.key

    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(text for text, _lang, _kind in self.labels))


class Concepts:
    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.by_key = {c.key: c for c in concepts}
        terms = [Term(c.key, c.labels, c.types) for c in self.by_key.values()]
        self.question_matcher = Lexicon(terms, match_weak=True)
        self.text_matcher = Lexicon(terms)
        self._weak = {fold_label(t) for c in self.by_key.values() for t, _l, k in c.labels if k == "weak"}
        self._choices = {fold_label(t): c.key for c in self.by_key.values() for t, _l, k in c.labels if len(t) >= 3}
        self._choice_list = list(self._choices)
        self._found: dict[str, tuple[Mention, ...]] = {}

    @classmethod
    def load(cls, engine, iris: Iris, superclasses: dict[str, frozenset[str]]) -> Concepts:
        labels: dict[str, list[tuple[str, str, str]]] = {}
        for label in reads.labels(engine, iris.base).rows:
            labels.setdefault(label.key, [])
            if label.kind:
                labels[label.key].append((label.text, label.lang, label.kind))
        types: dict[str, set[str]] = {}
        for key, name in reads.types(engine, iris.base).rows:
            types.setdefault(key, set()).update(superclasses.get(name, {name}))
        return cls(_concept(key, labels.get(key, []), types.get(key, set()), iris) for key in set(labels) | set(types))

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    def get(self, key: str) -> Concept | None:
        return self.by_key.get(key)

    def label(self, key: str, lang: str) -> str:
        concept = self.by_key.get(key)
        return concept.label(lang) if concept else key

    def entity(self, key: str, lang: str) -> Entity:
        c = self.by_key[key]
        return Entity(c.iri, c.key, c.label(lang), c.names())

    def weak_labels(self, key: str) -> tuple[str, ...]:
        """The concept's everyday-word labels (命名空间, 部署): running text never links them, so
        callers look for them as words."""
        concept = self.by_key.get(key)
        return tuple(dict.fromkeys(t for t, _l, k in concept.labels if k == "weak")) if concept else ()

    def is_weak(self, surface: str) -> bool:
        return fold_label(surface) in self._weak

    def find_in_question(self, text: str) -> list[Mention]:
        return [m for m in self.question_matcher.find(text) if not _spread(m)]

    def find_in_text(self, text: str) -> list[Mention]:
        """Mentions in running text (weak labels skipped), remembered: the same sentences come back."""
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= MEMO_SIZE:
                self._found.clear()
            found = self._found[text] = tuple(m for m in self.text_matcher.find(text) if not _spread(m))
        return list(found)

    def keys_in_text(self, text: str) -> set[str]:
        return {m.key for m in self.find_in_text(text)}

    def members(self, class_name: str) -> list[str]:
        """Keys of the concepts typed with ``class_name`` or one of its subclasses."""
        return sorted(k for k, c in self.by_key.items() if class_name in c.types)

    def suggest(self, words: Iterable[str], limit: int = 3) -> list[str]:
        """Keys of the concepts with a label close to one of ``words`` (misspellings, near names), best first."""
        scored: dict[str, float] = {}
        for word in words:
            folded = fold_label(word)
            if len(folded) < 4 and folded.isascii():
                continue
            for _choice, score, _i in process.extract(folded, self._choice_list, scorer=fuzz.ratio,
                                                      score_cutoff=SUGGEST_CUTOFF, limit=limit):
                key = self._choices[_choice]
                scored[key] = max(scored.get(key, 0.0), score)
        return sorted(scored, key=lambda k: (-scored[k], k))[:limit]


def _spread(mention: Mention) -> bool:
    """A short label matched across a space ("what's a" as "sa"): matching ignores spaces, but
    abbreviations are never written apart."""
    return any(ch.isspace() for ch in mention.surface) and len(fold_label(mention.surface)) <= 3


def _concept(key: str, labels: list[tuple[str, str, str]], types: set[str], iris: Iris) -> Concept:
    iri = str(iris.concept(key))
    ordered = sorted(set(labels), key=lambda label: (KIND_ORDER.get(label[2], 9), label[1], label[0]))
    return Concept(key, iri, tuple(ordered), tuple(sorted(types)))
