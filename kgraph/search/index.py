"""The passage search index of one store generation: written by the build, loaded by the server.

In (build): the generation folder, the parsed passages, what extraction read in each (its sentences
and concept mentions: ``PassageReading``) and the lexicon's terms. Out: a ``search/``
folder in the generation — so a rebuild swaps it atomically with the graph — holding
``tokenizer.marshal`` (the jieba dictionary with the domain words, see ``tokenize``), ``passages.json`` (each passage with its
heading, lines, verbatim source and its sentences already mapped to verbatim quotes and lines)
and ``bm25/`` (a bm25s index).
In (server): the generation folder. Out: ``SearchIndex`` — the tokenizer, the passages and BM25
scores for weighted query terms.

A passage's BM25 document is the words of its text and of its nearest heading, plus one term
``§<Key>`` per concept mention — the mentions extraction found in the passage (any label, any
language, and a glossary link's term: the passages the graph says mention a concept) and the
lexicon's finds in the heading: a question naming "副本集" or "RS" or "ReplicaSets" asks for
``§ReplicaSet`` and finds passages that say any of them. That is the query expansion through the
concepts' zh/en labels. Sentences too are extraction's (``PassageReading.sentences``), never split
again here.
Must not: run SPARQL or know question types.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import bm25s
import numpy as np

from kgraph import pool
from kgraph.buildcache import NoteCache, digest
from kgraph.errors import StoreMissing
from kgraph.lexicon import Lexicon
from kgraph.model import Passage, PassageReading, Term
from kgraph.search.model import IndexedPassage, Sentence
from kgraph.tokenize import Tokenizer, user_words

INDEX_DIR = "search"
TOKENIZER_FILE = "tokenizer.marshal"
CONCEPT_PREFIX = "§"


def _is_term(passage: IndexedPassage) -> bool:
    """A paragraph that is one short name (a definition list's term): no sentence, no punctuation."""
    text = passage.text.strip()
    return passage.kind == "paragraph" and 0 < len(text) <= MAX_TERM and not _SENTENCE_MARK.search(text)


def concept_term(key: str) -> str:
    return CONCEPT_PREFIX + key


MAX_TERM = 40  # characters of a definition list's term
_SENTENCE_MARK = re.compile(r"[。！？；，,.!?;:：]")


# --- build time ------------------------------------------------------------------------------------


def write_index(generation: Path, passages: Sequence[Passage], readings: Mapping[tuple[str, int], PassageReading],
                terms: Iterable[Term], jobs: int = 1, cache: NoteCache | None = None) -> None:
    """Write ``<generation>/search/`` for ``passages``, cutting words with the lexicon's labels.
    A passage's sentences and concept terms are the ones extraction read in it (``readings``, by
    note and passage index), so search, answers and the graph cite the same sentences; the terms
    of its heading are the lexicon's finds there (found once per heading). ``jobs`` worker
    processes tokenize; a note's documents tokenized before with the same terms come from ``cache``."""
    terms = list(terms)
    lexicon = Lexicon(terms)
    words = user_words(text for term in terms for text, _lang, _kind in term.labels)
    tokenizer = Tokenizer.for_words(words)
    folder = Path(generation) / INDEX_DIR
    folder.mkdir(parents=True, exist_ok=True)
    read = [(p, readings[(p.note_path, p.index)]) for p in passages]
    records = [_record(p, reading) for p, reading in read]
    headings: dict[str, list[str]] = {}
    for p in passages:
        topic = p.heading_path[-1] if p.heading_path else ""
        if topic not in headings:
            headings[topic] = [m.key for m in lexicon.find(topic)]
    documents = _documents(read, lambda item: _document(*item, tokenizer, headings), jobs,
                           cache or NoteCache(generation, "", enabled=False), digest(terms))
    tokenizer.save(folder / TOKENIZER_FILE)
    _json(folder / "passages.json", records)
    retriever = bm25s.BM25()
    retriever.index(documents or [[""]], show_progress=False)
    retriever.save(str(folder / "bm25"), show_progress=False)


Read = tuple[Passage, PassageReading]


def _documents(read: Sequence[Read], document, jobs: int, cache: NoteCache, context: str) -> list[list[str]]:
    """Each passage's BM25 document, in order, computed note by note (cached per note)."""
    notes: dict[str, list[Read]] = {}
    for item in read:
        notes.setdefault(item[0].note_path, []).append(item)
    groups = list(notes.values())
    keys = [cache.key("index", tuple(group), context) for group in groups]
    found = {i: cache.get(key) for i, key in enumerate(keys)}
    missing = [i for i, value in found.items() if value is None]
    fresh = pool.run_selected(lambda group: [document(item) for item in group], groups, missing, jobs)
    for i, value in zip(missing, fresh):
        cache.put(keys[i], value)
        found[i] = value
    return [doc for i in range(len(groups)) for doc in found[i]]


def _document(passage: Passage, reading: PassageReading, tokenizer: Tokenizer,
              headings: Mapping[str, list[str]]) -> list[str]:
    topic = passage.heading_path[-1] if passage.heading_path else ""
    words = tokenizer.terms(topic) + tokenizer.terms(passage.text)
    keys = headings[topic] + [m.key for m in reading.mentions]
    return words + [concept_term(key) for key in keys]


def _record(passage: Passage, reading: PassageReading) -> dict:
    sentences = []
    for start, end in reading.sentences:
        quote, span = passage.quote(start, end)
        sentences.append([passage.text[start:end], quote, span.start_line, span.end_line])
    return {
        "note": passage.note_path, "kind": passage.kind, "heading": list(passage.heading_path),
        "start": passage.span.start_line, "end": passage.span.end_line,
        "source": passage.source, "text": passage.text, "sentences": sentences,
    }


def _json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --- query time ------------------------------------------------------------------------------------


class SearchIndex:
    """A loaded index: ``tokenizer``, ``passages`` and weighted BM25 scoring."""

    def __init__(self, tokenizer: Tokenizer, passages: list[IndexedPassage], retriever: bm25s.BM25) -> None:
        self.tokenizer = tokenizer
        self.passages = passages
        self._retriever = retriever
        indptr = np.asarray(retriever.scores["indptr"])
        self._df = np.diff(indptr)  # documents holding each vocabulary term
        self._vocab: dict[str, int] = retriever.vocab_dict

    @classmethod
    def load(cls, generation: Path) -> SearchIndex:
        """The index of a generation; ``StoreMissing`` (503) if it was written without one."""
        folder = Path(generation) / INDEX_DIR
        if not (folder / "passages.json").exists():
            raise StoreMissing(f"store generation {Path(generation).name} has no search index: run `kgraph build`")
        records = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
        passages = [_passage(r, i) for i, r in enumerate(records)]
        return cls(Tokenizer.load(folder / TOKENIZER_FILE), passages, retriever)

    @property
    def size(self) -> int:
        return len(self.passages)

    @property
    def documents(self) -> int:
        """Documents in the BM25 index: one per passage in a whole index."""
        return int(self._retriever.scores["num_docs"])

    def idf(self, term: str) -> float:
        """BM25 (Lucene) inverse document frequency; a term no passage holds gets the highest."""
        index = self._vocab.get(term)
        df = int(self._df[index]) if index is not None else 0
        n = self.size
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    def following_items(self, passage: IndexedPassage, limit: int) -> list[IndexedPassage]:
        """The items right after ``passage`` under the same heading (an announced list): list
        items, or the terms of a definition list — a name on a line of its own ("`PostStart`"),
        each followed by its description, which is skipped."""
        items: list[IndexedPassage] = []
        following = self.passages[passage.position + 1: passage.position + 1 + 2 * limit]
        at = 0
        while at < len(following) and len(items) < limit:
            nxt = following[at]
            if nxt.note != passage.note or nxt.heading_path != passage.heading_path:
                break
            if nxt.kind == "list_item":
                items.append(nxt)
                at += 1
            elif _is_term(nxt) and at + 1 < len(following) and not _is_term(following[at + 1]):
                items.append(nxt)
                at += 2  # the term's description
            else:
                break
        return items

    def before(self, passage: IndexedPassage) -> IndexedPassage | None:
        """The passage just above ``passage`` in its note, if any."""
        if passage.position == 0:
            return None
        above = self.passages[passage.position - 1]
        return above if above.note == passage.note else None

    def share(self, term: str) -> float:
        """The share of passages holding ``term``."""
        index = self._vocab.get(term)
        return int(self._df[index]) / self.size if index is not None and self.size else 0.0

    def known(self, term: str) -> bool:
        index = self._vocab.get(term)
        return index is not None and int(self._df[index]) > 0

    def scores(self, weighted: dict[str, float]) -> np.ndarray:
        """Σ weight × BM25 score of each term, for every passage."""
        total = np.zeros(self.size, dtype=np.float32)
        if not self.size:  # an empty corpus still gets a one-document BM25 index
            return total
        for term, weight in weighted.items():
            if term in self._vocab and weight > 0:
                total += weight * self._retriever.get_scores([term])
        return total

    def top(self, weighted: dict[str, float], k: int) -> list[tuple[int, float]]:
        """The ``k`` best passages as (position, score), best first; passages scoring 0 left out."""
        scores = self.scores(weighted)
        if not len(scores):
            return []
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(best.tolist(), key=lambda i: (-scores[i], i))
        return [(i, float(scores[i])) for i in ranked if scores[i] > 0]


def _passage(record: dict, position: int) -> IndexedPassage:
    sentences = tuple(Sentence(text, quote, start, end) for text, quote, start, end in record["sentences"])
    return IndexedPassage(
        note=record["note"], kind=record["kind"], heading_path=tuple(record["heading"]),
        start_line=record["start"], end_line=record["end"], source=record["source"],
        text=record["text"], sentences=sentences, position=position,
    )
