"""Relation words in questions, from the ontology's relation labels (zh and en).

In: the ontology's ``Relation``s, and a question (its masked text and tokens). Out:
``RelationWord``s: which canonical relation a word names and whether it names the derived
inverse ("managed by", 被管理), so the caller can put the question's entity on the right side.

Chinese labels are found as substrings of the masked question (mentions blanked, so 调度 inside
调度器 is never a verb), longest first. English labels are matched word by word on stems, so
"replaced" finds "replaces" and "managed" finds "manages"; the words of a multi-word label may
have up to two other words between them ("stores the cluster data in"). An English active verb
between a form of "be" and "by" is read as passive. The root relation (relatedTo) is left out:
"related" asks for any relation, which is the relationship question type.
Must not: hard-code relation words (they live in ontology/kgraph.ttl).
"""
from __future__ import annotations

from dataclasses import dataclass

from kgraph.tokenize import Token, fold_text, stem
from kgraph.answer.vocabulary import mention_index
from kgraph.ontology import ROOT_RELATION, Relation

MAX_GAP = 2
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})


@dataclass(frozen=True)
class RelationWord:
    relation: str  # the canonical relation, the one facts are asserted with
    inverse: bool  # True when the word names its derived inverse: subject and object swap
    start: int  # offsets in the question
    end: int
    text: str


@dataclass(frozen=True)
class _Label:
    relation: str
    inverse: bool
    words: tuple[str, ...]  # zh: one folded string; en: stems


class RelationWords:
    def __init__(self, relations: dict[str, Relation]) -> None:
        self.relations = relations
        self._zh: list[_Label] = []
        self._en: list[_Label] = []
        for relation in relations.values():
            if relation.name != ROOT_RELATION:
                self._add(relation)
        self._zh.sort(key=lambda label: -len(label.words[0]))
        self._en.sort(key=lambda label: -len(label.words))

    def _add(self, relation: Relation) -> None:
        canonical = relation.name if relation.canonical or relation.symmetric else relation.inverse
        inverse = not (relation.canonical or relation.symmetric)
        for text in relation.labels.get("zh", ()):
            self._zh.append(_Label(canonical, inverse, (fold_text(text).replace(" ", ""),)))
        for text in relation.labels.get("en", ()):
            stems = tuple(stem(w) for w in fold_text(text).replace("-", " ").split())
            self._en.append(_Label(canonical, inverse, stems))

    def labels(self, relation: str) -> list[str]:
        """Every word of ``relation`` and of its inverse, both languages (for query expansion)."""
        rel = self.relations[relation]
        names = [relation] + ([rel.inverse] if rel.inverse and rel.inverse != relation else [])
        return [text for name in names for words in self.relations[name].labels.values() for text in words]

    def find(self, masked: str, tokens: list[Token]) -> list[RelationWord]:
        """Relation words of a question: ``masked`` is the question with mentions blanked
        (same length), ``tokens`` its word tokens outside mentions."""
        found = self._find_zh(masked) + self._find_en(masked, tokens)
        taken: list[RelationWord] = []
        for word in sorted(found, key=lambda w: (w.start - w.end, w.start)):
            if all(word.end <= t.start or word.start >= t.end for t in taken):
                taken.append(word)
        return sorted(taken, key=lambda w: w.start)

    def _find_zh(self, masked: str) -> list[RelationWord]:
        folded = fold_text(masked)
        found = []
        for label in self._zh:
            start = folded.find(label.words[0])
            while start >= 0:
                end = start + len(label.words[0])
                found.append(RelationWord(label.relation, label.inverse, start, end, masked[start:end]))
                start = folded.find(label.words[0], start + 1)
        return found

    def _find_en(self, masked: str, tokens: list[Token]) -> list[RelationWord]:
        terms = [t.term for t in tokens]
        found = []
        for label in self._en:
            for i, term in enumerate(terms):
                if term == label.words[0]:
                    last = _match_rest(terms, i, label.words[1:])
                    if last is not None and not _crosses_mention(masked, tokens[i].start, tokens[last].end):
                        found.append(self._english(label, tokens, i, last, masked))
        return found

    def _english(self, label: _Label, tokens: list[Token], first: int, last: int, masked: str) -> RelationWord:
        start, end = tokens[first].start, tokens[last].end
        passive = first > 0 and tokens[first - 1].word in BE and last + 1 < len(tokens) and tokens[last + 1].word == "by"
        if passive and not label.inverse:
            end = tokens[last + 1].end
        return RelationWord(label.relation, label.inverse != passive, start, end, masked[start:end])


def _crosses_mention(masked: str, start: int, end: int) -> bool:
    return any(mention_index(ch) is not None for ch in masked[start:end])


def _match_rest(terms: list[str], first: int, rest: tuple[str, ...]) -> int | None:
    """Index of the token matching the label's last word, or None."""
    position = first
    for word in rest:
        window = terms[position + 1: position + 2 + MAX_GAP]
        if word not in window:
            return None
        position = position + 1 + window.index(word)
    return position
