"""Passage retrieval for questions: BM25 over the index, then the sentences that cover the question.

In: the question's weighted ``Term``s, the ``SearchIndex``, the ``Concepts`` (to see which concepts a
sentence names) and ``Coverage``. Out: ``Hit``s — one sentence of one passage each, with its
coverage of the question and a score — best first.

A sentence is judged with its passage's nearest heading as context ("### Prometheus:" above
"k8s集群的监控能力" makes that line about Prometheus). Score = coverage, plus a little of the
passage's BM25 rank, plus a bonus when the sentence is *about* a focus concept (names it first, or
sits under a heading naming it) — what a definition fallback wants — or holds contrast words (what
a difference question wants), and when it is in the question's language. A sentence that only
points the reader elsewhere ("进一步阅读…", "See …": ``pointers`` in questions.yaml) is never a hit. Code blocks are searched but never quoted as answers.
Must not: decide whether to answer (the answerer applies the thresholds) or run SPARQL.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kgraph.answer.concepts import Concepts
from kgraph.answer.coverage import Coverage, Evidence, Term
from kgraph.search.index import SearchIndex
from kgraph.search.model import IndexedPassage, Sentence
from kgraph.text import detect_lang
from kgraph.tokenize import fold_text
from kgraph.model import Mention

TOP_PASSAGES = 40
BM25_SHARE = 0.1
FOCUS_BONUS = 0.15
CONTRAST_BONUS = 0.15
ANSWER_BONUS = 0.05
CUE_BONUS = 0.1
LANG_BONUS = 0.1  # of two sentences saying the same, the one in the question's language
MAX_SENTENCE = 400  # characters; longer "sentences" (tables flattened, run-ons) are poor answers
FOCUS_WINDOW = 12  # a concept named in the first characters of a sentence is its subject


@dataclass(frozen=True)
class Hit:
    passage: IndexedPassage
    sentence: Sentence
    coverage: float
    score: float
    evidence: Evidence


@dataclass(frozen=True)
class Preference:
    focus: tuple[str, ...] = ()  # concepts the answer should be about
    contrast: frozenset[str] = frozenset()  # words that state a difference (difference questions)
    weak_contrast: frozenset[str] = frozenset()  # words that may (而, 但, but)
    other_than: frozenset[str] | None = None  # prefer sentences naming a concept besides these (the answer)
    cues: frozenset[str] = frozenset()  # prefer sentences holding one of these words
    kinds: frozenset[str] = frozenset()  # prefer sentences naming one of these concepts (the kind asked for)
    agent: tuple[str, ...] = ()  # relation words: prefer sentences naming someone else before one ("调度器…调度 Pod")
    lang: str | None = None  # prefer sentences in this language (the question's)


Keep = Callable[[IndexedPassage, Sentence], bool]  # which sentences may be hits at all


class Retriever:
    def __init__(self, index: SearchIndex, concepts: Concepts, coverage: Coverage, connectives: tuple[str, ...] = (),
                 pointers: tuple[str, ...] = ()) -> None:
        self.index = index
        self.concepts = concepts
        self.coverage = coverage
        self.connectives = connectives
        self.pointers = pointers

    def hits(self, terms: Sequence[Term], prefer: Preference = Preference(), limit: int = 5,
             keep: Keep | None = None, passages: int = TOP_PASSAGES) -> list[Hit]:
        """The best ``limit`` sentences of the ``passages`` best passages by BM25 (only those
        ``keep`` accepts, when given)."""
        weights = self.coverage.search_weights(terms)
        ranked = self.index.top(weights, passages)
        if not ranked:
            return []
        best = ranked[0][1]
        hits = []
        for position, score in ranked:
            passage = self.index.passages[position]
            if passage.kind != "code":
                hits += [self._hit(passage, s, terms, score / best, prefer) for s in self._units(passage)
                         if keep is None or keep(passage, s)]
        hits.sort(key=lambda h: (-h.score, h.passage.note, h.sentence.start_line, len(h.sentence.text)))
        return _distinct(hits)[:limit]

    def _weak_openings(self, focus: Sequence[str], text: str) -> list[Mention]:
        """Focus concepts named by a weak label (命名空间) at the start of ``text``: running text
        never links those labels, but a sentence opening with one is about the concept."""
        opening = fold_text(text[: FOCUS_WINDOW + 8])
        found = []
        for key in focus:
            for label in self.concepts.weak_labels(key):
                at = opening.find(fold_text(label))
                if 0 <= at <= FOCUS_WINDOW:
                    found.append(Mention(key, at, at + len(label), label))
        return found

    def _units(self, passage: IndexedPassage) -> list[Sentence]:
        """The passage's sentences, and each sentence that opens with a connective joined to the one before."""
        units = [s for s in passage.sentences if len(s.text) <= MAX_SENTENCE and not self._points_away(s.text)]
        for before, sentence in zip(passage.sentences, passage.sentences[1:]):
            if sentence.text.lower().startswith(self.connectives):
                joined = _joined(passage, before, sentence)
                if joined is not None and len(joined.text) <= MAX_SENTENCE:
                    units.append(joined)
        return units

    def _points_away(self, text: str) -> bool:
        """The sentence only sends the reader elsewhere ("进一步阅读…", "See the …"): it states nothing."""
        folded = fold_text(text.lstrip(" -*>•"))
        return any(folded.startswith(p) and (not p.isascii() or folded[len(p):len(p) + 1] in (" ", "")) for p in self.pointers)

    def _hit(self, passage: IndexedPassage, sentence: Sentence, terms: Sequence[Term], rank: float,
             prefer: Preference) -> Hit:
        mentions = self.concepts.find_in_text(sentence.text)
        topic_keys = self.concepts.keys_in_text(passage.topic)
        evidence = self.coverage.evidence([sentence.text], context=[passage.topic])
        share = self.coverage.share(terms, evidence)
        bonus = _about(prefer.focus, mentions + self._weak_openings(prefer.focus, sentence.text), topic_keys)
        if prefer.other_than is not None and evidence.concepts - prefer.other_than:
            bonus += ANSWER_BONUS
        if prefer.kinds & evidence.concepts:
            bonus += CUE_BONUS
        if prefer.agent and _agent_first(prefer, mentions, evidence.folded):
            bonus += ANSWER_BONUS
        if any(w in evidence.folded for w in prefer.cues):
            bonus += CUE_BONUS
        if prefer.lang and detect_lang(sentence.text) == prefer.lang:
            bonus += LANG_BONUS
        if any(w in evidence.folded for w in prefer.contrast):
            bonus += CONTRAST_BONUS
        elif any(w in evidence.folded for w in prefer.weak_contrast):
            bonus += CONTRAST_BONUS / 2
        return Hit(passage, sentence, share, share + bonus + BM25_SHARE * rank, evidence)


