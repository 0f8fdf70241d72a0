"""Definitions answered from the passages, when the graph holds none: sentences that say what X is.

In: a ``Question`` and, as keyword arguments, the parts each strategy reads (``strategies`` binds
them): the concepts, ``Names``, the retriever, coverage and ``DefiningForm`` — the defining words
of the vocabulary with what stands before a sentence (the index, the notes' titles). Out: a ``Draft`` quoting the sentences of defining form
(``defining``) about X, those naming what X is before those saying what it does — or None, and
the answerer refuses rather than quote a sentence that merely mentions X.

- about: X is a concept; its mentions in a sentence (any of its labels) are what must open it
  ("what is X for" asks less: any sentence about X, one saying what X is for first);
- defined: X names no concept, or more than one ("什么是 pause 进程？", "What is scoring?"): X as
  the question writes it must open the sentence.
Few sentences pass, so ``DEFINING_POOL`` passages are searched rather than retrieval's usual number.
Must not: run SPARQL or decide on its own whether the draft answers (the answerer's judge does).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kgraph.answer.compose import INTRO
from kgraph.answer.concepts import Concepts
from kgraph.answer.coverage import Coverage
from kgraph.answer.defining import defines
from kgraph.answer.draft import Draft, hits_parts
from kgraph.search.index import SearchIndex
from kgraph.search.model import IndexedPassage, Sentence
from kgraph.answer.names import Names
from kgraph.answer.question import Question
from kgraph.answer.retrieval import Hit, Preference, Retriever
from kgraph.answer.text_answers import best
from kgraph.text import detect_lang
from kgraph.tokenize import fold_text

DEFINING_POOL = 200
Strength = Callable[[IndexedPassage, Sentence], int]
HitsAbout = Callable[..., list[Hit]]  # text_answers.about_hits, bound to its parts


@dataclass(frozen=True)
class DefiningForm:
    """Whether a sentence is of defining form about a name, read with what stands before it."""

    words: Mapping[str, Mapping[str, tuple[str, ...]]]  # tier -> lang -> words (``defining:`` in questions.yaml)
    index: SearchIndex
    titles: Mapping[str, str]  # note path -> its title

    def strength(self, passage: IndexedPassage, sentence: Sentence, spans: list[tuple[int, int]],
                 names: Sequence[str]) -> int:
        """``defining.defines`` of ``sentence``, the names at ``spans``: 0 when it does not define them."""
        lang = detect_lang(sentence.text)
        words = {tier: by_lang[lang] for tier, by_lang in self.words.items()}
        return defines(sentence.text, spans, words, self.heads(passage, sentence), names)

    def heads(self, passage: IndexedPassage, sentence: Sentence) -> list[str]:
        """The lines right before ``sentence`` that may name what it defines: the sentence before it,
        or, when it opens its passage, the passage's heading — the note's title when the passage opens
        the note (a glossary page's summary) — and the last sentence of the passage just above (a
        definition list's term: "`NoSchedule`" above ": No new Pods …")."""
        sentences = passage.sentences
        at = sentences.index(sentence) if sentence in sentences else -1
        if at > 0:
            return [sentences[at - 1].text]
        if at < 0:
            return []
        above = self.index.before(passage)
        if above is None:
            return [passage.topic or self.titles.get(passage.note, "")]
        touching = above.sentences and above.end_line >= passage.start_line - 1
        return [passage.topic] + ([above.sentences[-1].text] if touching else [])


def about(question: Question, key: str, *, concepts: Concepts, names: Names, form: DefiningForm,
          hits_about: HitsAbout) -> Draft | None:
    """Sentences of defining form whose mentions of the concept ``key`` open them."""
    concept = concepts.get(key)
    labels = concept.names() if concept else ()

    def strength(passage: IndexedPassage, sentence: Sentence) -> int:
        spans = [(m.start, m.end) for m in concepts.find_in_text(sentence.text) if m.key == key]
        return form.strength(passage, sentence, spans, labels)

    if question.purpose:  # "what is X for": any sentence about X may say it, defining ones first
        hits = hits_about(question, key)
    else:
        hits = hits_about(question, key, keep=lambda p, s: strength(p, s) > 0, passages=DEFINING_POOL)
    return _draft(hits, strength, (key,), names.label(key, question.lang), question.lang)


def defined(question: Question, *, retriever: Retriever, coverage: Coverage, form: DefiningForm) -> Draft | None:
    """Sentences of defining form opening with X as the question writes it, when X names no concept
    or is a phrase about one."""
    written = question.intent.written
    if not written or (question.intent.subject is not None and not question.intent.phrase):
        return None
    wanted = fold_text(written)

    def strength(passage: IndexedPassage, sentence: Sentence) -> int:
        return form.strength(passage, sentence, _occurrences(fold_text(sentence.text), wanted), (written,))

    hits = retriever.hits(coverage.terms(question), Preference(lang=question.lang), limit=10,
                          passages=DEFINING_POOL, keep=lambda p, s: strength(p, s) > 0)
    return _draft(hits, strength, (), written, question.lang)


def _draft(hits: Sequence[Hit], strength: Strength, keys: tuple[str, ...], label: str, lang: str) -> Draft | None:
    """The best sentences, naming ones first (the sort is stable: score order within a strength)."""
    if not hits:
        return None
    ranked = sorted(hits, key=lambda h: -strength(h.passage, h.sentence))
    return Draft("definition", "", hits_parts(best(ranked)), None, keys, "passages",
                 INTRO[lang]["about"].format(label), single=True)


def _occurrences(folded: str, wanted: str) -> list[tuple[int, int]]:
    spans, at = [], folded.find(wanted)
    while at >= 0 and wanted:
        spans.append((at, at + len(wanted)))
        at = folded.find(wanted, at + 1)
    return spans
