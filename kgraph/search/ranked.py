"""Ranked passage search for ``/api/search`` and the search page.

In: a query text (already checked by ``limits``), a result limit, the ``SearchIndex`` and a
``Matcher`` of concept labels (the answerer's ``Concepts``). Out: ``SearchResults``: passages best
first, each with its citation fields (the passage's lines and verbatim source) and a ``Snippet`` —
the passage's plain text around its first match, with the ranges of every matched word or concept
label (the web layer highlights them).

Query terms are the words of the query weighted by rarity, and the concepts it names (any label,
weak ones too) as ``§<Key>`` terms, so "RS" finds passages saying 副本集 or ReplicaSet.
Must not: decide answers or run SPARQL.
"""
from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from kgraph.model import Mention
from kgraph.search.index import SearchIndex, concept_term
from kgraph.search.model import IndexedPassage, SearchHit, SearchResults, Snippet

SNIPPET_CHARS = 160


class Matcher(Protocol):
    def find_in_question(self, text: str) -> list[Mention]:
        """The concepts ``text`` names by any of their labels, weak ones too."""


class Search:
    def __init__(self, index: SearchIndex, concepts: Matcher, stopwords: frozenset[str], titles: dict[str, str]) -> None:
        self.index = index
        self.concepts = concepts
        self.stopwords = stopwords
        self.titles = titles

    def search(self, query: str, limit: int) -> SearchResults:
        # in query order, not as sets: the scores are float32 sums, and a set's order changes with
        # the process's hash seed, so the same query could score differently in the last digit
        keys = dict.fromkeys(m.key for m in self.concepts.find_in_question(query))
        words = dict.fromkeys(t.term for t in self.index.tokenizer.tokens(query) if t.word not in self.stopwords)
        weights = {concept_term(k): self.index.idf(concept_term(k)) for k in keys}
        weights.update({w: self.index.idf(w) for w in words if self.index.known(w)})
        ranked = self.index.top(weights, limit)
        hits = []
        for position, score in ranked:
            passage = self.index.passages[position]
            citation = passage.citation(title=self.titles.get(passage.note, ""))
            hits.append(SearchHit(citation, self._snippet(passage, words, keys), score))
        return SearchResults(query, tuple(hits))

    def _snippet(self, passage: IndexedPassage, words: Collection[str], keys: Collection[str]) -> Snippet:
        text = passage.text
        spans = [(m.start, m.end) for m in self.concepts.find_in_question(text) if m.key in keys]
        spans += [(t.start, t.end) for t in self.index.tokenizer.tokens(text) if t.term in words]
        spans = _merge(sorted(spans))
        start = max(0, spans[0][0] - SNIPPET_CHARS // 4) if spans else 0
        end = min(len(text), start + SNIPPET_CHARS)
        before = "…" if start > 0 else ""
        shown = [(s - start + len(before), e - start + len(before)) for s, e in spans if s >= start and e <= end]
        return Snippet(before + text[start:end] + ("…" if end < len(text) else ""), tuple(shown))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