def _about(focus: Sequence[str], mentions, topic_keys: set[str]) -> float:
    """How plainly the sentence is about one of ``focus``: it names it first (``FOCUS_BONUS``), or
    its heading does (a little less), or neither (0)."""
    if set(focus) & {m.key for m in mentions if m.start <= FOCUS_WINDOW}:
        return FOCUS_BONUS
    return FOCUS_BONUS * 2 / 3 if set(focus) & topic_keys else 0.0


def _agent_first(prefer: Preference, mentions, folded: str) -> bool:
    """A concept besides the question's named before the first relation word of the sentence."""
    found = [at for at in (folded.find(w) for w in prefer.agent if not w.isascii()) if at >= 0]
    if not found:
        return False
    others = prefer.other_than or frozenset()
    return any(m.key not in others and m.end <= min(found) for m in mentions)


def _joined(passage: IndexedPassage, before: Sentence, sentence: Sentence) -> Sentence | None:
    """Two consecutive sentences as one, quoted verbatim from the passage source."""
    start = passage.source.find(before.quote)
    end = passage.source.find(sentence.quote, start + len(before.quote)) if start >= 0 else -1
    if end < 0:
        return None
    quote = passage.source[start:end + len(sentence.quote)]
    return Sentence(before.text + sentence.text, quote, before.start_line, sentence.end_line)


def _distinct(hits: list[Hit]) -> list[Hit]:
    """One hit per sentence text (the same sentence in several notes is said once)."""
    seen: set[str] = set()
    unique = []
    for hit in hits:
        if hit.sentence.text not in seen:
            seen.add(hit.sentence.text)
            unique.append(hit)
    return unique
